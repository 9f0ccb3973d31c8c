import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { refusalText } from '../service/errors';
import { generatePassword, personProblem, type Person, type PersonEntry } from '../service/people';
import { hasKey, type Translator } from './i18n';
import { field, hidden, PageRefusal, refusalOf, sendPage, type PageKit } from './kit';
import type { Viewer } from './pages/layout';
import { emptyNewPerson, peoplePage, personPage, type NewPersonFields, type ShownPassword } from './pages/people';

const idPattern = /^[1-9]\d{0,8}$/;

/**
 * The department someone may be given: '' (all), or one the catalog names, so an approver never
 * waits for cases of a department no matter belongs to. Before a catalog is published, any name.
 */
function departmentRefusal(ui: Translator, department: string, known: readonly string[]): string | null {
  if (!department || known.length === 0 || known.includes(department)) return null;
  return ui.t('people.error.department', { department });
}

/** 人员 (administrators only): add approvers and administrators, set a department, reset a password, disable. */
export function registerPeoplePages(scope: FastifyInstance, kit: PageKit): void {
  const { central, serviceName, signedIn } = kit;

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    viewer: Viewer,
    extra: { typed?: NewPersonFields; error?: string | null; notice?: string | null } = {},
  ): Promise<FastifyReply> {
    return sendPage(
      reply,
      status,
      peoplePage({
        ui: kit.ui(request),
        serviceName,
        viewer,
        people: await central.people.list(),
        departments: await kit.departments(),
        typed: extra.typed ?? emptyNewPerson,
        error: extra.error ?? null,
        notice: extra.notice ?? null,
      }),
    );
  }

  async function renderPerson(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    viewer: Viewer,
    person: PersonEntry,
    extra: { department?: string; shown?: ShownPassword | null; error?: string | null; notice?: string | null } = {},
  ): Promise<FastifyReply> {
    return sendPage(
      reply,
      status,
      personPage({
        ui: kit.ui(request),
        serviceName,
        viewer,
        person,
        departments: await kit.departments(),
        department: extra.department ?? person.department,
        shown: extra.shown ?? null,
        error: extra.error ?? null,
        notice: extra.notice ?? null,
      }),
    );
  }

  /** The person an address names, or null with the 404 already sent. */
  async function personOf(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: Viewer,
    id: string,
  ): Promise<PersonEntry | null> {
    const person = idPattern.test(id) ? await central.people.get(Number(id)) : null;
    if (!person) kit.notFoundPage(request, reply, viewer, kit.ui(request).t('people.error.notFound'));
    return person;
  }

  scope.get('/people', hidden, async (request, reply) => {
    const viewer = await signedIn(request, reply, { admin: true });
    if (!viewer) return reply;
    return renderList(request, reply, 200, viewer);
  });

  scope.post('/people', hidden, async (request, reply) => {
    const viewer = await signedIn(request, reply, { form: true, admin: true });
    if (!viewer) return reply;
    const ui = kit.ui(request);
    const role = field(request.body, 'role');
    const typed: NewPersonFields = {
      username: field(request.body, 'username').trim(),
      displayName: field(request.body, 'displayName').trim(),
      role: role === 'admin' ? 'admin' : 'approver',
      department: field(request.body, 'department').trim(),
    };
    const typedPassword = field(request.body, 'password');
    const password = typedPassword || generatePassword();
    const refused = personProblem({ ...typed, password });
    const problem =
      (role !== 'admin' && role !== 'approver' ? ui.t('people.error.role') : null) ??
      (refused && refusalText(refused, ui.lang)) ??
      departmentRefusal(ui, typed.department, await kit.departments());
    if (problem) return renderList(request, reply, 400, viewer, { typed, error: problem });
    let created: Person;
    try {
      created = await central.people.create(
        { ...typed, role: typed.role as Person['role'], password },
        kit.actorName(viewer.person),
      );
    } catch (error) {
      const refusal = refusalOf(error, ui.lang);
      if (!refusal) throw error;
      return renderList(request, reply, refusal.status, viewer, { typed, error: refusal.text });
    }
    const person = (await central.people.get(created.id))!;
    return renderPerson(request, reply, 200, viewer, person, {
      notice: ui.t(typedPassword ? 'people.addedTyped' : 'people.added', {
        name: person.displayName,
        username: person.username,
      }),
      shown: typedPassword ? null : { username: person.username, password },
    });
  });

  scope.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    '/people/:id',
    hidden,
    async (request, reply) => {
      const viewer = await signedIn(request, reply, { admin: true });
      if (!viewer) return reply;
      const person = await personOf(request, reply, viewer, request.params.id);
      if (!person) return reply;
      const doneKey = `people.done.${request.query.done}`;
      return renderPerson(request, reply, 200, viewer, person, {
        notice: typeof request.query.done === 'string' && hasKey(doneKey) ? kit.ui(request).t(doneKey) : null,
      });
    },
  );

  /** A change to one person; a refusal shows their page again with the message and what was typed. */
  function onPerson(
    path: string,
    change: (
      ui: Translator,
      viewer: Viewer,
      person: PersonEntry,
      body: unknown,
    ) => Promise<{ done: string } | { shown: ShownPassword }>,
  ): void {
    scope.post<{ Params: { id: string } }>(`/people/:id/${path}`, hidden, async (request, reply) => {
      const viewer = await signedIn(request, reply, { form: true, admin: true });
      if (!viewer) return reply;
      const person = await personOf(request, reply, viewer, request.params.id);
      if (!person) return reply;
      const department = path === 'department' ? field(request.body, 'department') : person.department;
      let outcome: Awaited<ReturnType<typeof change>>;
      try {
        outcome = await change(kit.ui(request), viewer, person, request.body);
      } catch (error) {
        const refusal = refusalOf(error, kit.ui(request).lang);
        if (!refusal) throw error;
        return renderPerson(request, reply, refusal.status, viewer, person, { department, error: refusal.text });
      }
      let current = viewer;
      if (person.id === viewer.person.id && path === 'password') {
        current = await kit.startSession(request, reply, viewer.person);
      }
      const after = (await central.people.get(person.id))!;
      if ('shown' in outcome) {
        return renderPerson(request, reply, 200, current, after, {
          notice: kit.ui(request).t('people.done.password'),
          shown: outcome.shown,
        });
      }
      return reply.redirect(`/approver/people/${person.id}?done=${outcome.done}`, 303);
    });
  }

  onPerson('department', async (ui, viewer, person, body) => {
    const department = field(body, 'department').trim();
    const refusal = departmentRefusal(ui, department, await kit.departments());
    if (refusal) throw new PageRefusal(400, refusal);
    await central.people.setDepartment(person.id, department, kit.actorName(viewer.person));
    return { done: 'department' };
  });

  onPerson('password', async (_ui, viewer, person, body) => {
    const typed = field(body, 'password');
    const password = typed || generatePassword();
    await central.people.resetPassword(person.id, password, kit.actorName(viewer.person));
    return typed ? { done: 'password' } : { shown: { username: person.username, password } };
  });

  onPerson('disable', async (ui, viewer, person, body) => {
    if (person.id === viewer.person.id) throw new PageRefusal(400, ui.t('people.error.self'));
    if (field(body, 'confirm') !== 'yes') throw new PageRefusal(400, ui.t('people.error.confirm'));
    await central.people.setDisabled(person.id, true, kit.actorName(viewer.person));
    return { done: 'disabled' };
  });

  onPerson('enable', async (_ui, viewer, person) => {
    await central.people.setDisabled(person.id, false, kit.actorName(viewer.person));
    return { done: 'enabled' };
  });
}
