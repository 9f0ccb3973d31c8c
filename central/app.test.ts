import { Upload } from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { testSigner } from '@yichuang/domain/testing/audit-trail';
import { apiPrefix, replayedHeader, uploadsPath, type CasePut } from '@yichuang/domain/protocol';
import {
  casePut,
  engines,
  enrolWindow,
  startCentral,
  testFile,
  type RunningCentral,
  type TestFile,
} from './testing/central';

/** Uploads one file over tus as the workstation does; resolves with the upload URL or the error. */
function tusUpload(c: RunningCentral, authorization: string, caseId: string, file: TestFile, sha256 = file.sha256) {
  return new Promise<{ url: string | null; error: (Error & { originalResponse?: { getStatus(): number } }) | null }>(
    (resolve) => {
      const upload = new Upload(file.data, {
        endpoint: `${c.url}${uploadsPath}`,
        headers: { authorization },
        metadata: { caseId, sha256, filename: 'scan.png', filetype: file.mime },
        chunkSize: 256 * 1024,
        retryDelays: [],
        onSuccess: () => resolve({ url: upload.url, error: null }),
        onError: (error) => resolve({ url: upload.url, error: error as never }),
      });
      upload.start();
    },
  );
}

describe.each(engines)('central over %s', (engine) => {
  let c: RunningCentral;
  let auth: string;
  let other: string;

  beforeAll(async () => {
    c = await startCentral({ engine });
    auth = (await enrolWindow(c.central, 3)).authorization;
    other = (await enrolWindow(c.central, 4)).authorization;
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  const put = (body: CasePut, authorization = auth, key?: string) =>
    fetch(`${c.url}${apiPrefix}/cases/${body.id}`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      body: JSON.stringify(body),
    });
  const get = (path: string, authorization = auth) => fetch(`${c.url}${path}`, { headers: { authorization } });

  it('enrolment: a code works once; without a credential nothing is answered', async () => {
    const { code } = await c.central.registry.createCode('9 号窗口', 'admin');
    const body = {
      code: code.toLowerCase(),
      districtCode: '370303',
      windowNumber: 9,
      hallName: '张店区市民中心',
      hostname: 'ws9',
      auditKey: testSigner().publicKey,
    };
    const first = await fetch(`${c.url}${apiPrefix}/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(first.status).toBe(200);
    const { credential } = (await first.json()) as { credential: string };
    expect((await get(`${apiPrefix}/events`, `Bearer ${credential}`)).status).toBe(200);

    // The API answers in Chinese whatever language the caller's headers ask for (the workstation shows it as sent).
    const again = await fetch(`${c.url}${apiPrefix}/enrol`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'en-US,en;q=0.9', cookie: 'lang=en' },
      body: JSON.stringify(body),
    });
    expect(again.status).toBe(403);
    expect(await again.json()).toEqual({
      code: 'enrolment_refused',
      message: '注册码无效、已使用或已过期：请向中心管理员索取新的注册码',
    });

    const none = await get(`${apiPrefix}/events`, '');
    expect(none.status).toBe(401);
    const forged = await get(`${apiPrefix}/events`, `Bearer ${credential.slice(0, -2)}xx`);
    expect(forged.status).toBe(401);
  });

  it('enrolment: a window number another workstation holds is refused with 409; the code stays usable', async () => {
    const enrol = (body: object) =>
      fetch(`${c.url}${apiPrefix}/enrol`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const holder = await enrolWindow(c.central, 11);
    const { code } = await c.central.registry.createCode('11 号窗口（换机）', 'admin');
    const body = {
      code,
      districtCode: '370303',
      windowNumber: 11,
      hallName: '张店区市民中心',
      hostname: 'ws11-new',
      auditKey: testSigner().publicKey,
    };

    const refused = await enrol(body);
    expect(refused.status).toBe(409);
    const answer = (await refused.json()) as { code: string; message: string };
    expect(answer).toEqual({
      code: 'window_taken',
      message: '11 号窗口（区划 370303）已被另一台工作台（ws11）注册：请先在中心的管理页注销旧工作台，或修改本机窗口号',
    });
    // Nothing was enrolled, and central's trail says who tried.
    const rows = await c.central.registry.list();
    expect(rows.filter((w) => w.windowNumber === 11 && w.districtCode === '370303')).toHaveLength(1);
    expect((await c.central.audit.list(holder.workstation.id)).map((e) => e.action)).toContain('enrolment.refused');

    // The same number in another district is another window.
    const { code: otherDistrict } = await c.central.registry.createCode('淄川 11 号窗口', 'admin');
    const elsewhere = await enrol({ ...body, code: otherDistrict, districtCode: '370302', hostname: 'zc11' });
    expect(elsewhere.status).toBe(200);

    // Once the old workstation is revoked, the same code enrols the new one.
    await c.central.registry.revoke(holder.workstation.id, 'admin');
    const accepted = await enrol(body);
    expect(accepted.status).toBe(200);
    expect((await get(`${apiPrefix}/events`, holder.authorization)).status).toBe(401);
  });

  it('enrolment: two workstations enrolling the same window at once: one gets it, the other 409', async () => {
    const codes = await Promise.all([1, 2].map((n) => c.central.registry.createCode(`12 号窗口 ${n}`, 'admin')));
    const answers = await Promise.all(
      codes.map(({ code }, i) =>
        fetch(`${c.url}${apiPrefix}/enrol`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            code,
            districtCode: '370303',
            windowNumber: 12,
            hallName: '张店区市民中心',
            hostname: `ws12-${i}`,
            auditKey: testSigner().publicKey,
          }),
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const rows = await c.central.registry.list();
    expect(rows.filter((w) => w.windowNumber === 12 && !w.revokedAt)).toHaveLength(1);
  });

  it('PUT is idempotent: the same body answers the same, another body for the version is 409, nothing twice', async () => {
    const file = testFile(1000);
    const body = casePut([file]);
    const first = await put(body);
    expect(first.status).toBe(201);
    const answer = await first.json();
    const second = await put(body);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(answer);
    expect(second.headers.get(replayedHeader)).toBe('true');

    const changed = await put({ ...body, promisedDate: '2026-12-09' });
    expect(changed.status).toBe(409);
    expect(await changed.json()).toEqual({
      code: 'version_conflict',
      message: `办件 ${body.number} 第 1 版已以不同内容提交过：同一版本不能更改，请联系中心核对`,
    });

    const detail = await c.central.cases.detail(body.id);
    expect(detail?.row).toMatchObject({ version: 1, state: 'receiving', promisedDate: '2026-12-08' });
    expect(detail?.missing).toEqual([file.sha256]);
  });

  it('duplicated and reordered requests create nothing twice', async () => {
    const v1 = casePut([testFile(500)]);
    const v2: CasePut = { ...v1, version: 2, windowState: 'accepted', promisedDate: '2026-12-10' };
    // Twenty copies of v1 at once, then v2, then v1 replayed late: one case, at version 2.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => put(v1).then(async (r) => [r.status, await r.json()])),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect((await put(v2)).status).toBe(201);
    const late = await put(v1);
    expect(late.status).toBe(201);
    expect(late.headers.get(replayedHeader)).toBe('true');
    const detail = await c.central.cases.detail(v1.id);
    expect(detail?.row).toMatchObject({ version: 2, promisedDate: '2026-12-10' });
    expect(await c.central.cases.duplicates()).toBe(0);
  });

  it('an idempotency key answers from the record; reused for another body it is refused (422)', async () => {
    const body = casePut([testFile(300)]);
    const key = `case:${body.id}:v1`;
    const first = await put(body, auth, key);
    expect(first.status).toBe(201);
    const replay = await put(body, auth, key);
    expect(replay.headers.get(replayedHeader)).toBe('true');
    const misuse = await put(casePut([testFile(300)]), auth, key);
    expect(misuse.status).toBe(422);
  });

  it('refuses bad input with a Chinese message and changes nothing', async () => {
    const body = casePut([testFile(100)]);
    const bad = await put({ ...body, number: 'not-a-number' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toContain('请求内容不符合接口定义');
    const wrongWindow = await put(body, other);
    expect(wrongWindow.status).toBe(403);
    expect(await c.central.cases.detail(body.id)).toBeNull();
  });

  it('a rejection with no materials at all is recorded (it once answered 500: an empty file insert)', async () => {
    const body = casePut([], {
      windowState: 'rejected',
      decision: { kind: 'reject', reasonCode: 'not_in_scope', text: '不属于本窗口受理范围' },
      acceptedAt: null,
      promisedDate: null,
    });
    expect(body.materials).toEqual([]);
    const answer = await put(body);
    expect(answer.status).toBe(201);
    const detail = await c.central.cases.detail(body.id);
    expect(detail?.row).toMatchObject({ version: 1 });
    expect(detail?.missing).toEqual([]);
    // The same body again is the same answer, not a second row.
    expect((await put(body)).status).toBe(201);
  });

  it('a material arrives over tus, is verified, and the case is submitted; the feed says so', async () => {
    const files = [testFile(700_000), testFile(300_000)];
    const body = casePut(files);
    expect((await put(body)).status).toBe(201);
    const missing = await get(`${apiPrefix}/cases/${body.id}/versions/1/missing`);
    expect(((await missing.json()) as { missing: string[] }).missing.sort()).toEqual(files.map((f) => f.sha256).sort());

    // Bytes that do not match their announced hash are refused (460) and never become the file.
    const lying = await tusUpload(c, auth, body.id, { ...files[0]!, data: testFile(700_000).data });
    expect(lying.error?.originalResponse?.getStatus()).toBe(460);
    expect((await c.central.cases.detail(body.id))?.row.state).toBe('receiving');

    // A file the case does not list cannot be uploaded; nor can another window upload for this case.
    const stranger = await tusUpload(c, auth, body.id, testFile(1000));
    expect(stranger.error?.originalResponse?.getStatus()).toBe(409);
    const otherWindow = await tusUpload(c, other, body.id, files[0]!);
    expect(otherWindow.error?.originalResponse?.getStatus()).toBe(403);

    for (const f of files) expect((await tusUpload(c, auth, body.id, f)).error).toBeNull();
    const detail = await c.central.cases.detail(body.id);
    expect(detail?.row.state).toBe('submitted');
    expect(detail?.missing).toEqual([]);
    for (const f of files) expect(await c.central.uploads.blobSize(f.sha256)).toBe(f.bytes);

    const feed = (await (await get(`${apiPrefix}/events?after=0`)).json()) as {
      events: { kind: string; caseId: string; seq: number }[];
      cursor: number;
    };
    const mine = feed.events.filter((e) => e.caseId === body.id);
    expect(mine.map((e) => e.kind)).toEqual(['submitted']);

    await c.central.cases.open(body.id, '王审批');
    await c.central.cases.decide(body.id, 1, 'approve', '材料齐全，准予办理', '王审批');
    const next = (await (await get(`${apiPrefix}/events?after=${feed.cursor}`)).json()) as {
      events: { kind: string; comment: string; approver: string; id: string }[];
      cursor: number;
    };
    expect(next.events.map((e) => [e.kind, e.comment, e.approver])).toEqual([
      ['in_review', '', '王审批'],
      ['approved', '材料齐全，准予办理', '王审批'],
    ]);
    expect(next.cursor).toBeGreaterThan(feed.cursor);
    // Another window never sees this window's events.
    const theirs = (await (await get(`${apiPrefix}/events?after=0`, other)).json()) as { events: unknown[] };
    expect(theirs.events).toEqual([]);
    // A decision cannot be made twice.
    await expect(c.central.cases.decide(body.id, 1, 'deny', '重复', '赵审批')).rejects.toMatchObject({ status: 409 });
  });

  it('publishes the catalog by version; a workstation that is up to date gets 204', async () => {
    const catalog = testCatalog(9_000_000_050);
    await c.central.published.publish('catalog', catalog.version, catalog, 'admin');
    const fresh = await get(`${apiPrefix}/catalog?after=1`);
    expect(fresh.status).toBe(200);
    expect(((await fresh.json()) as { version: number }).version).toBe(catalog.version);
    expect((await get(`${apiPrefix}/catalog?after=${catalog.version}`)).status).toBe(204);
    await expect(c.central.published.publish('catalog', catalog.version, catalog, 'admin')).rejects.toMatchObject({
      status: 409,
    });
  });

  it('serves its OpenAPI document and the docs page; every answer carries the server time', async () => {
    const res = await fetch(`${c.url}/openapi.json`);
    expect(res.headers.get('server-time')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        `${apiPrefix}/enrol`,
        `${apiPrefix}/cases/{id}`,
        `${apiPrefix}/events`,
        `${apiPrefix}/audit/entries`,
      ]),
    );
    const docs = await fetch(`${c.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });
});
