import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/connection';
import { openTestDb } from '../testing/database';
import { appErrorOf } from '../testing/wait';
import {
  call,
  createFakeClock,
  createTestWorkstation,
  makeTempDir,
  newSession,
  removeTempDir,
  sampleWindow,
  setUpAdmin,
  type TestWorkstation,
} from '../testing/workstation';
import { createSettingsService, defaultWorkstationSettings, type SettingsService } from './service';
import { hallUrlSchema } from '../../preload/contract/schemas';

let dir: string;
let db: Db;
let close: () => void;
let settings: SettingsService;

/** What is stored, as the row holds it. */
function storedText(): string | undefined {
  const row = db.$client.prepare("select value from settings where key = 'workstation'").get() as
    { value: string } | undefined;
  return row?.value;
}

/** Writes the stored settings behind the service's back, as a broken disk or a hand edit would. */
function store(text: string): void {
  db.$client
    .prepare(
      "insert into settings (key, value, updated_at) values ('workstation', ?, '2026-01-01T00:00:00.000Z') " +
        'on conflict (key) do update set value = excluded.value',
    )
    .run(text);
}

const window5 = { districtCode: '370303', windowNumber: 5, hallName: '张店区市民中心' };

beforeEach(async () => {
  dir = makeTempDir();
  const opened = await openTestDb(dir);
  db = opened.db;
  close = () => opened.sqlite.close();
  settings = createSettingsService(db, createFakeClock());
});
afterEach(() => {
  close();
  removeTempDir(dir);
});

describe('loading validates the stored settings', () => {
  it('before first-run setup nothing is stored: all three required settings are missing, get() still answers', () => {
    expect(settings.load()).toMatchObject({ status: 'unset', value: defaultWorkstationSettings });
    expect(settings.problems()).toEqual([
      { field: 'districtCode', kind: 'missing', message: '未设置区划代码' },
      { field: 'windowNumber', kind: 'missing', message: '未设置窗口号' },
      { field: 'hallName', kind: 'missing', message: '未设置大厅名称' },
    ]);
    expect(settings.window()).toBeNull();
    expect(settings.get().idleLockMinutes).toBe(10);
  });

  it('sound settings load as stored', () => {
    settings.update({ ...window5, idleLockMinutes: 5 });
    expect(settings.load()).toMatchObject({ status: 'ok', problems: [] });
    expect(settings.window()).toEqual(window5);
    expect(settings.get()).toMatchObject({ ...window5, idleLockMinutes: 5 });
  });

  it('a broken window number is reported, never replaced by 1; the other settings are kept', () => {
    settings.update({ ...window5, hallName: '淄博市民中心', idleLockMinutes: 7 });
    const broken = JSON.stringify({ ...JSON.parse(storedText()!), windowNumber: 0 });
    store(broken);

    const loaded = settings.load();
    expect(loaded.status).toBe('invalid');
    expect(loaded.problems).toEqual([
      { field: 'windowNumber', kind: 'invalid', message: '窗口号「0」无效：窗口号为 1–999' },
    ]);
    expect(settings.window()).toBeNull();
    // get() stays usable for code that must not crash: the valid stored values are there.
    expect(settings.get()).toMatchObject({ districtCode: '370303', hallName: '淄博市民中心', idleLockMinutes: 7 });
    // Reading wrote nothing.
    expect(storedText()).toBe(broken);
  });

  it('a value of the wrong type, a missing key and unreadable JSON each say which field and why, in Chinese', () => {
    settings.update(window5);
    const { hallName: _dropped, ...rest } = JSON.parse(storedText()!) as Record<string, unknown>;
    store(JSON.stringify({ ...rest, districtCode: 370303, windowNumber: '五' }));
    expect(settings.problems()).toEqual([
      { field: 'districtCode', kind: 'invalid', message: '区划代码「370303」无效：区划代码为 6 位数字，例如 370303' },
      { field: 'windowNumber', kind: 'invalid', message: '窗口号「五」无效：窗口号须为 1–999 的整数' },
      { field: 'hallName', kind: 'missing', message: '未设置大厅名称' },
    ]);

    store('{"districtCode": "370303", "windowNu');
    expect(settings.load()).toMatchObject({ status: 'invalid', value: defaultWorkstationSettings });
    expect(settings.problems().map((p) => [p.field, p.kind])).toEqual([
      ['districtCode', 'unreadable'],
      ['windowNumber', 'unreadable'],
      ['hallName', 'unreadable'],
    ]);
    expect(settings.problems()[1]!.message).toBe('保存的设置已损坏，读不出窗口号');

    store('[]');
    expect(settings.load().status).toBe('invalid');
  });

  it('an optional setting that is absent or invalid takes its default and blocks nothing', () => {
    store(JSON.stringify({ ...window5, idleLockMinutes: 0, hotFolder: 42 }));
    expect(settings.load()).toMatchObject({ status: 'ok', problems: [] });
    expect(settings.get()).toMatchObject({
      ...window5,
      idleLockMinutes: 10,
      hotFolder: '',
      a4Printer: null,
      supplementDays: 15,
    });
  });
});

