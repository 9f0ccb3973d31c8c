import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PrintJob } from '../../preload/contract/documents';
import type { StoredFile } from '../../preload/contract/materials';
import type { Actor } from '../cases/model';
import { decodeQr, pdfPages, pdfText } from '../documents/testing/pdf-check';
import { progressUrlOf } from '../documents/service';
import { defaultWorkstationSettings } from '../settings/service';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { makePng } from '@yichuang/domain/testing/images';
import { until } from '../testing/wait';
import {
  call,
  createFakeClock,
  createTestWorkstation,
  newSession,
  addClerk,
  strongPassword,
  type TestWorkstation,
} from '../testing/workstation';
import { createCupsDriver } from './cups';

/**
 * Printing through the workstation's printing service to a real CUPS queue. cups-pdf re-renders
 * the job through Ghostscript (fonts become Type 3, so its text cannot be read back); what was
 * printed is checked by the QR code (it carries the case number) and the page count. `scripts/setup.sh`
 * (which CI runs) installs CUPS with cups-pdf and adds the queues `PDF` (prints into ~/PDF) and
 * `Stopped` (accepts jobs, never prints them) and `Rejecting` (refuses jobs).
 */
const pdfDir = join(homedir(), 'PDF');
/** Files already in ~/PDF before this run (earlier runs on the same machine): never taken as ours. */
let filesBefore = new Set<string>();
/** Long enough for cups-pdf (Ghostscript) on a loaded CI machine. */
const cupsOptions = { completeTimeoutMs: 30_000, pollMs: 100 };

function cupsQueues(): string {
  try {
    return execFileSync('lpstat', ['-p'], { encoding: 'utf8' });
  } catch {
    return '';
  }
}

const progressUrl = (number: string) => progressUrlOf(defaultWorkstationSettings.progressUrlTemplate, number);

let t: TestWorkstation;
let clerk: Actor;
let png: StoredFile;
const session = newSession();

beforeAll(async () => {
  const queues = cupsQueues();
  if (!/printer PDF /.test(queues) || !/printer Stopped /.test(queues) || !/printer Rejecting /.test(queues)) {
    throw new Error(
      'CUPS with the PDF, Stopped and Rejecting queues is needed here: run `bash scripts/setup-printers.sh`',
    );
  }
  filesBefore = new Set(existsSync(pdfDir) ? readdirSync(pdfDir) : []);
  t = await createTestWorkstation({
    clock: createFakeClock('2026-11-27T02:00:00.000Z'),
    config: { printDrivers: [createCupsDriver(cupsOptions)] },
  });
  const s = t.workstation.services;
  s.catalog.load(testCatalog(), 'central');
  s.settings.update({ districtCode: '370303', windowNumber: 3 });
  clerk = await addClerk(s.staff, { username: 'lisi', displayName: '李四', windowNumber: 3 });
  const signIn = await call(t.workstation, session, 'auth.signIn', { username: 'lisi', password: strongPassword });
  if (!signIn.ok) throw new Error('sign-in failed');
  png = await s.materials.put(makePng(60, 40, 2), 'scan.png');
});

afterAll(async () => {
  await t.dispose();
});

function acceptedCase(): { id: string; number: string } {
  const cases = t.workstation.services.cases;
  const created = cases.create(clerk, 'TEST-JZZ-001');
  const saved = cases.saveDraft(clerk, created.id, created.revision, completeResidenceDraft(png));
  const decided = cases.decide(clerk, created.id, saved.revision, { kind: 'accept' });
  return { id: decided.id, number: decided.number! };
}

async function print(caseId: string, printer: string, copies = 1): Promise<{ job: PrintJob; pdf: Uint8Array | null }> {
  const result = await call(t.workstation, session, 'printing.print', {
    ref: { kind: 'receipt', caseId },
    copies,
    printer: { backend: 'cups', name: printer },
  });
  if (!result.ok) throw new Error(`print refused: ${result.error.message}`);
  return result.value;
}

/**
 * The file cups-pdf wrote for a job: named from the job's title (which ends in job<ID>) and the
 * CUPS job number, and new in this run.
 */
