import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drizzleOf, type Sqlite } from '../db/connection';
import { openTestDb } from '../testing/database';
import { appErrorOf } from '../testing/wait';
import { createFakeClock, makeTempDir, removeTempDir, type FakeClock } from '../testing/workstation';
import { createPrintHistory, stalePendingMs, type NewJob, type PrintHistory } from './history';

let dir: string;
let sqlite: Sqlite;
let clock: FakeClock;
let history: PrintHistory;

const receipt: NewJob = {
  documentKey: 'report/2026-11-27/2026-11-27',
  kind: 'daily_report',
  caseId: null,
  caseVersion: null,
  caseNumber: null,
  copies: 1,
  backend: 'cups',
  printer: 'PDF',
  clerkId: 1,
  clerkName: '李四',
  windowNumber: 3,
};

beforeEach(async () => {
  dir = makeTempDir();
  const opened = await openTestDb(dir);
  sqlite = opened.sqlite;
  clock = createFakeClock('2026-11-27T02:00:00.000Z');
  history = createPrintHistory(drizzleOf(sqlite), clock);
});

afterEach(() => {
  sqlite.close();
  removeTempDir(dir);
});

function printOnce(ok: boolean, job: Partial<NewJob> = {}) {
  const reserved = history.reserve({ ...receipt, ...job });
  clock.advanceMinutes(1);
  return history.finish(
    reserved.id,
    ok ? { ok: true, spoolId: 'PDF-1' } : { ok: false, error: { code: 'printer_paper_out' } },
    1234,
  );
}

describe('print history: the original, then numbered copies', () => {
  it('numbers the first success 0 (original) and each later print 1, 2, …', () => {
    expect(printOnce(true).copyNumber).toBe(0);
    expect(printOnce(true).copyNumber).toBe(1);
    expect(printOnce(true).copyNumber).toBe(2);
    expect(history.nextCopyNumber(receipt.documentKey)).toBe(3);
  });

  it('a failed job is no original: printing it again is still the original, and a failed copy keeps its number', () => {
    const failed = printOnce(false);
    expect(failed).toMatchObject({
      copyNumber: 0,
      state: 'failed',
      error: '打印机缺纸：请装纸后重试',
      errorCode: 'printer_paper_out',
      errorParams: null,
    });
    const again = printOnce(true);
    expect(again).toMatchObject({ copyNumber: 0, state: 'succeeded', spoolId: 'PDF-1', bytes: 1234 });
    expect(printOnce(false).copyNumber).toBe(1);
    expect(printOnce(true).copyNumber).toBe(1);
    const jobs = history.list({});
    expect(jobs.map((j) => [j.copyNumber, j.state])).toEqual([
      [1, 'succeeded'],
      [1, 'failed'],
      [0, 'succeeded'],
      [0, 'failed'],
    ]);
  });

  it('a job of several sets uses that many numbers', () => {
    expect(printOnce(true, { copies: 2 })).toMatchObject({ copyNumber: 0, copies: 2 });
    expect(printOnce(true, { copies: 3 }).copyNumber).toBe(2);
    expect(history.nextCopyNumber(receipt.documentKey)).toBe(5);
  });

  it('documents are counted apart', () => {
    printOnce(true);
    expect(printOnce(true, { documentKey: 'report/2026-11-26/2026-11-26' }).copyNumber).toBe(0);
  });

  it('refuses a second job of a document while one is pending, and a pending job cut short expires', () => {
    const first = history.reserve(receipt);
    expect(appErrorOf(() => history.reserve(receipt))).toMatchObject({ code: 'print_in_progress' });
    clock.advance(stalePendingMs + 1000);
    const second = history.reserve(receipt);
    expect(second.copyNumber).toBe(0);
    expect(history.get(first.id)).toMatchObject({ state: 'failed' });
    expect(history.get(first.id).error).toContain('未确认');
  });

  it('finishing twice keeps the first outcome (a late answer cannot turn a failure into an original)', () => {
    const job = history.reserve(receipt);
    history.finish(job.id, { ok: false, error: { code: 'printer_fault' } }, 10);
    expect(history.finish(job.id, { ok: true }, 10)).toMatchObject({ state: 'failed', errorCode: 'printer_fault' });
    expect(history.nextCopyNumber(receipt.documentKey)).toBe(0);
  });

  it('lists by time range, newest first', () => {
    printOnce(true);
    clock.set('2026-11-28T02:00:00.000Z');
    printOnce(true);
    expect(history.list({ fromIso: '2026-11-28T00:00:00.000Z' })).toHaveLength(1);
    expect(history.list({ toIso: '2026-11-28T00:00:00.000Z' })).toHaveLength(1);
    expect(history.list({}).map((j) => j.copyNumber)).toEqual([1, 0]);
  });
});
