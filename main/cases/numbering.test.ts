import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { makePng } from '@yichuang/domain/testing/images';
import type { StoredFile } from '../../preload/contract/materials';
import { completeResidenceDraft } from '../testing/intake-fixtures';
import { appErrorOf } from '../testing/wait';
import { addClerk, createFakeClock, createTestWorkstation, type TestWorkstation } from '../testing/workstation';
import { numberingWindow } from './numbering';
import type { Actor } from './model';

let t: TestWorkstation;
let clerk: Actor;
let png: StoredFile;

beforeEach(async () => {
  t = await createTestWorkstation({ clock: createFakeClock('2026-09-30T02:00:00.000Z') });
  const s = t.workstation.services;
  s.catalog.load(testCatalog(), 'central');
  s.settings.update({ districtCode: '370303', windowNumber: 5, hallName: '张店区市民中心' });
  clerk = await addClerk(s.staff, { username: 'wang', displayName: '王窗口', windowNumber: 5 });
  png = await s.materials.put(makePng(40, 30, 1), 'scan.png');
});
afterEach(() => t.dispose());

/** Replaces one stored setting behind the service's back, as a broken disk or a hand edit would. */
function breakSetting(key: string, value: unknown): void {
  const sqlite = t.workstation.services.db.$client;
  const row = sqlite.prepare("select value from settings where key = 'workstation'").get() as { value: string };
  const stored = JSON.parse(row.value) as Record<string, unknown>;
  if (value === undefined) delete stored[key];
  else stored[key] = value;
  sqlite.prepare("update settings set value = ? where key = 'workstation'").run(JSON.stringify(stored));
}

/** A draft ready to accept; returns the call that accepts it. */
function accept() {
  const cases = t.workstation.services.cases;
  const created = cases.create(clerk, 'TEST-JZZ-001');
  const saved = cases.saveDraft(clerk, created.id, created.revision, completeResidenceDraft(png));
  return Object.assign(() => cases.decide(clerk, created.id, saved.revision, { kind: 'accept' }), { id: created.id });
}

describe('case numbers are never made from invented window settings', () => {
  it('numbers with the stored window', () => {
    expect(numberingWindow(t.workstation.services.settings)).toEqual({
      districtCode: '370303',
      windowNumber: 5,
      hallName: '张店区市民中心',
    });
    expect(accept()().number).toBe('370303-20260930-005-0001');
  });

  it('a broken window number refuses the decision (no number used) until the administrator fixes it', () => {
    breakSetting('windowNumber', 'x');
    const decide = accept();
    const error = appErrorOf(decide);
    expect(error.code).toBe('settings_invalid');
    expect(error.message).toBe(
      '本机窗口设置有误（窗口号「x」无效：窗口号须为 1–999 的整数），不能生成办件编号或作出决定：' +
        '请联系管理员在「设置 → 窗口」中改正区划代码、窗口号和大厅名称',
    );
    expect(t.workstation.services.cases.get(decide.id)).toMatchObject({ state: 'draft', number: null });

    t.workstation.services.settings.update({ windowNumber: 6 });
    // The refused attempt took no sequence number: the first at window 6 is 0001.
    expect(decide().number).toBe('370303-20260930-006-0001');
  });

  it('a missing district code or unreadable settings refuse it too, naming the reason', () => {
    breakSetting('districtCode', undefined);
    expect(appErrorOf(accept()).message).toContain('未设置区划代码');

    t.workstation.services.db.$client.prepare("update settings set value = '{' where key = 'workstation'").run();
    expect(appErrorOf(() => numberingWindow(t.workstation.services.settings)).message).toContain(
      '保存的设置已损坏，读不出区划代码；保存的设置已损坏，读不出窗口号',
    );
  });
});
