// Longer than most files on purpose: this is the one writer of every case table, and each write
// (create, save, decide, resume, discard) is a transaction that checks the transition table and
// the audit trail together. The reads live in views.ts, central's events in central-events.ts.
import { createHash, randomUUID } from 'node:crypto';
import { desc, eq } from 'drizzle-orm';
import type { Clock } from '../app/clock';
import type { AuditService } from '../audit/service';
import type { CalendarService } from '../calendar/service';
import type { CatalogService } from '../catalog/service';
import type { Db } from '../db/connection';
import { caseDecisions, caseMaterials, cases } from '../db/schema';
import type { MaterialStore } from '../materials/store';
import type { SettingsService } from '../settings/service';
import { createApplicantRegistry } from './applicants';
import { createCentralEvents } from './central-events';
import type { Actor, DecidedMaterial } from './model';
import { createCaseViews, type CaseRow } from './views';
import { nextCaseNumber, numberingWindow } from './numbering';
import type { CaseDecisionRecord, CaseDetail } from '../../preload/contract/cases';
import type { CaseDraft, CaseState, Decision, PersonDraft } from '@yichuang/domain/cases';
import {
  caseDraftSchema,
  caseStateNames,
  caseStateNamesEn,
  emptyDraft,
  isResumable,
  nextState,
  type CaseAction,
} from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import { hallDate } from '@yichuang/domain/hall-time';
import { AppError, errorParamOf, type ErrorParam } from '../../preload/contract/errors';
import { maskIdNumber, normalizeIdNumber } from '@yichuang/domain/id-numbers';
import {
  checklistFor,
  decisionProblems,
  fieldTexts,
  itemNameParam,
  type ChecklistEntry,
} from '../../preload/contract/intake';
import { learnedDetails, withPanelFields } from '../../preload/contract/applicant-fields';
import { caseOverseers, type Role } from '../../preload/contract/roles';

/** What the clerk does to a case at the window (central's events come through central-events.ts). */
type WindowAction = Exclude<CaseAction, `central.${string}`>;

function stateError(action: WindowAction, state: CaseState): AppError {
  const what: Record<WindowAction, ErrorParam> = {
    accept: { 'zh-CN': '受理', en: 'Accept' },
    supplement: { 'zh-CN': '出具补正告知', en: 'Request a supplement' },
    reject: { 'zh-CN': '不予受理', en: 'Do not accept' },
    resume: { 'zh-CN': '补正后继续办理', en: 'Resume after supplement' },
    discard: { 'zh-CN': '放弃草稿', en: 'Discard the draft' },
  };
  return new AppError('case_wrong_state', {
    state: { 'zh-CN': caseStateNames[state], en: caseStateNamesEn[state] },
    action: what[action],
  });
}

function sha256Json(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value), 'utf8').digest('hex');
}

/** Who the case is about, as the list shows it: the person, or the enterprise. */
function applicantOf(draft: CaseDraft, subject: Matter['subject'] | null): { name: string; idNumber: string } {
  if (subject === 'enterprise') return { name: draft.enterprise.name.trim(), idNumber: draft.enterprise.creditCode };
  return { name: draft.person.name.trim(), idNumber: draft.person.idNumber };
}

/** The enterprise an agent acted for, as the registry keeps it with the agent. */
function actedFor(draft: CaseDraft): Record<string, unknown> {
  const e = draft.enterprise;
  return {
    actedFor: {
      name: e.name.trim(),
      creditCode: e.creditCode,
      legalRepresentative: e.legalRepresentative,
      phone: e.phone,
      address: e.address,
    },
  };
}

function personDetails(p: PersonDraft): Record<string, unknown> {
  return { idType: p.idType, sex: p.sex, nation: p.nation, birthDate: p.birthDate, address: p.address, phone: p.phone };
}