async function printedFile(job: PrintJob): Promise<Buffer> {
  const mark = `job${job.id}`;
  const cupsNumber = /-(\d+)$/.exec(job.spoolId ?? '')?.[1];
  const file = await until(
    () => {
      if (!existsSync(pdfDir)) return null;
      const name = readdirSync(pdfDir).find(
        (f) => !filesBefore.has(f) && new RegExp(`-${mark}_`).test(f) && f.endsWith(`-job_${cupsNumber}.pdf`),
      );
      return name ? join(pdfDir, name) : null;
    },
    15_000,
    `the printed file of ${mark} in ${pdfDir}`,
  );
  return readFileSync(file);
}

describe('printing through CUPS', () => {
  it('prints a receipt to the PDF queue: the file appears with the case, then a reprint is stamped 副本 1', async () => {
    const c = acceptedCase();
    const first = await print(c.id, 'PDF');
    expect(first.job.error).toBeNull();
    expect(first.job).toMatchObject({ state: 'succeeded', copyNumber: 0, backend: 'cups', printer: 'PDF' });
    expect(first.job.spoolId).toMatch(/^PDF-\d+$/);
    expect(first.pdf).toBeNull();
    const printed = await printedFile(first.job);
    expect(await pdfPages(printed)).toHaveLength(1);
    expect(await decodeQr(printed, 1)).toBe(progressUrl(c.number));

    const second = await print(c.id, 'PDF');
    expect(second.job).toMatchObject({ state: 'succeeded', copyNumber: 1 });
    expect(await decodeQr(await printedFile(second.job), 1)).toBe(progressUrl(c.number));

    const history = await call(t.workstation, session, 'printing.history', { caseId: c.id });
    expect(history.ok && history.value.map((j) => j.copyNumber)).toEqual([1, 0]);
    const entries = t.workstation.services.audit.list({ action: 'printing.print', limit: 10 }).entries;
    expect(entries[0]?.detail).toMatchObject({ kind: 'receipt', copyNumber: 1, state: 'succeeded', number: c.number });
  });

  it('a missing printer and a stopped printer fail in plain Chinese; the next good print is still the original', async () => {
    const c = acceptedCase();
    const missing = await print(c.id, 'NoSuchPrinter');
    expect(missing.job.state).toBe('failed');
    expect(missing.job.error).toContain('不存在');

    // A paused queue (cupsdisable) would hold the job until the 30 s timeout: it fails at once
    // with what to do, and nothing is left in the queue to come out later beside the reprint.
    const pendingBefore = execFileSync('lpstat', ['-W', 'not-completed', '-o', 'Stopped'], { encoding: 'utf8' });
    const started = Date.now();
    const stopped = await print(c.id, 'Stopped');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(stopped.job).toMatchObject({ state: 'failed', copyNumber: 0, spoolId: null });
    expect(stopped.job.error).toBe(
      '打印机「Stopped」已暂停，无法打印：请检查打印机（电源、纸张、卡纸）并在系统打印设置中恢复该打印机，或改选其他打印机',
    );
    // The record keeps the code and params, so the screen says it in the clerk's language.
    expect(stopped.job).toMatchObject({
      errorCode: 'printer_not_ready',
      errorParams: { printer: 'Stopped', status: { 'zh-CN': '已暂停', en: 'paused' } },
    });
    expect(execFileSync('lpstat', ['-W', 'not-completed', '-o', 'Stopped'], { encoding: 'utf8' })).toBe(pendingBefore);

    // A queue refusing jobs (cupsreject) says so with the administrator's reason.
    const rejecting = await print(c.id, 'Rejecting');
    expect(rejecting.job).toMatchObject({ state: 'failed', copyNumber: 0 });
    expect(rejecting.job.error).toContain('打印机「Rejecting」不接收任务（maintenance），无法打印');

    const good = await print(c.id, 'PDF');
    expect(good.job).toMatchObject({ state: 'succeeded', copyNumber: 0 });
    expect(await decodeQr(await printedFile(good.job), 1)).toBe(progressUrl(c.number));
  });

  it('lists a paused or rejecting queue as not ready, with why', async () => {
    const result = await call(t.workstation, session, 'printing.printers', {});
    const byName = new Map((result.ok ? result.value : []).map((p) => [p.name, p]));
    expect(byName.get('PDF')).toMatchObject({ backend: 'cups', ready: true, status: { state: 'idle' } });
    expect(byName.get('Stopped')).toMatchObject({
      backend: 'cups',
      ready: false,
      status: { state: 'stopped', reason: 'paused', reasonText: null },
    });
    expect(byName.get('Rejecting')).toMatchObject({ backend: 'cups', ready: false, status: { state: 'rejecting' } });
  });

  it('two sets in one job: the original and 副本 1, one after the other', async () => {
    const c = acceptedCase();
    const both = await print(c.id, 'PDF', 2);
    expect(both.job).toMatchObject({ state: 'succeeded', copyNumber: 0, copies: 2 });
    const printed = await printedFile(both.job);
    expect(await pdfPages(printed)).toHaveLength(2);
    expect(await decodeQr(printed, 2)).toBe(progressUrl(c.number));
    expect((await print(c.id, 'PDF')).job.copyNumber).toBe(2);
  });
});

