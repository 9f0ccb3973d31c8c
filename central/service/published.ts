import { and, desc, eq, gt } from 'drizzle-orm';
import type { CentralDb } from '../db/connect';
import { published } from '../db/schema';
import { CentralError } from './errors';
import type { CentralAudit } from './audit';

export type PublishedKind = 'catalog' | 'calendar';

/**
 * The matter catalog and the holiday calendar as central publishes them, by version. The data is
 * validated by the same schemas the workstation uses (the caller passes the parser), and each
 * version can be published once.
 */
export function createPublished(deps: { db: CentralDb; now: () => Date; audit: CentralAudit }) {
  const { db, now, audit } = deps;
  return {
    async publish(kind: PublishedKind, version: number, data: unknown, by: string): Promise<void> {
      const latest = await this.latest(kind, 0);
      if (latest && latest.version >= version) {
        throw new CentralError(409, 'version_not_newer', 'published.notNewer', { version: latest.version });
      }
      await db.insert(published).values({ kind, version, data, publishedAt: now().toISOString(), publishedBy: by });
      await audit.record({
        actorKind: 'admin',
        actor: by,
        action: `${kind}.publish`,
        target: `${kind}/${version}`,
        detail: null,
      });
    },

    /** The newest version above `after`, or null when the workstation is up to date. */
    /** The newest published version of a kind, or null before the first. */
    async newestVersion(kind: PublishedKind): Promise<number | null> {
      const row = (
        await db
          .select({ version: published.version })
          .from(published)
          .where(eq(published.kind, kind))
          .orderBy(desc(published.version))
          .limit(1)
      )[0];
      return row?.version ?? null;
    },

    async latest(kind: PublishedKind, after: number) {
      const row = (
        await db
          .select()
          .from(published)
          .where(and(eq(published.kind, kind), gt(published.version, after)))
          .orderBy(desc(published.version))
          .limit(1)
      )[0];
      return row ? { version: row.version, publishedAt: row.publishedAt, data: row.data } : null;
    },
  };
}
export type Published = ReturnType<typeof createPublished>;
