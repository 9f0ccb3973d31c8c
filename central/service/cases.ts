// Central's one writer of the case tables (cases, versions, files, events, idempotency records); each
// write is a transaction whose checks belong together. What is only read lives in case-queries.ts.
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  type CaseEventKind,
  type CasePut,
  type CasePutResponse,
  type CentralState,
  type CentralSupplementItem,
} from '@yichuang/domain/protocol';
import type { CentralDb } from '../db/connect';
import { blobs, caseEvents, caseFiles, caseVersions, cases, idempotency } from '../db/schema';
import { createCaseQueries, missingOf } from './case-queries';
import { canonicalJson, sha256Hex } from './canonical';
import { CentralError, notFound } from './errors';
import { supplementItemsOf, type SupplementChoice } from './supplement';
import type { CentralAudit } from './audit';
import type { Workstation } from './workstations';

type Tx = Parameters<Parameters<CentralDb['transaction']>[0]>[0];

export interface PutResult {
  status: 200 | 201;
  body: CasePutResponse;
  /** The same answer as an earlier request (same idempotency key, or same body for the version). */
  replayed: boolean;
}

export type ApproverAction = 'approve' | 'deny' | 'supplement';
const actionOutcome: Record<ApproverAction, CaseEventKind & CentralState> = {
  approve: 'approved',
  deny: 'denied',
  supplement: 'supplement_requested',
};

/** The distinct files a case version lists, with their sizes. */
function filesOf(body: CasePut): { sha256: string; bytes: number; mime: string }[] {
  const bySha = new Map<string, { sha256: string; bytes: number; mime: string }>();
  for (const m of body.materials)
    for (const f of m.files) bySha.set(f.sha256, { sha256: f.sha256, bytes: f.bytes, mime: f.mime });
  return [...bySha.values()];
}

function applicantNameOf(body: CasePut): string {
  return body.subject === 'enterprise' ? body.draft.enterprise.name : body.draft.person.name;
}

