import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Central } from '../central';
import { CentralError } from '../service/errors';
import { generatePassword, personProblem, type Person, type PersonEntry } from '../service/people';
import type { Viewer } from './pages/layout';
import { emptyNewPerson, peoplePage, personPage, type NewPersonFields, type ShownPassword } from './pages/people';

/** What the people pages borrow from the approver routes: the checks and answers every page shares. */
export interface PageKit {
  serviceName: string;
  signedIn: (
    request: FastifyRequest,
    reply: FastifyReply,
    need?: { form?: boolean; admin?: boolean },
  ) => Promise<Viewer | null>;
  sendPage: (reply: FastifyReply, status: number, text: string) => FastifyReply;
  notFoundPage: (reply: FastifyReply, viewer: Viewer | null, text?: string) => FastifyReply;
  field: (body: unknown, name: string) => string;
  actorName: (person: Person) => string;
  /** Sets a fresh session cookie for someone who just reset their own password (their old sessions ended); the new session. */
  startSession: (reply: FastifyReply, person: Person) => Promise<string>;
  /** The departments of the published catalog (empty before one is published). */
  departments: () => Promise<string[]>;
}

const idPattern = /^[1-9]\d{0,8}$/;
const doneNotices: Record<string, string> = {
  department: '已保存部门。',
  password: '已重置密码：该人员已登录的会话已结束，请用新密码登录。',
  disabled: '已停用：该人员不能再登录，已登录的会话已结束。',
  enabled: '已启用：该人员可以再次登录。',
};

/**
 * The department someone may be given: '' (all), or one the catalog names, so an approver never
 * waits for cases of a department no matter belongs to. Before a catalog is published, any name.
 */
function departmentRefusal(department: string, known: readonly string[]): string | null {
  if (!department || known.length === 0 || known.includes(department)) return null;
  return `部门「${department}」不在事项目录的部门中：请从列表中选择，或留空表示全部部门`;
}

