import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskIdNumber } from '@yichuang/domain/id-numbers';
import { apiPrefix, type CasePut } from '@yichuang/domain/protocol';
import {
  casePut,
  createTusUpload,
  enrolWindow,
  startCentral,
  testFile,
  type RunningCentral,
  type TestFile,
} from '../testing/central';
import { csrfOf, pageClient, signedIn, testPeople } from '../testing/pages';

/**
 * Who may touch what: a workstation only the cases it created (a second enrolled workstation is
 * refused, 403); an approver only their department's cases and files (queue, page, file, decision);
 * the ID number masked on the case page until the approver asks, which the trail records.
 */

describe('workstation and department isolation', () => {
  let c: RunningCentral;
  let a: { authorization: string; workstation: { id: string } };
  let b: { authorization: string };
  let police: CasePut;
  let civil: CasePut;
  let policeFile: TestFile;
  let civilFile: TestFile;
  let admin: string;
  let li: string;

  /** A file as a verified upload leaves it: at its blob path, recorded. */
  async function arrived(file: TestFile): Promise<void> {
    const path = c.central.uploads.blobPath(file.sha256);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, file.data);
    await c.central.cases.fileVerified(file.sha256, file.bytes, file.mime);
  }

  const putAs = (authorization: string, body: CasePut) =>
    fetch(`${c.url}${apiPrefix}/cases/${body.id}`, {
      method: 'PUT',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    c = await startCentral({ engine: 'pglite' });
    a = await enrolWindow(c.central, 3);
    b = await enrolWindow(c.central, 4);
    policeFile = testFile(300);
    civilFile = testFile(400);
    police = casePut([policeFile]);
    civil = casePut([civilFile], { matter: { code: 'TEST-MZ-001', name: '婚姻登记', department: '民政局' } });
    for (const body of [police, civil]) expect((await putAs(a.authorization, body)).status).toBe(201);
    await arrived(policeFile);
    await arrived(civilFile);
    [admin, li] = await signedIn(c.app, c.central, [testPeople.admin, testPeople.li]);
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  it("refuses workstation B's PUT to A's case with 403 and a Chinese message; the case stays A's", async () => {
    const taken = { ...police, version: 2, windowNumber: 4, contentHash: 'cd'.repeat(32) };
    const refused = await putAs(b.authorization, taken);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({
      code: 'case_not_yours',
      message: '该办件由另一台工作站受理，本工作站不能修改它或为它上传材料',
    });
    const detail = await c.central.cases.detail(police.id);
    expect(detail?.row).toMatchObject({ workstationId: a.workstation.id, version: 1 });
    // B cannot ask about it either.
    const missing = await fetch(`${c.url}${apiPrefix}/cases/${police.id}/versions/1/missing`, {
      headers: { authorization: b.authorization },
    });
    expect(missing.status).toBe(404);
    // A still can change its own case.
    expect((await putAs(a.authorization, { ...police, version: 2, contentHash: 'ef'.repeat(32) })).status).toBe(201);
  });

  it("refuses workstation B's upload for A's case with 403", async () => {
    const created = await createTusUpload(c.url, b.authorization, police.id, testFile(200));
    expect(created.status).toBe(403);
    expect(await created.text()).toContain('该办件由另一台工作站受理');
  });

  it("shows an approver only their department's cases: queue, case page, decision", async () => {
    const page = pageClient(c.app);
    const queue = (await page.get('/approver?tab=submitted', li)).body;
    expect(queue).toContain(police.number);
    expect(queue).not.toContain(civil.number);
    const adminQueue = (await page.get('/approver?tab=submitted', admin)).body;
    expect(adminQueue).toContain(civil.number);

    expect((await page.get(`/approver/cases/${civil.id}`, li)).statusCode).toBe(403);
    const own = await page.get(`/approver/cases/${police.id}`, li);
    expect(own.statusCode).toBe(200);
    const decide = await page.post(`/approver/cases/${civil.id}/decide`, li, {
      csrf: csrfOf(own.body),
      version: '1',
      action: 'approve',
      comment: '',
    });
    expect(decide.statusCode).toBe(403);
    expect((await c.central.cases.detail(civil.id))?.row.state).toBe('submitted');
  });

  it("answers a direct address of another department's file with 404, as if there were none", async () => {
    const page = pageClient(c.app);
    const other = await page.get(`/approver/files/${civilFile.sha256}`, li);
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain(civilFile.data.subarray(0, 16).toString('latin1'));
    expect((await page.get(`/approver/files/${policeFile.sha256}`, li)).statusCode).toBe(200);
    // The administrator (no department) sees every file, as before.
    expect((await page.get(`/approver/files/${civilFile.sha256}`, admin)).statusCode).toBe(200);
  });

  it('masks the ID number on the case page; 显示完整证件号 shows it and writes the trail', async () => {
    const page = pageClient(c.app);
    const idNumber = police.draft.person.idNumber;
    const shown = await page.get(`/approver/cases/${police.id}`, li);
    expect(shown.body).not.toContain(idNumber);
    expect(shown.body).toContain(maskIdNumber(idNumber));
    expect(shown.body).toContain('显示完整证件号');

    // Without the form token nothing is shown or recorded.
    expect((await page.post(`/approver/cases/${police.id}/reveal-id`, li, {})).statusCode).toBe(403);
    expect((await c.central.audit.list(police.id)).filter((e) => e.action === 'case.reveal_id')).toHaveLength(0);

    const revealed = await page.post(`/approver/cases/${police.id}/reveal-id`, li, { csrf: csrfOf(shown.body) });
    expect(revealed.statusCode).toBe(200);
    expect(revealed.body).toContain(idNumber);
    expect(revealed.body).toContain('完整证件号已显示，此次查看已记入操作记录');
    const trail = (await c.central.audit.list(police.id)).filter((e) => e.action === 'case.reveal_id');
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actorKind: 'approver', actor: '李审批（li）', detail: { number: police.number } });
    expect(JSON.stringify(trail)).not.toContain(idNumber);
    // The next look is masked again.
    expect((await page.get(`/approver/cases/${police.id}`, li)).body).not.toContain(idNumber);

    // Another department's case: refused, nothing shown, nothing recorded.
    const other = await page.post(`/approver/cases/${civil.id}/reveal-id`, li, { csrf: csrfOf(shown.body) });
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain(civil.draft.person.idNumber);
    expect((await c.central.audit.list(civil.id)).filter((e) => e.action === 'case.reveal_id')).toHaveLength(0);
  });
});