export function createCaseStore(deps: { db: CentralDb; now: () => Date; audit: CentralAudit }) {
  const { db, now, audit } = deps;

  async function addEvent(
    tx: Tx,
    row: { id: string; version: number; workstationId: string },
    kind: CaseEventKind,
    comment: string,
    approver: string | null,
    items: CentralSupplementItem[] = [],
  ): Promise<void> {
    await tx.insert(caseEvents).values({
      id: randomUUID(),
      caseId: row.id,
      caseVersion: row.version,
      workstationId: row.workstationId,
      kind,
      comment,
      approver,
      items,
      at: now().toISOString(),
    });
  }

  /** A receiving case whose files are all verified becomes submitted (once: the update is conditional). */
  async function submitIfComplete(tx: Tx, caseId: string): Promise<void> {
    const row = (await tx.select().from(cases).where(eq(cases.id, caseId)).for('update'))[0];
    if (!row || row.state !== 'receiving') return;
    if ((await missingOf(tx, caseId, row.version)).length > 0) return;
    const at = now().toISOString();
    await tx.update(cases).set({ state: 'submitted', submittedAt: at, updatedAt: at }).where(eq(cases.id, caseId));
    await addEvent(tx, row, 'submitted', '', null);
  }

  async function put(ws: Workstation, body: CasePut, idempotencyKey: string | null): Promise<PutResult> {
    if (body.districtCode !== ws.districtCode || body.windowNumber !== ws.windowNumber) {
      throw new CentralError(403, 'wrong_window', 'case.wrongWindow', {
        district: body.districtCode,
        window: body.windowNumber,
        ownDistrict: ws.districtCode,
        ownWindow: ws.windowNumber,
      });
    }
    const text = canonicalJson(body);
    const bodySha256 = sha256Hex(text);
    return db.transaction(async (tx) => {
      if (idempotencyKey) {
        const seen = (
          await tx
            .select()
            .from(idempotency)
            .where(and(eq(idempotency.workstationId, ws.id), eq(idempotency.key, idempotencyKey)))
        )[0];
        if (seen) {
          if (seen.requestSha256 !== bodySha256) {
            throw new CentralError(422, 'idempotency_key_reused', 'case.idempotencyKeyReused');
          }
          return { status: seen.status as 200 | 201, body: seen.response as CasePutResponse, replayed: true };
        }
      }
      // A case is changed only by the workstation that created it.
      const owner = (
        await tx.select({ workstationId: cases.workstationId }).from(cases).where(eq(cases.id, body.id))
      )[0];
      if (owner && owner.workstationId !== ws.id) throw new CentralError(403, 'case_not_yours', 'case.notYours');
      const at = now().toISOString();
      await createCaseRow(tx, ws, body, at);
      const inserted = await tx
        .insert(caseVersions)
        .values({ caseId: body.id, version: body.version, bodySha256, body, receivedAt: at, workstationId: ws.id })
        .onConflictDoNothing()
        .returning({ receivedAt: caseVersions.receivedAt });
      let result: PutResult;
      if (inserted.length > 0) {
        await applyVersion(tx, ws, body, at);
        result = {
          status: 201,
          body: { id: body.id, version: body.version, receivedAt: at, bodySha256 },
          replayed: false,
        };
      } else {
        const existing = (
          await tx
            .select({ bodySha256: caseVersions.bodySha256, receivedAt: caseVersions.receivedAt })
            .from(caseVersions)
            .where(and(eq(caseVersions.caseId, body.id), eq(caseVersions.version, body.version)))
        )[0]!;
        if (existing.bodySha256 !== bodySha256) {
          throw new CentralError(409, 'version_conflict', 'case.versionConflict', {
            number: body.number,
            version: body.version,
          });
        }
        result = {
          status: 201,
          body: { id: body.id, version: body.version, receivedAt: existing.receivedAt, bodySha256 },
          replayed: true,
        };
      }
      if (idempotencyKey) {
        await tx
          .insert(idempotency)
          .values({
            workstationId: ws.id,
            key: idempotencyKey,
            requestSha256: bodySha256,
            status: result.status,
            response: result.body,
            createdAt: at,
          })
          .onConflictDoNothing();
      }
      return result;
    });
  }

  async function createCaseRow(tx: Tx, ws: Workstation, body: CasePut, at: string): Promise<void> {
    const taken = (await tx.select({ id: cases.id }).from(cases).where(eq(cases.number, body.number)))[0];
    if (taken && taken.id !== body.id) {
      throw new CentralError(409, 'number_taken', 'case.numberTaken', { number: body.number });
    }
    await tx
      .insert(cases)
      .values({
        id: body.id,
        workstationId: ws.id,
        number: body.number,
        version: 0,
        state: 'receiving',
        matterCode: body.matter.code,
        matterName: body.matter.name,
        department: body.matter.department,
        applicantName: applicantNameOf(body),
        windowNumber: body.windowNumber,
        clerkName: body.clerk.displayName,
        promisedDate: body.promisedDate,
        receivedAt: at,
        updatedAt: at,
      })
      .onConflictDoNothing();
  }

  /** A new version becomes the case's current one unless a later version is already there. */
  async function applyVersion(tx: Tx, ws: Workstation, body: CasePut, at: string): Promise<void> {
    // A notice at the window (rejection, supplement) may carry no file at all: nothing to insert.
    const files = filesOf(body).map((f) => ({ caseId: body.id, version: body.version, ...f }));
    if (files.length > 0) await tx.insert(caseFiles).values(files).onConflictDoNothing();
    const row = (await tx.select().from(cases).where(eq(cases.id, body.id)).for('update'))[0]!;
    await audit.record(
      {
        actorKind: 'clerk',
        actor: `${body.clerk.displayName}（${body.clerk.username}）`,
        workstationId: ws.id,
        action: 'case.put',
        target: body.id,
        detail: { number: body.number, version: body.version, windowState: body.windowState },
      },
      tx,
    );
    if (body.version <= row.version) return;
    const state: CentralState =
      body.windowState === 'accepted'
        ? 'receiving'
        : body.windowState === 'supplement_requested'
          ? 'window_supplement'
          : 'window_rejected';
    await tx
      .update(cases)
      .set({
        workstationId: ws.id,
        version: body.version,
        state,
        matterCode: body.matter.code,
        matterName: body.matter.name,
        department: body.matter.department,
        applicantName: applicantNameOf(body),
        clerkName: body.clerk.displayName,
        promisedDate: body.promisedDate,
        submittedAt: null,
        comment: '',
        approver: null,
        updatedAt: at,
      })
      .where(eq(cases.id, body.id));
    if (state === 'receiving') await submitIfComplete(tx, body.id);
  }

  return {
    ...createCaseQueries(db),
    put,

    /** A verified file arrived: record it once, and submit every case that was waiting only for it. */
    async fileVerified(sha256: string, bytes: number, mime: string): Promise<void> {
      await db.transaction(async (tx) => {
        await tx.insert(blobs).values({ sha256, bytes, mime, storedAt: now().toISOString() }).onConflictDoNothing();
        const waiting = await tx
          .selectDistinct({ caseId: caseFiles.caseId })
          .from(caseFiles)
          .innerJoin(cases, and(eq(cases.id, caseFiles.caseId), eq(cases.version, caseFiles.version)))
          .where(and(eq(caseFiles.sha256, sha256), eq(cases.state, 'receiving')));
        for (const w of waiting) await submitIfComplete(tx, w.caseId);
      });
    },

    /** An approver opened a submitted case: it is now in review (once). */
    async open(caseId: string, approver: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = (await tx.select().from(cases).where(eq(cases.id, caseId)).for('update'))[0];
        if (!row || row.state !== 'submitted') return;
        await tx
          .update(cases)
          .set({ state: 'in_review', approver, updatedAt: now().toISOString() })
          .where(eq(cases.id, caseId));
        await addEvent(tx, row, 'in_review', '', approver);
        await audit.record(
          { actorKind: 'approver', actor: approver, action: 'case.open', target: caseId, detail: null },
          tx,
        );
      });
    },

    /**
     * Approve, deny or ask for a supplement, on the version the approver saw: a case that moved on
     * meanwhile (a new version, another approver's decision) is refused, never decided twice. A
     * supplement names the materials to bring, each with its reason (one-time and complete, as the
     * window's own notice); the comment is then the notice's 其他说明. Only a case without
     * materials is asked for more by the comment alone.
     */
    async decide(
      caseId: string,
      version: number,
      action: ApproverAction,
      comment: string,
      approver: string,
      choices: SupplementChoice[] = [],
    ) {
      const text = comment.trim();
      if (action === 'deny' && !text) throw new CentralError(400, 'comment_required', 'decision.denyReasonRequired');
      if (action !== 'supplement' && choices.length > 0) {
        throw new CentralError(400, 'supplement_items_with_decision', 'decision.itemsWithDecision');
      }
      if (text.length > 1000) throw new CentralError(400, 'comment_too_long', 'decision.commentTooLong', { max: 1000 });
      await db.transaction(async (tx) => {
        const row = (await tx.select().from(cases).where(eq(cases.id, caseId)).for('update'))[0];
        if (!row) throw notFound('notFound.case');
        if (row.version !== version || (row.state !== 'submitted' && row.state !== 'in_review')) {
          throw new CentralError(409, 'case_moved', 'decision.caseMoved');
        }
        let items: CentralSupplementItem[] = [];
        if (action === 'supplement') {
          const body = (
            await tx
              .select({ body: caseVersions.body })
              .from(caseVersions)
              .where(and(eq(caseVersions.caseId, caseId), eq(caseVersions.version, version)))
          )[0]?.body as CasePut | undefined;
          items = supplementItemsOf(body ?? null, choices);
          if (items.length === 0 && (body?.materials.length ?? 0) > 0) {
            throw new CentralError(400, 'supplement_items_required', 'decision.itemsRequired');
          }
          if (items.length === 0 && !text) {
            throw new CentralError(400, 'comment_required', 'decision.supplementNoteRequired');
          }
        }
        const outcome = actionOutcome[action];
        await tx
          .update(cases)
          .set({ state: outcome, comment: text, approver, updatedAt: now().toISOString() })
          .where(eq(cases.id, caseId));
        await addEvent(tx, row, outcome, text, approver, items);
        await audit.record(
          {
            actorKind: 'approver',
            actor: approver,
            action: `case.${action}`,
            target: caseId,
            detail: {
              version,
              comment: text,
              ...(items.length ? { items: items.map((x) => ({ itemId: x.itemId, reason: x.reason })) } : {}),
            },
          },
          tx,
        );
      });
    },

    /** 办结: an approved or denied case is finished (the result was issued). */
    async complete(caseId: string, version: number, approver: string): Promise<void> {
      await db.transaction(async (tx) => {
        const row = (await tx.select().from(cases).where(eq(cases.id, caseId)).for('update'))[0];
        if (!row) throw notFound('notFound.case');
        if (row.version !== version || (row.state !== 'approved' && row.state !== 'denied')) {
          throw new CentralError(409, 'case_moved', 'decision.completeOnlyDecided');
        }
        await tx.update(cases).set({ state: 'completed', updatedAt: now().toISOString() }).where(eq(cases.id, caseId));
        await addEvent(tx, row, 'completed', row.comment, approver);
        await audit.record(
          { actorKind: 'approver', actor: approver, action: 'case.complete', target: caseId, detail: { version } },
          tx,
        );
      });
    },
  };
}
export type CaseStore = ReturnType<typeof createCaseStore>;
