import { randomBytes, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { EnrolRequest, EnrolResponse } from '@yichuang/domain/protocol';
import type { CentralDb } from '../db/connect';
import { enrolmentCodes, workstations } from '../db/schema';
import { sha256Hex } from './canonical';
import { CentralError, unauthorized } from './errors';
import type { CentralAudit } from './audit';
import { reportedVersion } from '../updates/versions';

/** Letters and digits that cannot be misread aloud or on paper (no 0/O, 1/I). */
const codeAlphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const codeTtlMs = 24 * 60 * 60 * 1000;

export interface Workstation {
  id: string;
  districtCode: string;
  windowNumber: number;
  hallName: string;
}

export function createWorkstationRegistry(deps: { db: CentralDb; now: () => Date; audit: CentralAudit }) {
  const { db, now, audit } = deps;
  /** Credential → workstation, so a stream of upload chunks does not hit the database each time. */
  const cache = new Map<string, Workstation>();
  /** Workstation id → the app version last written to its row (a write per change, not per request). */
  const versions = new Map<string, string>();

  return {
    /** A one-time code for one window, valid 24 hours; only its hash is stored. */
    async createCode(note: string, by: string): Promise<{ code: string; expiresAt: string }> {
      const groups = [0, 1, 2].map(() =>
        Array.from({ length: 4 }, () => codeAlphabet[randomInt(codeAlphabet.length)]).join(''),
      );
      const code = groups.join('-');
      const at = now();
      const expiresAt = new Date(at.getTime() + codeTtlMs).toISOString();
      await db.insert(enrolmentCodes).values({
        codeHash: sha256Hex(code),
        note,
        createdBy: by,
        createdAt: at.toISOString(),
        expiresAt,
      });
      await audit.record({ actorKind: 'admin', actor: by, action: 'enrolment.code', target: null, detail: { note } });
      return { code, expiresAt };
    },

    /**
     * Trades a one-time code for a credential. A used, expired or unknown code is refused alike
     * (403); a window number that another, unrevoked workstation of the district holds is refused
     * with 409, and the code is not used up.
     */
    async enrol(request: EnrolRequest): Promise<EnrolResponse> {
      const at = now();
      const id = randomUUID();
      const secret = randomBytes(32).toString('base64url');
      let holder: string | null = null;
      const claim = db.transaction(async (tx) => {
        const rows = await tx
          .update(enrolmentCodes)
          .set({ usedAt: at.toISOString(), workstationId: id })
          .where(and(eq(enrolmentCodes.codeHash, sha256Hex(request.code)), isNull(enrolmentCodes.usedAt)))
          .returning();
        const row = rows[0];
        if (!row || Date.parse(row.expiresAt) < at.getTime()) return null;
        // One window, one workstation: its case numbers carry the window number. The lock keeps two
        // enrolments of the same window from passing the check at once; the refusal rolls back, so
        // the code stays usable once the old workstation is revoked or this PC's number is fixed.
        await tx.execute(
          sql`select pg_advisory_xact_lock(hashtext(${`enrol:${request.districtCode}:${request.windowNumber}`}))`,
        );
        const taken = await tx
          .select({ id: workstations.id, hostname: workstations.hostname })
          .from(workstations)
          .where(
            and(
              eq(workstations.districtCode, request.districtCode),
              eq(workstations.windowNumber, request.windowNumber),
              isNull(workstations.revokedAt),
            ),
          )
          .limit(1);
        if (taken[0]) {
          holder = taken[0].id;
          throw new CentralError(409, 'window_taken', 'enrolment.windowTaken', {
            window: request.windowNumber,
            district: request.districtCode,
            hostname: taken[0].hostname,
          });
        }
        await tx.insert(workstations).values({
          id,
          secretHash: sha256Hex(secret),
          districtCode: request.districtCode,
          windowNumber: request.windowNumber,
          hallName: request.hallName,
          hostname: request.hostname,
          enrolledAt: at.toISOString(),
          auditKey: request.auditKey,
        });
        return row;
      });
      const claimed = await claim.catch(async (error: unknown) => {
        if (error instanceof CentralError && error.code === 'window_taken') {
          await audit.record({
            actorKind: 'system',
            actor: request.hostname,
            action: 'enrolment.refused',
            target: holder,
            detail: { windowNumber: request.windowNumber, districtCode: request.districtCode, reason: error.code },
          });
        }
        throw error;
      });
      if (!claimed) {
        throw new CentralError(403, 'enrolment_refused', 'enrolment.refused');
      }
      await audit.record({
        actorKind: 'system',
        actor: request.hostname,
        workstationId: id,
        action: 'enrolment.enrol',
        target: id,
        detail: { windowNumber: request.windowNumber, districtCode: request.districtCode, note: claimed.note },
      });
      return { workstationId: id, credential: `${id}.${secret}`, serverTime: at.toISOString() };
    },

    /** The workstation a `Bearer <id>.<secret>` credential belongs to; 401 otherwise. */
    async authenticate(authorization: string | undefined): Promise<Workstation> {
      const credential = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      if (!credential) throw unauthorized();
      const cached = cache.get(credential);
      if (cached) return cached;
      const [id, secret] = credential.split('.');
      if (!id || !secret || !/^[0-9a-f-]{36}$/.test(id)) throw unauthorized();
      const row = (await db.select().from(workstations).where(eq(workstations.id, id)).limit(1))[0];
      if (!row || row.revokedAt) throw unauthorized();
      const expected = Buffer.from(row.secretHash, 'hex');
      const given = Buffer.from(sha256Hex(secret), 'hex');
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw unauthorized();
      const ws = { id: row.id, districtCode: row.districtCode, windowNumber: row.windowNumber, hallName: row.hallName };
      cache.set(credential, ws);
      await db.update(workstations).set({ lastSeenAt: now().toISOString() }).where(eq(workstations.id, id));
      return ws;
    },

    /**
     * Keeps the app version a workstation reports (`x-yichuang-version`) on its row, with the time:
     * for a credential `authenticate` accepted, and only when the version differs from the one
     * written last. A header that is not a plain semantic version is ignored, never stored.
     */
    async noteVersion(authorization: string | undefined, header: string | string[] | undefined): Promise<void> {
      const version = reportedVersion(header);
      const credential = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
      const ws = version && credential ? cache.get(credential) : undefined;
      if (!version || !ws || versions.get(ws.id) === version) return;
      versions.set(ws.id, version);
      try {
        await db
          .update(workstations)
          .set({ appVersion: version, lastSeenAt: now().toISOString() })
          .where(and(eq(workstations.id, ws.id), isNull(workstations.revokedAt)));
      } catch (error) {
        versions.delete(ws.id);
        throw error;
      }
    },

    /**
     * The audit-signing key of a workstation enrolled before keys existed, registered once by its
     * own credential; a key already registered is never replaced (409): a new key means re-enrolment.
     */
    async registerAuditKey(ws: Workstation, publicKey: string): Promise<void> {
      const rows = await db
        .update(workstations)
        .set({ auditKey: publicKey })
        .where(and(eq(workstations.id, ws.id), isNull(workstations.auditKey)))
        .returning({ id: workstations.id });
      if (rows.length === 0) {
        const held = (
          await db.select({ key: workstations.auditKey }).from(workstations).where(eq(workstations.id, ws.id))
        )[0];
        if (held?.key === publicKey) return;
        throw new CentralError(409, 'audit_key_registered', 'audit.keyRegistered');
      }
      await audit.record({
        actorKind: 'system',
        actor: 'central',
        workstationId: ws.id,
        action: 'workstation.auditKey',
        target: ws.id,
        detail: null,
      });
    },

    async revoke(id: string, by: string): Promise<void> {
      await db.update(workstations).set({ revokedAt: now().toISOString() }).where(eq(workstations.id, id));
      for (const [key, ws] of cache) if (ws.id === id) cache.delete(key);
      await audit.record({ actorKind: 'admin', actor: by, action: 'workstation.revoke', target: id, detail: null });
    },

    list() {
      return db.select().from(workstations).orderBy(workstations.windowNumber);
    },
  };
}
export type WorkstationRegistry = ReturnType<typeof createWorkstationRegistry>;
