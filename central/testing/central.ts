import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { emptyDraft, emptyItemState } from '@yichuang/domain/cases';
import type { MaterialMime } from '@yichuang/domain/materials';
import { validCitizenId } from '@yichuang/domain/testing/ids';
import { testSigner, type TestSigner } from '@yichuang/domain/testing/audit-trail';
import { buildCentralApp } from '../app';
import type { Central } from '../central';
import { uploadsPath, type CasePut, type RatingPut } from '@yichuang/domain/protocol';
import {
  badRatingReasonNames,
  handleStateCodes,
  ratingLevelCodes,
  ratingLevelNames,
  type BadRatingReason,
  type RatingLevel,
} from '@yichuang/domain/ratings';
import type { Workstation } from '../service/workstations';

/**
 * Test helpers: a real central (Fastify listening on loopback, a real database) in a temporary
 * folder. `engine: 'postgres'` makes a fresh database on the PostgreSQL server that
 * `scripts/setup-postgres.sh` starts (CENTRAL_TEST_DATABASE_URL, or its default) and drops it after.
 */

export const defaultPostgresUrl = 'postgres://yichuang:yichuang@127.0.0.1:5432/postgres';
export const postgresAdminUrl = () => process.env.CENTRAL_TEST_DATABASE_URL ?? defaultPostgresUrl;

export const engines = ['pglite', 'postgres'] as const;
export type Engine = (typeof engines)[number];

/** A new, empty PostgreSQL database for one test file; `drop()` removes it. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = postgresAdminUrl();
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is needed for central's tests and is not reachable at ${adminUrl}: run \`bash scripts/setup-postgres.sh\` (${(error as Error).message})`,
      { cause: error },
    );
  }
  const name = `yc_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    /**
     * Drops it, ending our own connections to it. An autovacuum worker that happens to be in it
     * cannot be ended by the test role (PostgreSQL 15 refuses: 42501) and leaves in a moment: try
     * again for a few seconds, then leave the database behind with a warning rather than fail a test
     * that passed.
     */
    async drop() {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            await again.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            return;
          } catch (error) {
            const code = (error as { code?: string }).code;
            if ((code !== '42501' && code !== '55006') || attempt >= 20) {
              if (code === '42501' || code === '55006') {
                console.warn(`test database ${name} left behind: ${(error as Error).message}`);
                return;
              }
              throw error;
            }
            await new Promise((resolve) => setTimeout(resolve, 250));
          }
        }
      } finally {
        await again.end();
      }
    },
  };
}

export interface RunningCentral {
  app: FastifyInstance;
  central: Central;
  /** `http://127.0.0.1:PORT` */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (the data stays, for a restart on the same folder and database). */
  stop(): Promise<void>;
  /** Stops it and removes its folder and database. */
  dispose(): Promise<void>;
}

export interface StartOptions {
  engine?: Engine;
  /** Reuse a folder (and with postgres a database URL) to restart a central that was stopped. */
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  now?: () => Date;
  /** Central on loopback behind a TLS terminator (CENTRAL_BEHIND_TLS=1). */
  behindTls?: boolean;
  /** `hall`: only the hall service (`serve --only hall`). */
  only?: 'hall';
}

