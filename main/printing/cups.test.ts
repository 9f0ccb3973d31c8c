import { describe, expect, it } from 'vitest';
import { createCupsDriver, notReadyMessage, parseQueueStates, queueReady, queueStatus } from './cups';

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
  const status = (name: string) => queueStatus(queues.get(name)!);
  const ready = (name: string) => queueReady(queues.get(name)!);

  it('tells a paused or rejecting queue (with the reason) from one that prints', () => {
    expect(['PDF', 'Stopped', 'Jammed', 'Rejecting', 'Busy'].map(status)).toEqual([
      '空闲',
      '已暂停',
      '已暂停（卡纸）',
      '不接收任务（maintenance）',
      '正在打印',
    ]);
    expect(['PDF', 'Stopped', 'Jammed', 'Rejecting', 'Busy'].map(ready)).toEqual([true, false, false, false, true]);
  });

  it('says what to do about a queue that is not ready', () => {
    expect(notReadyMessage('Stopped', queues.get('Stopped')!)).toBe(
      '打印机「Stopped」已暂停，无法打印：请检查打印机（电源、纸张、卡纸）并在系统打印设置中恢复该打印机，或改选其他打印机',
    );
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
      expect(byName.get('PDF')).toMatchObject({ ready: true, status: '空闲' });
      expect(byName.get('Stopped')).toMatchObject({ ready: false, status: '已暂停' });
      expect(byName.get('Rejecting')).toMatchObject({ ready: false, status: '不接收任务（maintenance）' });
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });
});
