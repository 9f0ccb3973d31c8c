import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import { seedDemo } from './seed-demo';
import { testProtectors } from '../main/testing/keys';

/**
 * The at-rest promise, tried as a thief with the disk in hand would: a data folder filled through
 * the real services, then every file under it (database, WAL, shm, backups, materials, logs, the
 * key file) searched for the people's names, ID numbers, phones and addresses — as UTF-8, UTF-16
 * and GB18030 bytes. Nothing may be found, and nothing may be readable by another account.
 */

const root = resolve(__dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'yichuang-at-rest-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

function foldersUnder(dir: string): string[] {
  return [
    dir,
    ...readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => join(e.parentPath, e.name)),
  ];
}

/** Each secret as the bytes it could sit on disk as. */
function needles(secrets: string[]): { secret: string; encoding: string; bytes: Buffer }[] {
  return secrets.flatMap((secret) => [
    { secret, encoding: 'utf-8', bytes: Buffer.from(secret, 'utf8') },
    { secret, encoding: 'utf-16le', bytes: Buffer.from(secret, 'utf16le') },
    { secret, encoding: 'gb18030', bytes: iconv.encode(secret, 'gb18030') },
  ]);
}

function findings(dir: string, secrets: string[]): string[] {
  const found: string[] = [];
  const all = needles(secrets);
  for (const file of filesUnder(dir)) {
    const bytes = readFileSync(file);
    for (const needle of all) {
      if (bytes.includes(needle.bytes)) found.push(`${file}: ${needle.encoding} ${maskIdNumber(needle.secret)}`);
    }
  }
  return found;
}

describe('nothing readable at rest', () => {
  it('a seeded folder holds none of the people in any file, in any encoding; files 0600, folders 0700', async () => {
    const dataDir = join(work, 'seeded');
    const report = await seedDemo({ dataDir, cases: 3, protectors: testProtectors() });
    expect(report.people).toHaveLength(3);
    expect(report.printed).toBe(3);
    expect(report.backup).not.toBeNull();
    const names = filesUnder(dataDir).map((f) => f.slice(dataDir.length + 1));
    // Every kind of file is there to be searched.
    for (const expected of [
      /^yichuang\.db$/,
      /^backups\/daily-.+\.db$/,
      /^materials\/.+/,
      /^logs\/.+/,
      /^keys\.json$/,
    ]) {
      expect(
        names.some((n) => expected.test(n)),
        String(expected),
      ).toBe(true);
    }
    const secrets = report.people.flatMap((p) => [p.name, p.idNumber, p.phone, p.address]);
    expect(findings(dataDir, secrets)).toEqual([]);
    // The search does find a secret written in the clear, in each encoding.
    const control = join(work, 'control');
    mkdirSync(control);
    writeFileSync(
      join(control, 'gb'),
      Buffer.concat([Buffer.from('x'), iconv.encode(report.people[0]!.address, 'gb18030')]),
    );
    writeFileSync(join(control, 'utf16'), Buffer.from(`..${report.people[1]!.idNumber}..`, 'utf16le'));
    expect(findings(control, secrets)).toHaveLength(2);
    for (const file of filesUnder(dataDir)) expect(statSync(file).mode & 0o777, file).toBe(0o600);
    for (const folder of foldersUnder(dataDir)) expect(statSync(folder).mode & 0o777, folder).toBe(0o700);
  });

  it('npm run devtool -- seed-demo fills a folder with the key from YICHUANG_PASSPHRASE, and refuses without it', () => {
    const dataDir = join(work, 'cli');
    const run = (env: Record<string, string>) =>
      spawnSync('npx', ['tsx', 'scripts/devtool.ts', 'seed-demo', '--data-dir', dataDir, '--cases', '2'], {
        cwd: root,
        encoding: 'utf8',
        env: { ...process.env, FORCE_COLOR: '0', YICHUANG_PASSPHRASE: '', ...env },
      });
    const refused = run({});
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('YICHUANG_PASSPHRASE');
    const done = run({ YICHUANG_PASSPHRASE: 'a long demo passphrase' });
    expect(done.stderr).toBe('');
    expect(done.status).toBe(0);
    expect(done.stdout).toMatch(/^已填充 2 件办件、打印 2 份文书/);
    const keyFile = JSON.parse(readFileSync(join(dataDir, 'keys.json'), 'utf8')) as { wrapped: { kind: string }[] };
    expect(keyFile.wrapped.map((w) => w.kind)).toEqual(['passphrase', 'recovery']);
  }, 120_000);
});