export interface CaseServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditService;
  catalog: CatalogService;
  calendar: CalendarService;
  settings: SettingsService;
  materials: MaterialStore;
  /** The HMAC key of ID-number digests (security/keys.ts); an install from before keeps its stored one. */
  idDigestKey: Buffer;
  /**
   * Called inside the decision's transaction with the version as decided: the sync outbox writes
   * its items here, so a decision and what must reach central commit together or not at all.
   */
  onDecided?: (decided: DecidedVersion) => void;
  /** Told after a case page was opened on central's unseen news: the menu's count went down. */
  onUnseenChanged?: (count: number) => void;
  /** Told after a draft was saved (the citizen screen showing it follows). */
  onSaved?: (caseId: string, clerkId: number) => void;
}

/** A checklist entry as it is recorded with the decision. */
function decidedMaterialOf(entry: ChecklistEntry): DecidedMaterial {
  return {
    itemId: entry.item.id,
    name: entry.item.name,
    required: entry.required,
    status: entry.status,
    pages: entry.pages,
    originalChecked: entry.state.originalChecked,
    copies: entry.state.copies,
    eLicence: entry.state.eLicence,
    files: entry.state.files,
  };
}

/** A case version as the window decided it: everything central needs, frozen at the decision. */
export interface DecidedVersion {
  caseId: string;
  version: number;
  number: string;
  state: 'accepted' | 'supplement_requested' | 'rejected';
  matter: Matter;
  catalogVersion: number;
  districtCode: string;
  windowNumber: number;
  clerk: Actor;
  decision: Decision;
  decidedAt: string;
  acceptedAt: string | null;
  promisedDate: string | null;
  promisedProvisional: boolean;
  contentHash: string;
  draft: CaseDraft;
  materials: DecidedMaterial[];
}