describe('printing through the browser', () => {
  it('returns the PDF and keeps the job pending until the clerk answers; only a yes makes the original', async () => {
    const c = acceptedCase();
    const ref = { kind: 'receipt' as const, caseId: c.id };
    const printer = { backend: 'browser' as const, name: '' };
    const first = await call(t.workstation, session, 'printing.print', { ref, printer });
    if (!first.ok) throw new Error(first.error.message);
    const { job, pdf } = first.value;
    expect(job).toMatchObject({ state: 'pending', copyNumber: 0, backend: 'browser' });
    // The browser prints it itself: the PDF comes back with the job.
    if (!pdf) throw new Error('a browser print answers with its PDF');
    expect(await pdfText(pdf)).toContain(c.number);

    // While it is pending, a second print of the same paper is refused.
    const busy = await call(t.workstation, session, 'printing.print', { ref, printer });
    expect(!busy.ok && busy.error.code).toBe('print_in_progress');

    const no = await call(t.workstation, session, 'printing.confirm', { jobId: job.id, printed: false });
    expect(no.ok && no.value.state).toBe('failed');
    const again = await call(t.workstation, session, 'printing.print', { ref, printer });
    const againJob = again.ok ? again.value.job : null;
    expect(againJob?.copyNumber).toBe(0);
    const yes = await call(t.workstation, session, 'printing.confirm', { jobId: againJob!.id, printed: true });
    expect(yes.ok && yes.value.state).toBe('succeeded');
    // A late second answer changes nothing.
    const late = await call(t.workstation, session, 'printing.confirm', { jobId: againJob!.id, printed: false });
    expect(late.ok && late.value.state).toBe('succeeded');

    const preview = await call(t.workstation, session, 'documents.preview', ref);
    expect(preview.ok && preview.value.copyNumber).toBe(1);
    // The next print is 副本 1, on the paper too.
    const copy = await call(t.workstation, session, 'printing.print', { ref, printer });
    const copyValue = copy.ok ? copy.value : null;
    expect(copyValue?.job.copyNumber).toBe(1);
    if (!copyValue?.pdf) throw new Error('a browser print answers with its PDF');
    expect(await pdfText(copyValue.pdf)).toContain('副本 1');
    expect(await pdfText(pdf)).not.toContain('副本');
  });

  it('refuses to print a case not decided yet, with a message saying what to do', async () => {
    const draft = t.workstation.services.cases.create(clerk, 'TEST-JZZ-001');
    const result = await call(t.workstation, session, 'printing.print', {
      ref: { kind: 'receipt', caseId: draft.id },
      printer: { backend: 'cups', name: 'PDF' },
    });
    expect(!result.ok && result.error).toMatchObject({ code: 'case_not_decided' });
    expect(!result.ok && result.error.message).toContain('尚未作出决定');
  });
});
