import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import { materialMimes } from '@yichuang/domain/materials';
import type { CaseEvent, CaseEventKind, CasePut, CentralState } from '@yichuang/domain/protocol';
import type { CentralDb } from '../db/connect';
import { blobs, caseEvents, caseFiles, caseVersions, cases } from '../db/schema';
import { notFound } from './errors';
import type { Workstation } from './workstations';

/**
 * What is read about cases: by a workstation (the files central still waits for, the events since
 * its last look) and by the approver pages (the queue, its counts, one case with its history, the
 * names a trail resolves). Reads only: the case tables' one writer is cases.ts, which hands these on.
 */

type Tx = Parameters<Parameters<CentralDb['transaction']>[0]>[0];

/** Files of a case version central has not verified yet. */
export async function missingOf(tx: Tx | CentralDb, caseId: string, version: number): Promise<string[]> {
  const rows = await tx
    .select({ sha256: caseFiles.sha256 })
    .from(caseFiles)
    .leftJoin(blobs, eq(blobs.sha256, caseFiles.sha256))
    .where(and(eq(caseFiles.caseId, caseId), eq(caseFiles.version, version), isNull(blobs.sha256)))
    .orderBy(asc(caseFiles.sha256));
  return rows.map((r) => r.sha256);
}

export function createCaseQueries(db: CentralDb) {
  return {
    async missing(ws: Workstation, caseId: string, version: number): Promise<string[]> {
      const v = (
        await db
          .select({ workstationId: caseVersions.workstationId })
          .from(caseVersions)
          .where(and(eq(caseVersions.caseId, caseId), eq(caseVersions.version, version)))
      )[0];
      if (!v || v.workstationId !== ws.id) throw notFound('notFound.caseVersion');
      return missingOf(db, caseId, version);
    },

    /** Whether a case version of this workstation lists this file with this size (checked before an upload starts). */
    async expectsFile(ws: Workstation, caseId: string, sha256: string, bytes: number): Promise<boolean> {
      const rows = await db
        .select({ bytes: caseFiles.bytes, workstationId: caseVersions.workstationId })
        .from(caseFiles)
        .innerJoin(
          caseVersions,
          and(eq(caseVersions.caseId, caseFiles.caseId), eq(caseVersions.version, caseFiles.version)),
        )
        .where(and(eq(caseFiles.caseId, caseId), eq(caseFiles.sha256, sha256)));
      return rows.some((r) => r.workstationId === ws.id && r.bytes === bytes);
    },

    /** The workstation that created a case, or null when central has no such case. */
    async ownerOf(caseId: string): Promise<string | null> {
      const row = (await db.select({ workstationId: cases.workstationId }).from(cases).where(eq(cases.id, caseId)))[0];
      return row?.workstationId ?? null;
    },

    async hasBlob(sha256: string): Promise<boolean> {
      return (await db.select({ sha256: blobs.sha256 }).from(blobs).where(eq(blobs.sha256, sha256))).length > 0;
    },

    async events(ws: Workstation, after: number, limit: number): Promise<CaseEvent[]> {
      const rows = await db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.workstationId, ws.id), gt(caseEvents.seq, after)))
        .orderBy(asc(caseEvents.seq))
        .limit(limit);
      return rows.map((r) => ({
        seq: r.seq,
        id: r.id,
        caseId: r.caseId,
        caseVersion: r.caseVersion,
        kind: r.kind as CaseEventKind,
        comment: r.comment,
        approver: r.approver,
        items: r.items,
        at: r.at,
      }));
    },

    /** The approvers' queue: cases by state (of one department, when given), oldest submission first. */
    async queue(states: readonly CentralState[], limit = 200, department = '') {
      return db
        .select()
        .from(cases)
        .where(and(inArray(cases.state, [...states]), department ? eq(cases.department, department) : undefined))
        .orderBy(asc(sql`coalesce(${cases.submittedAt}, ${cases.receivedAt})`))
        .limit(limit);
    },

    async counts(department = ''): Promise<Record<string, number>> {
      const rows = await db
        .select({ state: cases.state, n: sql<number>`count(*)::int` })
        .from(cases)
        .where(department ? eq(cases.department, department) : undefined)
        .groupBy(cases.state);
      return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
    },

    /** Case id → the applicant's ID number or credit code in the current version (the queue masks it). */
    async applicantIds(ids: string[]): Promise<Map<string, { subject: string; id: string }>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({
          caseId: caseVersions.caseId,
          subject: sql<string | null>`${caseVersions.body}->>'subject'`,
          idNumber: sql<string | null>`${caseVersions.body}->'draft'->'person'->>'idNumber'`,
          creditCode: sql<string | null>`${caseVersions.body}->'draft'->'enterprise'->>'creditCode'`,
        })
        .from(caseVersions)
        .innerJoin(cases, and(eq(cases.id, caseVersions.caseId), eq(cases.version, caseVersions.version)))
        .where(inArray(cases.id, ids));
      return new Map(
        rows.map((r) => [
          r.caseId,
          r.subject === 'enterprise'
            ? { subject: 'enterprise', id: r.creditCode ?? '' }
            : { subject: r.subject ?? 'individual', id: r.idNumber ?? '' },
        ]),
      );
    },

    /** Case id → when its current review began (the newest 开始审查 event): the 审查中 tab shows since when. */
    async reviewStarts(ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ caseId: caseEvents.caseId, at: caseEvents.at })
        .from(caseEvents)
        .where(and(inArray(caseEvents.caseId, ids), eq(caseEvents.kind, 'in_review')))
        .orderBy(asc(caseEvents.seq));
      return new Map(rows.map((r) => [r.caseId, r.at]));
    },

    /** Case id → case number, for pages that name cases a trail refers to by id. */
    async numbers(ids: string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.select({ id: cases.id, number: cases.number }).from(cases).where(inArray(cases.id, ids));
      return new Map(rows.map((r) => [r.id, r.number]));
    },

    /**
     * The type a case listed a file with, once the file arrived and was verified; null when no case
     * lists it (of `department`, when given: an approver sees only their department's files). Only
     * material types are ever served as themselves.
     */
    async verifiedFileMime(sha256: string, department = ''): Promise<string | null> {
      const row = (
        await db
          .select({ mime: caseFiles.mime })
          .from(caseFiles)
          .innerJoin(blobs, eq(blobs.sha256, caseFiles.sha256))
          .innerJoin(cases, eq(cases.id, caseFiles.caseId))
          .where(and(eq(caseFiles.sha256, sha256), department ? eq(cases.department, department) : undefined))
          .limit(1)
      )[0];
      if (!row) return null;
      return (materialMimes as readonly string[]).includes(row.mime) ? row.mime : 'application/octet-stream';
    },

    async detail(caseId: string) {
      const row = (await db.select().from(cases).where(eq(cases.id, caseId)))[0];
      if (!row) return null;
      const version = (
        await db
          .select()
          .from(caseVersions)
          .where(and(eq(caseVersions.caseId, caseId), eq(caseVersions.version, row.version)))
      )[0];
      const events = await db
        .select()
        .from(caseEvents)
        .where(eq(caseEvents.caseId, caseId))
        .orderBy(desc(caseEvents.seq));
      const missing = row.version > 0 ? await missingOf(db, caseId, row.version) : [];
      return { row, body: (version?.body ?? null) as CasePut | null, events, missing };
    },

    /** Exactly-once checks for tests and the admin page: how many rows per case id, per number. */
    async duplicates(): Promise<number> {
      const rows = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(cases)
        .groupBy(cases.number)
        .having(sql`count(*) > 1`);
      return rows.length;
    },
  };
}