/** The case (办件): drafts, decisions, numbers, promised dates, the list and the case page. */
export function createCaseService(deps: CaseServiceDeps) {
  const { db, clock, audit, catalog, calendar, settings, materials } = deps;
  const registry = createApplicantRegistry(db, settings, deps.idDigestKey);
  const views = createCaseViews({ db, clock, audit, catalog, calendar, registry });
  // The reads are the views'; this service adds every write.
  const { row, detailOf, ...reads } = views;
  const central = createCentralEvents({
    db,
    audit,
    row,
    unseenCount: () => reads.unseenCount(),
    onUnseenChanged: (count) => deps.onUnseenChanged?.(count),
  });

  function today(): string {
    return hallDate(clock.now());
  }

  function matterOrThrow(code: string | null): Matter | null {
    if (code === null) return null;
    const matter = catalog.get(code);
    if (!matter) throw new AppError('matter_not_in_catalog', { code }, { matter: '事项不存在' });
    return matter;
  }

  /** The columns the list and search read, kept in step with the draft. */
  function searchColumns(draft: CaseDraft, matter: Matter | null) {
    const who = applicantOf(draft, matter?.subject ?? null);
    const id = normalizeIdNumber(who.idNumber);
    const agentId = draft.hasAgent ? normalizeIdNumber(draft.agent.idNumber) : '';
    return {
      matterCode: matter?.code ?? null,
      matterName: matter?.name ?? null,
      subject: matter?.subject ?? null,
      applicantName: who.name,
      applicantIdDigest: id ? registry.digest(id) : null,
      applicantIdMasked: id ? maskIdNumber(id) : '',
      agentIdDigest: agentId ? registry.digest(agentId) : null,
    };
  }

  function note(actor: Actor, action: string, caseId: string, detail: Record<string, unknown>): void {
    audit.append({ userId: actor.id, username: actor.username, action, target: caseId, result: 'ok', detail });
  }

  /** Where a decision or a resume takes the case, by the one transition table; refused when illegal. */
  function move(r: CaseRow, action: Exclude<WindowAction, 'discard'>): CaseState {
    const to = nextState(r.state, action);
    if (to === null || to === 'removed') throw stateError(action, r.state);
    return to;
  }

  function ownDraft(actor: Actor, r: CaseRow, action: WindowAction | 'save'): void {
    if (r.state !== 'draft') {
      if (action === 'save') throw new AppError('case_decided');
      throw stateError(action, r.state);
    }
    if (r.clerkId !== actor.id) {
      throw new AppError('draft_of_other_clerk', { clerk: r.clerkName });
    }
  }

  return {
    ...reads,

    /**
     * Before personal data of a case is shown whole (a card taken into it): only the clerk the case
     * records (its clerkId, the one who started or resumed it) or a supervisor. The admin never gets
     * here (the router keeps reveals to revealRoles); a refusal is audited as denied.
     */
    assertHandles(who: { id: number; role: Role }, caseId: string): void {
      const r = row(caseId);
      if (r.clerkId !== who.id && !caseOverseers.includes(who.role)) {
        throw new AppError('not_case_clerk', { clerk: r.clerkName });
      }
    },

    /** The keyed digest an ID number or credit code is searched by (seeding benchmarks, tests). */
    digestOf: (idNumber: string) => registry.digest(idNumber),

    /** Starts a draft, optionally with its matter. */
    create(actor: Actor, matterCode: string | null): CaseDetail {
      const matter = matterOrThrow(matterCode);
      const now = clock.now();
      const id = randomUUID();
      const draft = emptyDraft(matter?.code ?? null);
      const window = settings.get();
      db.transaction(() => {
        db.insert(cases)
          .values({
            id,
            number: null,
            version: 1,
            state: 'draft',
            revision: 1,
            ...searchColumns(draft, matter),
            catalogVersion: matter ? catalog.info().version : null,
            draft: JSON.stringify(draft),
            clerkId: actor.id,
            clerkName: actor.displayName,
            windowNumber: window.windowNumber,
            createdDay: hallDate(now),
            createdAt: now.toISOString(),
            updatedAt: now.toISOString(),
          })
          .run();
        note(actor, 'cases.create', id, { matterCode: matter?.code ?? null });
      });
      return detailOf(row(id));
    },

    /**
     * Autosave: the whole draft, refused when `revision` is not the stored one (saved meanwhile
     * from another screen) so nothing is overwritten silently.
     */
    saveDraft(actor: Actor, caseId: string, revision: number, draft: CaseDraft): { revision: number; savedAt: string } {
      const saved = db.transaction(() => {
        const r = row(caseId);
        ownDraft(actor, r, 'save');
        if (r.revision !== revision) {
          throw new AppError('draft_changed_elsewhere');
        }
        const matter = matterOrThrow(draft.matterCode);
        // The form's copy of a panel entry (name, ID, phone) is the panel's: stored once, the same.
        if (matter) draft = withPanelFields(matter, draft);
        const savedAt = clock.now().toISOString();
        db.update(cases)
          .set({
            ...searchColumns(draft, matter),
            catalogVersion: matter ? catalog.info().version : null,
            draft: JSON.stringify(draft),
            revision: revision + 1,
            updatedAt: savedAt,
          })
          .where(eq(cases.id, caseId))
          .run();
        return { revision: revision + 1, savedAt };
      });
      deps.onSaved?.(caseId, actor.id);
      return saved;
    },

    /**
     * The decision: checked against the same rules the screen uses, then in one transaction the
     * case gets its number (kept when it already has one), its state, its promised date, its
     * materials and decision rows, the applicant registry and the audit entry.
     */
    decide(actor: Actor, caseId: string, revision: number, decision: Decision): CaseDetail {
      const result = db.transaction(() => {
        const r = row(caseId);
        ownDraft(actor, r, decision.kind);
        if (r.revision !== revision) {
          throw new AppError('case_changed_elsewhere');
        }
        const draft = caseDraftSchema.parse(JSON.parse(r.draft));
        const matter = draft.matterCode ? catalog.get(draft.matterCode) : null;
        const day = today();
        const problems = decisionProblems(matter, draft, decision.kind, day);
        const entries = matter ? checklistFor(matter, draft) : [];
        if (decision.kind === 'supplement') {
          const known = new Set(entries.map((e) => e.item.id));
          decision.items.forEach((item, i) => {
            if (!known.has(item.itemId))
              problems[`items.${i}`] = { code: 'supplement_item_unknown', params: { item: item.itemId } };
          });
        }
        let rejectReason: CaseDecisionRecord['rejectReason'] = null;
        if (decision.kind === 'reject' && matter) {
          const reason = matter.rejectReasons.find((x) => x.code === decision.reasonCode);
          if (!reason) problems.reasonCode = { code: 'reject_reason_not_chosen' };
          else rejectReason = { code: reason.code, text: reason.text, basis: reason.basis ?? null };
        }
        for (const entry of entries) {
          for (const file of entry.state.files) {
            if (!materials.has(file.sha256))
              problems[`items.${entry.item.id}`] = {
                code: 'item_file_not_saved',
                params: { item: itemNameParam(entry.item), file: file.name },
              };
          }
        }
        // The first problem in both languages (the screen says it in the clerk's), each field's in Chinese.
        const first = Object.values(problems)[0];
        const fields = fieldTexts(problems);
        if (first)
          throw new AppError('decision_incomplete', { problem: errorParamOf(first.code, first.params) }, fields);
        if (!matter) throw new AppError('matter_not_chosen', undefined, fields);

        const now = clock.now();
        const at = now.toISOString();
        // The decision records the window and numbers the case: refused while 设置 → 窗口 is broken.
        const window = numberingWindow(settings);
        const number =
          r.number ?? nextCaseNumber(db, { districtCode: window.districtCode, day, windowNumber: window.windowNumber });
        const to = move(r, decision.kind);
        const promised =
          decision.kind === 'accept' ? calendar.current().addWorkingDays(day, matter.promisedDays) : null;

        // The applicant registry learns who applied, for search and for prefilling the next case.
        const applicantId =
          matter.subject === 'enterprise'
            ? registry.upsert(
                'enterprise',
                {
                  name: draft.enterprise.name.trim(),
                  idNumber: draft.enterprise.creditCode,
                  details: {
                    legalRepresentative: draft.enterprise.legalRepresentative,
                    address: draft.enterprise.address,
                    phone: draft.enterprise.phone,
                    ...learnedDetails(matter, draft),
                    form: draft.form,
                  },
                },
                at,
              )
            : registry.upsert(
                'person',
                {
                  name: draft.person.name.trim(),
                  idNumber: draft.person.idNumber,
                  details: { ...personDetails(draft.person), ...learnedDetails(matter, draft), form: draft.form },
                },
                at,
              );
        if (draft.hasAgent) {
          registry.upsert(
            'person',
            {
              name: draft.agent.name.trim(),
              idNumber: draft.agent.idNumber,
              // The enterprise an agent acted for is offered when the same agent comes again.
              details: { ...personDetails(draft.agent), ...(matter.subject === 'enterprise' ? actedFor(draft) : {}) },
            },
            at,
          );
        }

        const supplementItems =
          decision.kind === 'supplement'
            ? decision.items.map((x) => ({
                itemId: x.itemId,
                name: entries.find((e) => e.item.id === x.itemId)!.item.name,
                reason: x.reason,
              }))
            : [];
        const contentHash = sha256Json({
          caseId,
          version: r.version,
          number,
          catalogVersion: r.catalogVersion,
          draft,
          decision,
        });
        db.insert(caseDecisions)
          .values({
            caseId,
            version: r.version,
            kind: decision.kind,
            at,
            clerkId: actor.id,
            clerkName: actor.displayName,
            windowNumber: window.windowNumber,
            detail: JSON.stringify({
              supplementItems,
              rejectReason,
              note: decision.kind === 'supplement' ? decision.note : decision.kind === 'reject' ? decision.text : '',
            }),
            contentHash,
          })
          .run();
        const decidedMaterials = entries.map(decidedMaterialOf);
        decidedMaterials.forEach((m, position) => {
          db.insert(caseMaterials)
            .values({ caseId, version: r.version, ...m, files: JSON.stringify(m.files), position })
            .run();
        });
        db.update(cases)
          .set({
            number,
            state: to,
            applicantId,
            decidedAt: at,
            updatedAt: at,
            revision: r.revision + 1,
            acceptedAt: promised ? at : r.acceptedAt,
            promisedDate: promised?.date ?? r.promisedDate,
            promisedProvisional: promised?.provisional ?? r.promisedProvisional,
          })
          .where(eq(cases.id, caseId))
          .run();
        deps.onDecided?.({
          caseId,
          version: r.version,
          number,
          state: to as DecidedVersion['state'],
          matter,
          catalogVersion: r.catalogVersion ?? 0,
          districtCode: window.districtCode,
          windowNumber: window.windowNumber,
          clerk: { id: actor.id, username: actor.username, displayName: actor.displayName },
          decision,
          decidedAt: at,
          acceptedAt: promised ? at : r.acceptedAt,
          promisedDate: promised?.date ?? r.promisedDate,
          promisedProvisional: promised?.provisional ?? r.promisedProvisional,
          contentHash,
          draft,
          materials: decidedMaterials,
        });
        note(actor, `cases.${decision.kind}`, caseId, {
          number,
          version: r.version,
          matterCode: matter.code,
          contentHash,
          ...(promised ? { promisedDate: promised.date, provisional: promised.provisional } : {}),
          ...(supplementItems.length ? { items: supplementItems.map((x) => x.itemId) } : {}),
          ...(rejectReason ? { reasonCode: rejectReason.code } : {}),
        });
        return caseId;
      });
      return detailOf(row(result));
    },

    ...central,

    /** The citizen came back with the missing materials: a new version of the case, as a draft. */
    resume(actor: Actor, caseId: string): CaseDetail {
      db.transaction(() => {
        const r = row(caseId);
        const to = move(r, 'resume');
        const at = clock.now().toISOString();
        db.update(cases)
          .set({
            state: to,
            resumedFrom: isResumable(r.state) ? r.state : null,
            version: r.version + 1,
            revision: r.revision + 1,
            clerkId: actor.id,
            clerkName: actor.displayName,
            updatedAt: at,
          })
          .where(eq(cases.id, caseId))
          .run();
        note(actor, 'cases.resume', caseId, { number: r.number, version: r.version + 1 });
      });
      return detailOf(row(caseId));
    },

    /**
     * Gives up a draft: one never decided is removed; a resumed one goes back to waiting for the
     * supplement, as it was.
     */
    discard(actor: Actor, caseId: string): void {
      db.transaction(() => {
        const r = row(caseId);
        ownDraft(actor, r, 'discard');
        // A draft never decided has no number; a resumed one goes back to what it waited for (a
        // numbered case is never removed, even if the record of what it waited for were missing).
        const resumedFrom = r.number === null ? null : (r.resumedFrom ?? 'supplement_requested');
        const to = nextState(r.state, 'discard', resumedFrom);
        if (to === null) throw stateError('discard', r.state);
        if (to === 'removed') {
          note(actor, 'cases.discard', caseId, { matterCode: r.matterCode });
          db.delete(cases).where(eq(cases.id, caseId)).run();
          return;
        }
        const last = db
          .select({ version: caseDecisions.version })
          .from(caseDecisions)
          .where(eq(caseDecisions.caseId, caseId))
          .orderBy(desc(caseDecisions.version))
          .limit(1)
          .get();
        const backTo = to;
        db.update(cases)
          .set({
            state: backTo,
            resumedFrom: null,
            version: last?.version ?? r.version - 1,
            revision: r.revision + 1,
            updatedAt: clock.now().toISOString(),
          })
          .where(eq(cases.id, caseId))
          .run();
        note(actor, 'cases.discard', caseId, { number: r.number, backTo });
      });
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