export async function startCentral(options: StartOptions = {}): Promise<RunningCentral> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'yc-central-'));
  let databaseUrl = options.databaseUrl;
  let fresh: Awaited<ReturnType<typeof freshPostgresDatabase>> | null = null;
  if (!databaseUrl && options.engine === 'postgres') {
    fresh = await freshPostgresDatabase();
    databaseUrl = fresh.url;
  }
  const { app, central } = await buildCentralApp({
    dataDir,
    databaseUrl,
    ...(options.now ? { now: options.now } : {}),
    ...(options.behindTls ? { behindTls: true } : {}),
    ...(options.only ? { only: options.only } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await app.close();
  };
  return {
    app,
    central,
    url: `http://127.0.0.1:${port}`,
    port,
    dataDir,
    stop,
    async dispose() {
      await stop();
      if (fresh) await fresh.drop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Enrols a window: the credential a workstation would keep, its audit-signing key, and the workstation central sees. */
export async function enrolWindow(
  central: Central,
  windowNumber = 3,
): Promise<{ credential: string; workstation: Workstation; authorization: string; signer: TestSigner }> {
  const { code } = await central.registry.createCode(`${windowNumber} 号窗口`, 'admin');
  const signer = testSigner();
  const { credential } = await central.registry.enrol({
    code,
    districtCode: '370303',
    windowNumber,
    hallName: '张店区市民中心',
    hostname: `ws${windowNumber}`,
    auditKey: signer.publicKey,
  });
  const authorization = `Bearer ${credential}`;
  return { credential, authorization, signer, workstation: await central.registry.authenticate(authorization) };
}

export interface TestFile {
  sha256: string;
  bytes: number;
  mime: MaterialMime;
  data: Buffer;
}

/** Random bytes standing in for a scan (central checks the hash, not the picture). */
export function testFile(size: number): TestFile {
  const data = randomBytes(size);
  return { data, bytes: size, sha256: createHash('sha256').update(data).digest('hex'), mime: 'image/png' };
}

/** Creates a tus upload by hand (POST, no bytes yet), as a workstation would for `file` of case `caseId`. */
export function createTusUpload(url: string, authorization: string, caseId: string, file: TestFile): Promise<Response> {
  const meta = Object.entries({ caseId, sha256: file.sha256, filetype: file.mime })
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
  return fetch(`${url}${uploadsPath}`, {
    method: 'POST',
    headers: { authorization, 'tus-resumable': '1.0.0', 'upload-length': String(file.bytes), 'upload-metadata': meta },
  });
}

let numberSeq = 0;

/** A checklist item as the window sent it, without files (so a case of only these is submitted at once). */
export const paperMaterial = (itemId: string, name: string): CasePut['materials'][number] => ({
  itemId,
  name,
  required: true,
  status: 'complete',
  pages: 1,
  originalChecked: true,
  copies: 0,
  eLicence: false,
  files: [],
});

/** A valid case version for `PUT /cases/{id}` listing the given files (one material each). */
export function casePut(
  files: readonly Pick<TestFile, 'sha256' | 'bytes' | 'mime'>[],
  overrides: Partial<CasePut> = {},
): CasePut {
  numberSeq += 1;
  const draft = emptyDraft('TEST-JZZ-001');
  draft.person = { ...draft.person, name: '张三', idNumber: validCitizenId('37030319900101123'), phone: '13800138000' };
  draft.form = { residenceAddress: '张店区人民西路 1 号', reason: '务工' };
  const materials = files.map((f, i) => ({
    ...paperMaterial(`item-${i + 1}`, `材料 ${i + 1}`),
    files: [{ sha256: f.sha256, mime: f.mime, bytes: f.bytes, pages: 1, name: `scan-${i + 1}.png` }],
  }));
  for (const m of materials) draft.items[m.itemId] = { ...emptyItemState(), originalChecked: true };
  return {
    id: randomUUID(),
    version: 1,
    number: `370303-20261127-003-${String(numberSeq).padStart(4, '0')}`,
    windowState: 'accepted',
    matter: { code: 'TEST-JZZ-001', name: '居住证申领', department: '公安分局' },
    catalogVersion: 1,
    subject: 'individual',
    districtCode: '370303',
    windowNumber: 3,
    clerk: { staffId: 2, username: 'lisi', displayName: '李四' },
    decision: { kind: 'accept' },
    decidedAt: '2026-11-27T02:00:00.000Z',
    acceptedAt: '2026-11-27T02:00:00.000Z',
    promisedDate: '2026-12-08',
    promisedProvisional: false,
    contentHash: createHash('sha256').update(String(numberSeq)).digest('hex'),
    draft,
    materials,
    ...overrides,
  };
}

/** What a test rating may change: the visit's stage, the citizen's answer, the channel, when. */
export interface TestRating {
  id?: string;
  stage?: RatingPut['stage'];
  level?: RatingLevel;
  reasons?: BadRatingReason[];
  text?: string;
  channel?: RatingPut['channel'];
  ratedAt?: string;
}

/** A valid `PUT /ratings/{id}` body for a case sent with `casePut` (the provincial elements filled as the window would). */
export function ratingPut(of: CasePut, rating: TestRating = {}): RatingPut {
  const level = rating.level ?? 'very_satisfied';
  const reasons = rating.reasons ?? [];
  const stage = rating.stage ?? 'accepted';
  const channel = rating.channel ?? 'PJQ';
  const ratedAt = rating.ratedAt ?? '2026-11-27T10:05:00.000+08:00';
  return {
    id: rating.id ?? randomUUID(),
    caseId: of.id,
    caseNumber: of.number,
    caseVersion: of.version,
    stage,
    level,
    reasons,
    text: rating.text ?? '',
    channel,
    windowNumber: of.windowNumber,
    clerk: of.clerk,
    ratedAt,
    record: {
      version: 2,
      evaluateChannel: channel,
      projNo: of.number,
      projName: of.matter.name,
      serviceCode: of.matter.code,
      serviceVersion: String(of.catalogVersion),
      serviceDepartment: of.matter.department,
      serviceDepartmentCode: '11370303MB0000000X',
      handleStateCode: handleStateCodes[stage],
      regionCode: of.districtCode,
      applicantName: of.draft.person.name,
      applicantCardNumber: of.draft.person.idNumber,
      applicantPhone: of.draft.person.phone,
      userProp: '1',
      userPageType: '111',
      applyTime: of.decidedAt,
      transactionTime: of.decidedAt,
      evaluatedPersonInfo: {
        name: of.clerk.displayName,
        staffNumber: of.clerk.username,
        windowNumber: of.windowNumber,
      },
      evaluateLevel: ratingLevelCodes[level],
      evaluateLevelName: ratingLevelNames[level],
      evaluateReasons: reasons,
      evaluateReasonNames: reasons.map((r) => badRatingReasonNames[r]),
      evaluateText: rating.text ?? '',
      evaluateTime: new Date(ratedAt).toISOString(),
    },
  };
}
