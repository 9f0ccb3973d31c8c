import { join } from 'node:path';
import { catalogSchema } from '@yichuang/domain/catalog';
import { holidayCalendarSchema } from '@yichuang/domain/calendar';
import { openCentralDatabase, type CentralDatabase } from './db/connect';
import { createAuditHeads, createCentralAudit } from './service/audit';
import { createCaseStore } from './service/cases';
import { CentralError } from './service/errors';
import { createPeople } from './service/people';
import { createSessions } from './service/sessions';
import { createSetup } from './service/setup';
import { createSignIn } from './service/sign-in';
import { createPublished, type PublishedKind } from './service/published';
import { createRatingStore } from './service/ratings';
import { createWorkstationRegistry } from './service/workstations';
import { createUploads } from './uploads';
import { createHall } from './hall/service';

export interface CentralConfig {
  /** Blobs, uploads and (without `databaseUrl`) the embedded database live here. */
  dataDir: string;
  /** PostgreSQL (`postgres://…`); without it, the embedded PGlite in `dataDir/pgdata`. */
  databaseUrl?: string | undefined;
  now?: () => Date;
  /** Fastify's logger (pino) and its level; off in tests. */
  logger?: boolean | { level: string };
  /** The name shown on the approver page. */
  name?: string;
  /** Where the SQL migrations are: beside the built bundle in a deployment; `central/migrations` by default. */
  migrationsFolder?: string;
  /** The update feed's folder (latest*.yml, installers, blockmaps), served at `/updates/`; `dataDir/updates` by default. */
  updatesDir?: string | undefined;
  /**
   * Central listens on loopback behind a TLS terminator on the same host (CENTRAL_BEHIND_TLS=1): the
   * session cookie is Secure even on loopback, and the client address is the proxy's X-Forwarded-For
   * (trusted from loopback only), so the sign-in rate limit counts each client, not the proxy.
   * Without it the cookie is Secure unless the request came in on a loopback address.
   */
  behindTls?: boolean;
  /** `hall`: run only the hall service (queue, display), on a machine in the hall (`serve --only hall`). */
  only?: 'hall' | undefined;
  /** A center's own call recordings, overriding the default clips file by file. */
  voiceDir?: string | undefined;
  /** The hall's time zone (Asia/Shanghai unless configured). */
  timeZone?: string | undefined;
  /** Where the hall service's errors go (the request log); silent in tests. */
  onHallError?: (error: unknown) => void;
}

export type Central = Awaited<ReturnType<typeof createCentral>>;

/** Central sweeps at start and then this often: abandoned uploads, ended sessions, old sign-in failures. */
export const sweepEveryMs = 60 * 60 * 1000;

/** Central's services over its database, without HTTP: the app and the tests use the same ones. */
export async function createCentral(config: CentralConfig) {
  const now = config.now ?? (() => new Date());
  const database: CentralDatabase = await openCentralDatabase({
    url: config.databaseUrl,
    dataDir: config.dataDir,
    ...(config.migrationsFolder ? { migrationsFolder: config.migrationsFolder } : {}),
  });
  const { db } = database;
  const audit = createCentralAudit({ db, now });
  const registry = createWorkstationRegistry({ db, now, audit });
  const cases = createCaseStore({ db, now, audit });
  const ratings = createRatingStore({ db, now, audit, timeZone: config.timeZone });
  const uploads = createUploads({ db, dataDir: config.dataDir, now, registry, cases });
  const sessions = createSessions({ db, now });
  const people = createPeople({ db, now, audit, sessions });
  const signIn = createSignIn({ db, now, audit, people });
  const hall = await createHall({
    db,
    now,
    hallName: config.name ?? '市民中心',
    timeZone: config.timeZone,
    onError: config.onHallError,
  });
  return {
    name: config.name ?? '一窗 中心审批',
    only: config.only,
    voiceDir: config.voiceDir,
    hall,
    now,
    updatesDir: config.updatesDir ?? join(config.dataDir, 'updates'),
    database,
    audit,
    registry,
    cases,
    ratings,
    uploads,
    auditHeads: createAuditHeads({ db, now, audit }),
    published: createPublished({ db, now, audit }),
    people,
    sessions,
    signIn,
    setup: createSetup({ db, now, people, dataDir: config.dataDir }),
    secureCookies: config.behindTls ? ('always' as const) : ('auto' as const),
    /** The housekeeping sweep; how many abandoned uploads it removed. */
    async sweep(): Promise<{ uploads: number }> {
      const removed = await uploads.sweep();
      await sessions.sweep();
      await signIn.sweep();
      return { uploads: removed };
    },
  };
}

/** Parses and validates what an administrator publishes (the same schemas the workstation loads with). */
export function parsePublished(kind: PublishedKind, data: unknown): unknown {
  const schema = kind === 'catalog' ? catalogSchema : holidayCalendarSchema;
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    throw new CentralError(
      400,
      'invalid_input',
      kind === 'catalog' ? 'published.catalogInvalid' : 'published.calendarInvalid',
      {
        detail: parsed.error.issues[0]?.message ?? '',
      },
    );
  }
  return parsed.data;
}
