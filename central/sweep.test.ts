import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPrefix } from '@yichuang/domain/protocol';
import { abandonedUploadMs } from './uploads';
import {
  casePut,
  createTusUpload,
  enrolWindow,
  startCentral,
  testFile,
  type RunningCentral,
  type TestFile,
} from './testing/central';

/**
 * Abandoned uploads are removed a day after they began: at start and by the hourly sweep. The clock
 * is central's injected one (no sleeping for a day); a stray file is dated back with utimes.
 */

const hour = 60 * 60 * 1000;

describe('the sweep of abandoned uploads', () => {
  let c: RunningCentral;
  let clock = Date.parse('2026-11-27T01:00:00.000Z');
  let authorization: string;
  const uploadDir = () => join(c.dataDir, 'uploads');

  /** A tus upload begun and left: created, and only the first half of its bytes sent. The upload's address. */
  async function halfUpload(caseId: string, file: TestFile): Promise<string> {
    const created = await createTusUpload(c.url, authorization, caseId, file);
    expect(created.status).toBe(201);
    const location = new URL(created.headers.get('location')!, c.url).toString();
    const patched = await fetch(location, {
      method: 'PATCH',
      headers: {
        authorization,
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: file.data.subarray(0, file.bytes / 2),
    });
    expect(patched.status).toBe(204);
    return location;
  }

  const head = (location: string) =>
    fetch(location, { method: 'HEAD', headers: { authorization, 'tus-resumable': '1.0.0' } });

  beforeAll(async () => {
    c = await startCentral({ engine: 'pglite', now: () => new Date(clock) });
    authorization = (await enrolWindow(c.central, 3)).authorization;
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  it('removes an unfinished upload older than a day (bytes, metadata, row); a younger one stays', async () => {
    const old = testFile(4000);
    const young = testFile(6000);
    const body = casePut([old, young]);
    const put = await fetch(`${c.url}${apiPrefix}/cases/${body.id}`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(put.status).toBe(201);
    const oldUpload = await halfUpload(body.id, old);
    const oldId = oldUpload.split('/').at(-1)!;
    expect(readdirSync(uploadDir())).toEqual(expect.arrayContaining([oldId, `${oldId}.json`]));

    clock += 20 * hour;
    const youngUpload = await halfUpload(body.id, young);
    const youngId = youngUpload.split('/').at(-1)!;
    // A file tus left without a row (central stopped between the two), dated two days back.
    const stray = join(uploadDir(), 'f'.repeat(32));
    writeFileSync(stray, 'partial');
    utimesSync(stray, new Date(clock - 48 * hour), new Date(clock - 48 * hour));

    // Only the stray goes: no upload is a day old yet.
    expect((await c.central.sweep()).uploads).toBe(1);
    expect(existsSync(stray)).toBe(false);
    expect((await head(oldUpload)).status).toBe(200);

    clock += abandonedUploadMs - 20 * hour + 1000;
    expect((await c.central.sweep()).uploads).toBe(1);
    expect(readdirSync(uploadDir()).filter((n) => n.startsWith(oldId))).toEqual([]);
    // The workstation that comes back is told the upload is gone, and starts the file again.
    expect((await head(oldUpload)).status).toBe(404);
    expect(readdirSync(uploadDir())).toEqual(expect.arrayContaining([youngId, `${youngId}.json`]));
    expect((await head(youngUpload)).status).toBe(200);
  });

  it('sweeps at start: central restarted a day later has removed what was left', async () => {
    const file = testFile(5000);
    const body = casePut([file]);
    await fetch(`${c.url}${apiPrefix}/cases/${body.id}`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const left = (await halfUpload(body.id, file)).split('/').at(-1)!;
    await c.stop();
    clock += abandonedUploadMs + hour;
    const again = await startCentral({ engine: 'pglite', dataDir: c.dataDir, now: () => new Date(clock) });
    try {
      expect(readdirSync(join(again.dataDir, 'uploads')).filter((n) => n.startsWith(left))).toEqual([]);
    } finally {
      await again.stop();
    }
  });
});