describe('the hall service address', () => {
  it('is empty (central’s) by default, takes https or this PC’s http, and refuses plain http across the network in Chinese', () => {
    settings.update({ ...window5 });
    expect(settings.get().hallUrl).toBe('');
    settings.update({ hallUrl: ' https://hall.zhangdian.local:8443 ' });
    expect(settings.get().hallUrl).toBe('https://hall.zhangdian.local:8443');
    settings.update({ hallUrl: 'http://127.0.0.1:8700' });
    expect(settings.get().hallUrl).toBe('http://127.0.0.1:8700');
    // What the settings channel checks its input with: plain http across the network is refused, in Chinese.
    const refused = hallUrlSchema.safeParse('http://10.0.0.8:8700');
    expect(refused.error?.issues[0]?.message).toContain('大厅服务地址须以 https:// 开头');
    expect(hallUrlSchema.safeParse('hall.local').success).toBe(false);
    expect(() => settings.update({ hallUrl: 'http://10.0.0.8:8700' })).toThrow();
    expect(settings.get().hallUrl).toBe('http://127.0.0.1:8700');
  });
});

describe('update', () => {
  beforeEach(() => {
    settings.update({ ...window5, hallName: '淄博市民中心', idleLockMinutes: 7 });
    store(JSON.stringify({ ...JSON.parse(storedText()!), windowNumber: 'abc' }));
  });

  it('refuses a change that leaves a broken required setting broken; the stored value stays', () => {
    const before = storedText();
    const error = appErrorOf(() => settings.update({ idleLockMinutes: 9 }));
    expect(error.code).toBe('settings_unfixed');
    expect(error.message).toBe('窗口号「abc」无效：窗口号须为 1–999 的整数：请在「设置 → 窗口」中改正后再保存');
    expect(error.fields).toEqual({ windowNumber: '窗口号「abc」无效：窗口号须为 1–999 的整数' });
    expect(storedText()).toBe(before);
  });

  it('a change that fixes it is saved over what was stored, and says what it repaired', () => {
    const { after, repaired } = settings.update({ windowNumber: 6 });
    expect(repaired).toEqual([
      { field: 'windowNumber', kind: 'invalid', message: '窗口号「abc」无效：窗口号须为 1–999 的整数' },
    ]);
    expect(after).toMatchObject({
      districtCode: '370303',
      windowNumber: 6,
      hallName: '淄博市民中心',
      idleLockMinutes: 7,
    });
    expect(settings.load()).toMatchObject({ status: 'ok', problems: [] });
    expect(JSON.parse(storedText()!)).toMatchObject({ windowNumber: 6, hallName: '淄博市民中心' });
    // Sound settings repair nothing.
    expect(settings.update({ idleLockMinutes: 8 }).repaired).toEqual([]);
  });
});

describe('through the router', () => {
  let t: TestWorkstation;
  beforeEach(async () => {
    t = await createTestWorkstation();
  });
  afterEach(() => t.dispose());

  const corruptWindowNumber = () => {
    const sqlite = t.workstation.services.db.$client;
    const row = sqlite.prepare("select value from settings where key = 'workstation'").get() as { value: string };
    const value = { ...(JSON.parse(row.value) as object), windowNumber: -3 };
    sqlite.prepare("update settings set value = ? where key = 'workstation'").run(JSON.stringify(value));
  };

  it('the session state carries the problems after setup (not before), and the window is null', async () => {
    const before = await call(t.workstation, newSession(), 'session.state', {});
    expect(before).toMatchObject({ ok: true, value: { needsSetup: true, settingsProblems: [], window: null } });

    await setUpAdmin(t.workstation);
    expect(await call(t.workstation, newSession(), 'session.state', {})).toMatchObject({
      ok: true,
      value: { settingsProblems: [], window: sampleWindow },
    });

    corruptWindowNumber();
    expect(await call(t.workstation, newSession(), 'session.state', {})).toMatchObject({
      ok: true,
      value: {
        needsSetup: false,
        window: null,
        settingsProblems: [{ field: 'windowNumber', kind: 'invalid', message: '窗口号「-3」无效：窗口号为 1–999' }],
      },
    });
  });

  it('the workstation does not enrol at central under a broken window number', async () => {
    const { session } = await setUpAdmin(t.workstation);
    corruptWindowNumber();
    // Refused before central is asked (nothing listens on port 9).
    const result = await call(t.workstation, session, 'sync.enrol', {
      centralUrl: 'http://127.0.0.1:9',
      code: 'ABCD-EFGH-JKMN',
    });
    expect(result.ok ? null : result.error).toMatchObject({ code: 'enrol_needs_window_settings' });
    expect(result.ok ? '' : result.error.message).toContain('请先在「设置 → 窗口」中改正');
  });

  it('the administrator repairs the window through settings.update; the audit entry names what was wrong', async () => {
    const { session } = await setUpAdmin(t.workstation);
    corruptWindowNumber();

    const unfixed = await call(t.workstation, session, 'settings.update', { hallName: '淄博市民中心' });
    expect(unfixed.ok ? null : unfixed.error).toMatchObject({ code: 'settings_unfixed' });
    expect(Object.keys((!unfixed.ok && unfixed.error.fields) || {})).toEqual(['windowNumber']);

    const fixed = await call(t.workstation, session, 'settings.update', { ...sampleWindow, windowNumber: 8 });
    expect(fixed).toMatchObject({ ok: true, value: { windowNumber: 8 } });
    expect(await call(t.workstation, session, 'session.state', {})).toMatchObject({
      ok: true,
      value: { settingsProblems: [], window: { ...sampleWindow, windowNumber: 8 } },
    });
    const entry = t.workstation.services.audit.list({ limit: 1, action: 'settings.update' }).entries[0];
    expect(entry).toMatchObject({
      result: 'ok',
      detail: { windowNumber: { from: null, to: 8, problem: '窗口号「-3」无效：窗口号为 1–999' } },
    });
  });
});
