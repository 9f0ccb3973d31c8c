import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ScanJob, ScannedPageEvent, ScanSettings } from '../../../preload/contract/document-scanners';
import { until } from '../../testing/wait';
import {
  addClerk,
  call,
  codeOf,
  createTestWorkstation,
  newSession,
  setUpAdmin,
  strongPassword,
  type TestSession,
  type TestWorkstation,
} from '../../testing/workstation';
import { createEsclSimulator, type EsclSimulator } from './escl/simulator';

// The whole path as a window uses it: the router (roles, validation), the service's queue, the
// real eSCL route to a simulator speaking eSCL on 127.0.0.1, the real page processing (sharp) and
// the real encrypted material store. Only the scanner is simulated.

let t: TestWorkstation;
let admin: TestSession;
let clerk: TestSession;
let sim: EsclSimulator;
let scannerId: string;

const low: ScanSettings = { source: 'adf_duplex', mode: 'color', resolution: 100, pageSize: 'a4' };

function pagesOf(session: TestSession, jobId: string): ScannedPageEvent[] {
  return session.events
    .filter((e) => e.event === 'documentScanners.page')
    .map((e) => e.payload as ScannedPageEvent)
    .filter((p) => p.jobId === jobId);
}

function jobEvents(session: TestSession, jobId: string): ScanJob[] {
  return session.events
    .filter((e) => e.event === 'documentScanners.job')
    .map((e) => e.payload as ScanJob)
    .filter((j) => j.jobId === jobId);
}

async function finished(session: TestSession, jobId: string): Promise<ScanJob> {
  return until(
    () => jobEvents(session, jobId).find((j) => j.state === 'done' || j.state === 'failed' || j.state === 'cancelled'),
    30_000,
    `job ${jobId} to finish`,
  );
}

async function scan(input: { itemId: string; settings?: ScanSettings | null; replaces?: number | null }) {
  const started = await call(t.workstation, clerk, 'documentScanners.scan', {
    itemId: input.itemId,
    settings: input.settings === undefined ? low : input.settings,
    replaces: input.replaces ?? null,
  });
  if (!started.ok) throw new Error(`scan refused: ${started.error.code}`);
  return started.value;
}

beforeAll(async () => {
  sim = await createEsclSimulator({ name: 'Simulated MFP' });
});
afterAll(async () => {
  await sim.close();
});

beforeEach(async () => {
  t = await createTestWorkstation();
  admin = newSession();
  await setUpAdmin(t.workstation, admin);
  await addClerk(t.workstation.services.staff, { username: 'zhang', displayName: '张三', windowNumber: 7 });
  clerk = newSession();
  const signedIn = await call(t.workstation, clerk, 'auth.signIn', { username: 'zhang', password: strongPassword });
  expect(signedIn.ok).toBe(true);
  t.workstation.hub.add(clerk);
  t.workstation.hub.add(admin);
  const added = await call(t.workstation, admin, 'documentScanners.add', { address: sim.url });
  if (!added.ok) throw new Error(`add failed: ${added.error.code}`);
  scannerId = added.value.id;
});
afterEach(async () => {
  await t.dispose();
});