/** 人员 (administrators only): add approvers and administrators, set a department, reset a password, disable. */
export function registerPeoplePages(scope: FastifyInstance, central: Central, kit: PageKit): void {
  const { serviceName, signedIn, sendPage, field } = kit;

  async function renderList(
    reply: FastifyReply,
    status: number,
    viewer: Viewer,
    extra: { typed?: NewPersonFields; error?: string | null; notice?: string | null } = {},
  ): Promise<FastifyReply> {
    return sendPage(
      reply,
      status,
      peoplePage({
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
  async function personOf(reply: FastifyReply, viewer: Viewer, id: string): Promise<PersonEntry | null> {
    const person = idPattern.test(id) ? await central.people.get(Number(id)) : null;
    if (!person) kit.notFoundPage(reply, viewer, '该人员不存在。');
    return person;
  }

  scope.get('/people', { schema: { hide: true } }, async (request, reply) => {
    const viewer = await signedIn(request, reply, { admin: true });
    if (!viewer) return reply;
    return renderList(reply, 200, viewer);
  });

  scope.post('/people', { schema: { hide: true } }, async (request, reply) => {
    const viewer = await signedIn(request, reply, { form: true, admin: true });
    if (!viewer) return reply;
    const role = field(request.body, 'role');
    const typed: NewPersonFields = {
      username: field(request.body, 'username').trim(),
      displayName: field(request.body, 'displayName').trim(),
      role: role === 'admin' ? 'admin' : 'approver',
      department: field(request.body, 'department').trim(),
    };
    const typedPassword = field(request.body, 'password');
    const password = typedPassword || generatePassword();
    const problem =
      (role !== 'admin' && role !== 'approver' ? '请选择角色：审批人或管理员' : null) ??
      personProblem({ ...typed, password }) ??
      departmentRefusal(typed.department, await kit.departments());
    if (problem) return renderList(reply, 400, viewer, { typed, error: problem });
    let created: Person;
    try {
      created = await central.people.create(
        { ...typed, role: typed.role as Person['role'], password },
        kit.actorName(viewer.person),
      );
    } catch (error) {
      if (!(error instanceof CentralError)) throw error;
      return renderList(reply, error.status, viewer, { typed, error: error.message });
    }
    const person = (await central.people.get(created.id))!;
    return renderPerson(reply, 200, viewer, person, {
      notice: `已添加${typedPassword ? '，密码为您设定的密码' : ''}：${person.displayName}（${person.username}）。`,
      shown: typedPassword ? null : { username: person.username, password },
    });
  });

  scope.get<{ Params: { id: string }; Querystring: { done?: string } }>(
    '/people/:id',
    { schema: { hide: true } },
    async (request, reply) => {
      const viewer = await signedIn(request, reply, { admin: true });
      if (!viewer) return reply;
      const person = await personOf(reply, viewer, request.params.id);
      if (!person) return reply;
      const done = request.query.done;
      return renderPerson(reply, 200, viewer, person, {
        notice: typeof done === 'string' ? (doneNotices[done] ?? null) : null,
      });
    },
  );

  /** A change to one person; a refusal shows their page again with the message and what was typed. */
  function onPerson(
    path: string,
    change: (
      viewer: Viewer,
      person: PersonEntry,
      body: unknown,
    ) => Promise<{ done: string } | { shown: ShownPassword }>,
  ): void {
    scope.post<{ Params: { id: string } }>(
      `/people/:id/${path}`,
      { schema: { hide: true } },
      async (request, reply) => {
        const viewer = await signedIn(request, reply, { form: true, admin: true });
        if (!viewer) return reply;
        const person = await personOf(reply, viewer, request.params.id);
        if (!person) return reply;
        const department = path === 'department' ? field(request.body, 'department') : person.department;
        let outcome: Awaited<ReturnType<typeof change>>;
        try {
          outcome = await change(viewer, person, request.body);
        } catch (error) {
          if (!(error instanceof CentralError)) throw error;
          return renderPerson(reply, error.status, viewer, person, { department, error: error.message });
        }
        let current = viewer;
        if (person.id === viewer.person.id && path === 'password') {
          const session = await kit.startSession(reply, viewer.person);
          current = { person: viewer.person, csrf: central.people.formToken(session) };
        }
        const after = (await central.people.get(person.id))!;
        if ('shown' in outcome) {
          return renderPerson(reply, 200, current, after, { notice: doneNotices.password, shown: outcome.shown });
        }
        return reply.redirect(`/approver/people/${person.id}?done=${outcome.done}`, 303);
      },
    );
  }

  onPerson('department', async (viewer, person, body) => {
    const department = field(body, 'department').trim();
    const refusal = departmentRefusal(department, await kit.departments());
    if (refusal) throw new CentralError(400, 'invalid_input', refusal);
    await central.people.setDepartment(person.id, department, kit.actorName(viewer.person));
    return { done: 'department' };
  });

  onPerson('password', async (viewer, person, body) => {
    const typed = field(body, 'password');
    const password = typed || generatePassword();
    await central.people.resetPassword(person.id, password, kit.actorName(viewer.person));
    return typed ? { done: 'password' } : { shown: { username: person.username, password } };
  });

  onPerson('disable', async (viewer, person, body) => {
    if (person.id === viewer.person.id) throw new CentralError(400, 'invalid_input', '不能停用自己正在使用的账户');
    if (field(body, 'confirm') !== 'yes')
      throw new CentralError(400, 'invalid_input', '请先勾选“确认停用”再停用账户。');
    await central.people.setDisabled(person.id, true, kit.actorName(viewer.person));
    return { done: 'disabled' };
  });

  onPerson('enable', async (viewer, person) => {
    await central.people.setDisabled(person.id, false, kit.actorName(viewer.person));
    return { done: 'enabled' };
  });
}
