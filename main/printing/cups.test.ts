import { describe, expect, it } from 'vitest';
import { errorText } from '../../preload/contract/errors';
import { printerStatusText } from '../../preload/contract/printer-status';
import { createCupsDriver, cupsFailure, notReadyFailure, parseQueueStates, queueReady, queueStatus } from './cups';

/** What `lpstat -p` and `lpstat -a` print (LC_ALL=C) for an idle, a paused and a rejecting queue. */
const lpstatP = [
  'printer PDF is idle.  enabled since Sun Dec  6 20:14:42 2026',
  'printer Stopped disabled since Sun Dec  6 20:14:42 2026 -',
  '\tPaused',
  'printer Jammed disabled since Sun Dec  6 20:14:42 2026 -',
  '\tmedia-jam',
  'printer Rejecting is idle.  enabled since Sun Dec  6 21:32:50 2026',
  '\tmaintenance',
  'printer Busy now printing Busy-7.  enabled since Sun Dec  6 20:14:42 2026',
  '',
].join('\n');
const lpstatA = [
  'PDF accepting requests since Sun Dec  6 20:14:42 2026',
  'Stopped accepting requests since Sun Dec  6 20:14:42 2026',
  'Jammed accepting requests since Sun Dec  6 20:14:42 2026',
  'Rejecting not accepting requests since Sun Dec  6 21:32:50 2026 -',
  '\tmaintenance',
  'Busy accepting requests since Sun Dec  6 20:14:42 2026',
  '',
].join('\n');

describe('CUPS queue states', () => {
  const queues = parseQueueStates(lpstatP, lpstatA);
  const names = ['PDF', 'Stopped', 'Jammed', 'Rejecting', 'Busy'];
  const status = (name: string) => queueStatus(queues.get(name)!);
  const ready = (name: string) => queueReady(queues.get(name)!);

  it('tells a paused or rejecting queue (with the reason) from one that prints, as a value', () => {
    expect(names.map(status)).toEqual([
      { state: 'idle', reason: null, reasonText: null },
      { state: 'stopped', reason: 'paused', reasonText: null },
      { state: 'stopped', reason: 'media_jam', reasonText: null },
      // An administrator's own words are kept as they are.
      { state: 'rejecting', reason: null, reasonText: 'maintenance' },
      { state: 'printing', reason: null, reasonText: null },
    ]);
    expect(names.map(ready)).toEqual([true, false, false, false, true]);
  });

  it('words the status in either language (zh-CN as before)', () => {
    expect(names.map((n) => printerStatusText(status(n), 'zh-CN'))).toEqual([
      '空闲',
      '已暂停',
      '已暂停（卡纸）',
      '不接收任务（maintenance）',
      '正在打印',
    ]);
    expect(names.map((n) => printerStatusText(status(n), 'en'))).toEqual([
      'idle',
      'paused',
      'paused (paper jam)',
      'not accepting jobs (maintenance)',
      'printing',
    ]);
  });

  it('says what to do about a queue that is not ready: a catalog error with the printer and its status', () => {
    const failure = notReadyFailure('Stopped', queues.get('Stopped')!);
    expect(failure).toEqual({
      code: 'printer_not_ready',
      params: { printer: 'Stopped', status: { 'zh-CN': '已暂停', en: 'paused' } },
    });
    expect(errorText(failure.code, failure.params, 'zh-CN')).toBe(
      '打印机「Stopped」已暂停，无法打印：请检查打印机（电源、纸张、卡纸）并在系统打印设置中恢复该打印机，或改选其他打印机',
    );
    expect(errorText(failure.code, failure.params, 'en')).toBe(
      'The printer “Stopped” is paused and cannot print: check it (power, paper, jams) and resume it in the system print settings, or choose another printer',
    );
    const cancelled = notReadyFailure('Jammed', queues.get('Jammed')!, true);
    expect(errorText(cancelled.code, cancelled.params, 'en')).toContain(
      'is paused (paper jam), so the job was cancelled',
    );
  });

  it("names what went wrong with lp by a code, passing CUPS's own words on", () => {
    expect(cupsFailure('lp: The printer or class does not exist.', 'X')).toEqual({
      code: 'printer_missing',
      params: { printer: 'X' },
    });
    expect(cupsFailure('lp: scheduler is not running', 'X')).toEqual({ code: 'cups_not_running' });
    expect(cupsFailure('lp: something odd\nmore', 'X')).toEqual({
      code: 'print_failed_because',
      params: { reason: 'lp: something odd' },
    });
  });
});

describe('the CUPS driver on this machine', () => {
  it('lists the queues with their state even when the PC speaks Chinese (CUPS answers in its language)', async () => {
    const saved = { LANG: process.env.LANG, LC_ALL: process.env.LC_ALL };
    process.env.LANG = 'zh_CN.UTF-8';
    process.env.LC_ALL = 'zh_CN.UTF-8';
    try {
      const printers = await createCupsDriver().list();
      const byName = new Map(printers.map((p) => [p.name, p]));
      expect(byName.get('PDF')).toMatchObject({ ready: true, status: { state: 'idle' } });
      expect(byName.get('Stopped')).toMatchObject({ ready: false, status: { state: 'stopped', reason: 'paused' } });
      expect(byName.get('Rejecting')).toMatchObject({
        ready: false,
        status: { state: 'rejecting', reason: null, reasonText: 'maintenance' },
      });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
