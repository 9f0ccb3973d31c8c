import { and, asc, count, desc, eq, gte, inArray, lt, lte, ne, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { CaseDraft, PersonDraft } from '@yichuang/domain/cases';
import { caseDraftSchema, isOpen, isResumable, itemFileSchema, openStates } from '@yichuang/domain/cases';
import { maskedFormValue, type Matter } from '@yichuang/domain/catalog';
import { hallDate } from '@yichuang/domain/hall-time';
import { centralSupplementItemSchema } from '@yichuang/domain/protocol';
import { maskIdNumber, maskPhone, normalizeIdNumber } from '@yichuang/domain/id-numbers';
import {
  actedForSchema,
  type ApplicantHistory,
  type CaseDecisionRecord,
  type CaseDetail,
  type CaseList,
  type CaseListQuery,
  type CaseSummary,
} from '../../preload/contract/cases';
import { AppError } from '../../preload/contract/errors';
import type { Clock } from '../app/clock';
import type { AuditService } from '../audit/service';
import type { CalendarService } from '../calendar/service';
import type { CatalogService } from '../catalog/service';
import type { Db } from '../db/connection';
import { caseDecisions, caseMaterials, cases, centralEvents } from '../db/schema';
import type { ApplicantRegistry } from './applicants';
import type { Actor, DecidedMaterial } from './model';

export type CaseRow = typeof cases.$inferSelect;

/**
 * What the screens read about cases: one case (masked for anyone but the clerk continuing their own
 * draft), the list and search, a clerk's open drafts, an applicant's history, the materials as
 * decided. Reads only; the case service, which writes every case table, answers through these.
 */
/** The draft as shown to someone who is not continuing it: identifying numbers and phones masked. */
function maskedDraft(draft: CaseDraft, matter: Matter | null): CaseDraft {
  const person = (p: PersonDraft): PersonDraft => ({
    ...p,
    idNumber: p.idNumber ? maskIdNumber(normalizeIdNumber(p.idNumber)) : '',
    phone: maskPhone(p.phone),
  });
  const form = { ...draft.form };
  for (const field of matter?.formFields ?? []) {
    const value = form[field.key];
    if (value) form[field.key] = maskedFormValue(field, value);
  }
  return {
    ...draft,
    person: person(draft.person),
    agent: person(draft.agent),
    form,
    enterprise: { ...draft.enterprise, phone: maskPhone(draft.enterprise.phone) },
  };
}

export function createCaseViews(deps: {
  db: Db;
  clock: Clock;
  audit: AuditService;
  catalog: CatalogService;
  calendar: CalendarService;
  registry: ApplicantRegistry;
}) {
  const { db, clock, audit, catalog, calendar, registry } = deps;

  function row(caseId: string): CaseRow {
    const found = db.select().from(cases).where(eq(cases.id, caseId)).get();
    if (!found) throw new AppError('case_not_found');
    return found;
  }

  function today(): string {
    return hallDate(clock.now());
  }

  function summaryOf(r: CaseRow, day: string): CaseSummary {
    let daysLeft: number | null = null;
    if (isOpen(r.state) && r.promisedDate) {
      daysLeft = calendar.current().workingDaysBetween(day, r.promisedDate).days;
    }
    return {
      id: r.id,
      number: r.number,
      version: r.version,
      state: r.state,
      matterCode: r.matterCode,
      matterName: r.matterName,
      subject: r.subject,
      applicantName: r.applicantName,
      applicantIdMasked: r.applicantIdMasked,
      clerkId: r.clerkId,
      clerkName: r.clerkName,
      windowNumber: r.windowNumber,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
      decidedAt: r.decidedAt,
      promisedDate: r.promisedDate,
      promisedProvisional: r.promisedProvisional,
      daysLeft,
      paused: isResumable(r.state),
      centralUnseen: r.centralUnseen,
    };
  }

  function decisionsOf(caseId: string): CaseDecisionRecord[] {
    return db
      .select()
      .from(caseDecisions)
      .where(eq(caseDecisions.caseId, caseId))
      .orderBy(asc(caseDecisions.version))
      .all()
      .map((d) => {
        const detail = JSON.parse(d.detail) as Pick<CaseDecisionRecord, 'supplementItems' | 'rejectReason' | 'note'>;
        return {
          version: d.version,
          kind: d.kind,
          at: d.at,
          clerkName: d.clerkName,
          windowNumber: d.windowNumber,
          supplementItems: detail.supplementItems,
          rejectReason: detail.rejectReason,
          note: detail.note,
          contentHash: d.contentHash,
        };
      });
  }

  function detailOf(r: CaseRow): CaseDetail {
    const draft = caseDraftSchema.parse(JSON.parse(r.draft));
    const person = (p: PersonDraft) =>
      p.name || p.idNumber
        ? {
            name: p.name,
            idType: p.idType,
            idNumberMasked: maskIdNumber(normalizeIdNumber(p.idNumber)),
            phoneMasked: maskPhone(p.phone),
          }
        : null;
    return {
      ...summaryOf(r, today()),
      revision: r.revision,
      catalogVersion: r.catalogVersion,
      applicant: r.subject === 'enterprise' ? null : person(draft.person),
      enterprise:
        r.subject === 'enterprise'
          ? {
              name: draft.enterprise.name,
              creditCode: draft.enterprise.creditCode.toUpperCase(),
              legalRepresentative: draft.enterprise.legalRepresentative,
            }
          : null,
      agent: draft.hasAgent ? person(draft.agent) : null,
      draft,
      decisions: decisionsOf(r.id),
      timeline: audit.forTarget(r.id),
      central: {
        comment: r.centralComment,
        approver: r.centralApprover,
        at: r.centralAt,
        events: db
          .select()
          .from(centralEvents)
          .where(eq(centralEvents.caseId, r.id))
          .orderBy(asc(centralEvents.seq))
          .all()
          .map((e) => ({
            kind: e.kind as CaseDetail['central']['events'][number]['kind'],
            caseVersion: e.caseVersion,
            comment: e.comment,
            approver: e.approver,
            items: z.array(centralSupplementItemSchema).parse(JSON.parse(e.items)),
            at: e.at,
          })),
      },
    };
  }

  return {
    row,
    detailOf,
    /**
     * The case page. The clerk continuing their own draft gets it whole; anyone else (and
     * everyone once the case is decided) gets ID numbers and phones masked in the content too,
     * so looking a case up never carries a whole number to the screen.
     */
    /**
     * How the audit trail names cases: the number of each of `ids` that is a case (a draft has
     * none yet: null). Ids that are not cases are left out.
     */
    numbersOf(ids: readonly string[]): Map<string, string | null> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = db.select({ id: cases.id, number: cases.number }).from(cases).where(inArray(cases.id, unique)).all();
      return new Map(rows.map((r) => [r.id, r.number]));
    },

    get(caseId: string, viewer: Actor | null = null): CaseDetail {
      const r = row(caseId);
      const detail = detailOf(r);
      if (viewer && r.state === 'draft' && r.clerkId === viewer.id) return detail;
      return { ...detail, draft: maskedDraft(detail.draft, r.matterCode ? catalog.get(r.matterCode) : null) };
    },

    /** How many cases carry central's news nobody at this window has opened yet (the 办件 menu's badge). */
    unseenCount(): { count: number } {
      return { count: db.select({ n: count() }).from(cases).where(eq(cases.centralUnseen, true)).get()?.n ?? 0 };
    },

    /**
     * The matters this window decided most since `sinceDay` (a hall date), most first: what the
     * idle citizen screen says the window takes.
     */
    topMatters(sinceDay: string, limit: number): string[] {
      const n = count();
      return db
        .select({ name: cases.matterName, n })
        .from(cases)
        .where(and(gte(cases.createdDay, sinceDay), ne(cases.state, 'draft')))
        .groupBy(cases.matterName)
        .orderBy(desc(n))
        .limit(limit)
        .all()
        .flatMap((r) => (r.name ? [r.name] : []));
    },

    /** This clerk's unfinished drafts, newest first: offered again after a crash or reload. */
    myDrafts(actor: Actor): CaseSummary[] {
      const day = today();
      return db
        .select()
        .from(cases)
        .where(and(eq(cases.clerkId, actor.id), eq(cases.state, 'draft')))
        .orderBy(desc(cases.updatedAt))
        .limit(20)
        .all()
        .map((r) => summaryOf(r, day));
    },

    /** The checklist of a case version as decided (the materials received), in the matter's checklist order. */
    decidedMaterials(caseId: string, version: number): DecidedMaterial[] {
      return db
        .select()
        .from(caseMaterials)
        .where(and(eq(caseMaterials.caseId, caseId), eq(caseMaterials.version, version)))
        .orderBy(asc(caseMaterials.position))
        .all()
        .map((m) => ({
          itemId: m.itemId,
          name: m.name,
          required: m.required,
          status: m.status,
          pages: m.pages,
          originalChecked: m.originalChecked,
          copies: m.copies,
          eLicence: m.eLicence,
          files: z.array(itemFileSchema).parse(JSON.parse(m.files)),
        }));
    },

    /** The 办件 list: filters on indexed columns, search by number, name start, or a whole ID / credit code. */
    list(query: CaseListQuery): CaseList {
      const filters: SQL[] = [];
      if (query.states?.length) filters.push(inArray(cases.state, query.states));
      if (query.matterCode) filters.push(eq(cases.matterCode, query.matterCode));
      if (query.clerkId !== undefined) filters.push(eq(cases.clerkId, query.clerkId));
      if (query.from) filters.push(gte(cases.createdDay, query.from));
      if (query.to) filters.push(lte(cases.createdDay, query.to));
      const day = today();
      if (query.dueWithin !== undefined) {
        const limit = calendar.current().addWorkingDays(day, query.dueWithin).date;
        filters.push(inArray(cases.state, openStates), lte(cases.promisedDate, limit));
      }
      const search = query.search?.trim();
      if (search) filters.push(searchFilter(search));
      const where = filters.length ? and(...filters) : undefined;
      const rows = db
        .select()
        .from(cases)
        .where(where)
        .orderBy(desc(cases.createdDay), desc(cases.createdAt))
        .limit(query.limit)
        .offset(query.offset)
        .all();
      const total = db.select({ n: count() }).from(cases).where(where).get()?.n ?? 0;
      return { rows: rows.map((r) => summaryOf(r, day)), total };
    },

    /** What earlier cases of this applicant can prefill. */
    history(kind: 'person' | 'enterprise', idNumber: string): ApplicantHistory {
      const found = registry.find(kind, idNumber);
      if (!found)
        return {
          found: false,
          caseCount: 0,
          name: null,
          form: {},
          phone: null,
          address: null,
          details: {},
          actedFor: null,
        };
      const digest = registry.digest(idNumber);
      const n = db.select({ n: count() }).from(cases).where(eq(cases.applicantIdDigest, digest)).get()?.n ?? 0;
      const d = found.details;
      const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
      const form = d.form && typeof d.form === 'object' ? (d.form as Record<string, unknown>) : {};
      return {
        found: true,
        caseCount: n,
        name: found.name,
        form: Object.fromEntries(
          Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
        ),
        phone: str(d.phone),
        address: str(d.address),
        details: Object.fromEntries(
          Object.entries(d).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
        ),
        actedFor: actedForOf(d.actedFor),
      };
    },
  };

  function searchFilter(search: string): SQL {
    const upper = search.toUpperCase();
    if (/^\d{17}[\dX]$/.test(upper) || /^[0-9A-HJ-NP-RTUW-Y]{18}$/.test(upper)) {
      const digest = registry.digest(upper);
      return or(eq(cases.applicantIdDigest, digest), eq(cases.agentIdDigest, digest))!;
    }
    let number = search;
    if (/^\d{21,}$/.test(search))
      number = `${search.slice(0, 6)}-${search.slice(6, 14)}-${search.slice(14, 17)}-${search.slice(17)}`;
    if (/^\d{6}(-[\d-]*)?$/.test(number) || /^\d{7,}$/.test(number)) {
      return and(gte(cases.number, number), lt(cases.number, `${number}\uffff`))!;
    }
    return and(gte(cases.applicantName, search), lt(cases.applicantName, `${search}\uffff`))!;
  }
}

/** The enterprise kept with an agent, when it is whole enough to offer. */
function actedForOf(value: unknown): ApplicantHistory['actedFor'] {
  const parsed = actedForSchema.safeParse(value);
  return parsed.success && parsed.data.name ? parsed.data : null;
}

export type CaseViews = ReturnType<typeof createCaseViews>;