describe('document scanner service', () => {
  it('adds a network scanner by the address typed, with what it can do; only a supervisor removes one', async () => {
    const list = await call(t.workstation, clerk, 'documentScanners.list', {});
    if (!list.ok) throw new Error(list.error.code);
    expect(list.value).toHaveLength(1);
    // Named as the device calls itself, not by its address.
    expect(list.value[0]).toMatchObject({
      id: `escl:${sim.url}`,
      kind: 'escl',
      origin: 'typed',
      name: 'Simulated MFP',
    });
    expect(list.value[0]?.capabilities?.sources).toEqual(expect.arrayContaining(['flatbed', 'adf', 'adf_duplex']));
    // The clerk may add the scanner at the window (again: nothing changes); removing it is the supervisor's.
    expect((await call(t.workstation, clerk, 'documentScanners.add', { address: sim.url })).ok).toBe(true);
    expect(codeOf(await call(t.workstation, clerk, 'documentScanners.remove', { scannerId }))).toBe('forbidden');
    // A scanner that does not answer is not kept.
    const dead = await call(t.workstation, clerk, 'documentScanners.add', { address: 'http://127.0.0.1:9/eSCL' });
    expect(dead.ok).toBe(false);
    const after = await call(t.workstation, clerk, 'documentScanners.list', {});
    expect(after.ok && after.value.map((s) => s.id)).toEqual([scannerId]);
  });

  it('scans three duplex sheets with one blank back: five pages stored in order, the blank one counted', async () => {
    sim.load({ sheets: 3, duplex: true, blankBacks: [2] });
    const job = await scan({ itemId: 'id-card' });
    expect(job).toMatchObject({ itemId: 'id-card', scannerId, state: 'queued' });
    const end = await finished(clerk, job.jobId);
    expect(end).toMatchObject({ state: 'done', pages: 5, blanksDropped: 1, error: null });
    const pages = pagesOf(clerk, job.jobId);
    expect(pages.map((p) => p.index)).toEqual([1, 2, 3, 4, 5]);
    for (const page of pages) {
      expect(page.itemId).toBe('id-card');
      expect(page.replaces).toBeNull();
      expect(t.workstation.services.materials.has(page.file.sha256)).toBe(true);
      const stored = t.workstation.services.materials.read(page.file.sha256);
      expect(stored.mime).toBe('image/jpeg');
      const thumb = await sharp(Buffer.from(page.thumbnail)).metadata();
      expect(thumb.format).toBe('jpeg');
      expect(thumb.width).toBeLessThanOrEqual(220);
    }
    // Every page is a different image (fronts and backs of different sheets).
    expect(new Set(pages.map((p) => p.file.sha256)).size).toBe(5);
    // Scanned papers (an ID card) show only on the screen that scanned them.
    expect(admin.events.filter((e) => e.event.startsWith('documentScanners.page'))).toEqual([]);
    expect(admin.events.filter((e) => e.event === 'documentScanners.job')).toEqual([]);
    // The screen that missed them (another screen was open) gets them again; nobody else does.
    const again = await call(t.workstation, clerk, 'documentScanners.jobs', { jobIds: [job.jobId] });
    expect(again.ok && again.value.pages.map((p) => p.file.sha256)).toEqual(pages.map((p) => p.file.sha256));
    expect(again.ok && again.value.jobs).toEqual([end]);
    const supervisor = newSession();
    await t.workstation.services.staff.create({
      username: 'wang',
      displayName: '王值班',
      role: 'supervisor',
      windowNumber: null,
      password: strongPassword,
      mustChangePassword: false,
    });
    await call(t.workstation, supervisor, 'auth.signIn', { username: 'wang', password: strongPassword });
    const theirs = await call(t.workstation, supervisor, 'documentScanners.jobs', { jobIds: [job.jobId] });
    expect(theirs.ok && theirs.value).toEqual({ jobs: [], pages: [] });
  });

  it('remembers the scanner and settings for the item type, and offers them next time', async () => {
    sim.load({ sheets: 1 });
    const grey: ScanSettings = { ...low, source: 'adf', mode: 'gray' };
    const job = await scan({ itemId: 'application-form', settings: grey });
    await finished(clerk, job.jobId);
    const preset = await call(t.workstation, clerk, 'documentScanners.preset', { itemId: 'application-form' });
    expect(preset.ok && preset.value).toEqual({ scannerId, settings: grey });
    // F7 with no settings uses the remembered ones.
    sim.load({ sheets: 1 });
    const again = await scan({ itemId: 'application-form', settings: null });
    expect(again.settings).toEqual(grey);
    await finished(clerk, again.jobId);
  });

  it('keeps the pages before a jam and says which page jammed', async () => {
    sim.load({ sheets: 4, duplex: false, jamAfterPage: 2 });
    const job = await scan({ itemId: 'id-card', settings: { ...low, source: 'adf' } });
    const end = await finished(clerk, job.jobId);
    expect(end.state).toBe('failed');
    expect(end.error).toMatchObject({ code: 'docscan_jam', params: { page: 3 } });
    expect(end.error?.message).toContain('第 3 页');
    expect(pagesOf(clerk, job.jobId).map((p) => p.index)).toEqual([1, 2]);
    expect(end.pages).toBe(2);
  });

  it('refuses a broken page with a message and stores nothing of it', async () => {
    sim.load({ sheets: 3, duplex: false, fault: { page: 2, kind: 'truncated-jpeg' } });
    const job = await scan({ itemId: 'id-card', settings: { ...low, source: 'adf' } });
    const end = await finished(clerk, job.jobId);
    expect(end.state).toBe('failed');
    expect(end.error?.code).toBe('docscan_bad_page');
    expect(end.error?.params).toMatchObject({ page: 2 });
    expect(pagesOf(clerk, job.jobId).map((p) => p.index)).toEqual([1]);
  });

  it('says the feeder is empty before scanning anything', async () => {
    sim.load({ sheets: 0 });
    const job = await scan({ itemId: 'id-card' });
    const end = await finished(clerk, job.jobId);
    expect(end).toMatchObject({ state: 'failed', pages: 0, error: { code: 'docscan_feeder_empty' } });
  });

  it('runs two scan requests one after the other, never at once', async () => {
    sim.load({ sheets: 4, duplex: false });
    const first = await scan({ itemId: 'id-card', settings: { ...low, source: 'adf' } });
    const second = await scan({ itemId: 'photo', settings: { ...low, source: 'adf' } });
    expect(second.state).toBe('queued');
    await finished(clerk, second.jobId);
    const order = clerk.events
      .filter((e) => e.event === 'documentScanners.job')
      .map((e) => e.payload as ScanJob)
      .map((j) => `${j.jobId === first.jobId ? 'first' : 'second'}:${j.state}`);
    const firstEnd = order.findIndex((s) => s === 'first:done');
    const secondStart = order.findIndex((s) => s === 'second:scanning');
    expect(firstEnd).toBeGreaterThanOrEqual(0);
    expect(secondStart).toBeGreaterThan(firstEnd);
    // The first took the whole feeder; the second found it empty.
    expect((await finished(clerk, first.jobId)).pages).toBe(4);
    expect((await finished(clerk, second.jobId)).error?.code).toBe('docscan_feeder_empty');
  });

  it('rescans one page: one page only, marked to replace the page it was asked for', async () => {
    sim.load({ sheets: 3, duplex: false });
    const job = await scan({ itemId: 'id-card', settings: { ...low, source: 'adf' }, replaces: 2 });
    const end = await finished(clerk, job.jobId);
    expect(end).toMatchObject({ state: 'done', pages: 1 });
    expect(pagesOf(clerk, job.jobId)).toEqual([expect.objectContaining({ index: 1, replaces: 2 })]);
    // The scanner's job was ended, not left running with sheets in the feeder.
    await until(() => sim.state().jobs.at(-1)?.state !== 'Processing', 5_000, 'the simulated job to end');
  });

  it('stops a job when the clerk cancels, keeping what was stored, and ends the job at the scanner', async () => {
    sim.load({ sheets: 30, duplex: false });
    const job = await scan({ itemId: 'id-card', settings: { ...low, source: 'adf' } });
    await until(() => pagesOf(clerk, job.jobId).length >= 1, 30_000, 'a first page');
    const cancelled = await call(t.workstation, clerk, 'documentScanners.cancel', { jobId: job.jobId });
    expect(cancelled.ok).toBe(true);
    const end = await finished(clerk, job.jobId);
    expect(end.state).toBe('cancelled');
    expect(end.pages).toBeLessThan(30);
    expect(end.pages).toBe(pagesOf(clerk, job.jobId).length);
    await until(() => sim.state().jobs.at(-1)?.deleted === true, 5_000, 'the DELETE at the scanner');
  });

  it('self-test scans one page and shows it, storing nothing', async () => {
    sim.load({ sheets: 2 });
    const before = t.workstation.sqlite.prepare('select count(*) as n from material_files').get() as { n: number };
    const result = await call(t.workstation, clerk, 'documentScanners.selfTest', { scannerId });
    expect(result.ok && result.value).toMatchObject({ ok: true, error: null });
    if (!result.ok || !result.value.thumbnail) throw new Error('no thumbnail');
    expect((await sharp(Buffer.from(result.value.thumbnail)).metadata()).format).toBe('jpeg');
    const after = t.workstation.sqlite.prepare('select count(*) as n from material_files').get() as { n: number };
    expect(after.n).toBe(before.n);
  });
});
