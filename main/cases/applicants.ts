import { createHmac } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/connection';
import { applicants } from '../db/schema';
import type { SettingsService } from '../settings/service';
import { maskIdNumber, normalizeIdNumber } from '@yichuang/domain/id-numbers';

const DIGEST_KEY = 'idDigestKey';

export type ApplicantKind = 'person' | 'enterprise';

/**
 * Applicants by ID number or credit code. Each number is stored whole (central needs it) and as
 * an HMAC digest under a key derived from the data key, so search matches a typed number without ever
 * putting the whole number into a list, a log or a URL.
 */
export function createApplicantRegistry(db: Db, settings: Pick<SettingsService, 'storedValue'>, derivedKey: Buffer) {
  let key: Buffer | null = null;

  /**
   * The key derived from the data key; an install from before encryption at rest keeps the random
   * key it stored (now inside the encrypted database), so its digests still match.
   */
  function digestKey(): Buffer {
    if (key) return key;
    const legacy = settings.storedValue(DIGEST_KEY);
    key = legacy === null ? derivedKey : Buffer.from(legacy, 'base64');
    return key;
  }

  function digest(idNumber: string): string {
    return createHmac('sha256', digestKey()).update(normalizeIdNumber(idNumber)).digest('hex');
  }

  return {
    digest,

    /** Creates or updates the applicant; returns its id. Runs in the caller's transaction. */
    upsert(
      kind: ApplicantKind,
      input: { name: string; idNumber: string; details: Record<string, unknown> },
      at: string,
    ): number {
      const idNumber = normalizeIdNumber(input.idNumber);
      const idDigest = digest(idNumber);
      const existing = db
        .select({ id: applicants.id, details: applicants.details })
        .from(applicants)
        .where(and(eq(applicants.kind, kind), eq(applicants.idDigest, idDigest)))
        .get();
      if (existing) {
        // Details typed today win; what was known before and not typed today stays.
        const before = JSON.parse(existing.details) as Record<string, unknown>;
        const merged = {
          ...before,
          ...Object.fromEntries(Object.entries(input.details).filter(([, v]) => v !== '' && v != null)),
        };
        db.update(applicants)
          .set({ name: input.name, details: JSON.stringify(merged), updatedAt: at })
          .where(eq(applicants.id, existing.id))
          .run();
        return existing.id;
      }
      const row = db
        .insert(applicants)
        .values({
          kind,
          name: input.name,
          idNumber,
          idDigest,
          idMasked: maskIdNumber(idNumber),
          details: JSON.stringify(input.details),
          createdAt: at,
          updatedAt: at,
        })
        .returning({ id: applicants.id })
        .get();
      return row.id;
    },

    /** The stored applicant with this number, or null. */
    find(kind: ApplicantKind, idNumber: string) {
      const row = db
        .select()
        .from(applicants)
        .where(and(eq(applicants.kind, kind), eq(applicants.idDigest, digest(idNumber))))
        .get();
      if (!row) return null;
      return { id: row.id, name: row.name, details: JSON.parse(row.details) as Record<string, unknown> };
    },
  };
}

export type ApplicantRegistry = ReturnType<typeof createApplicantRegistry>;
