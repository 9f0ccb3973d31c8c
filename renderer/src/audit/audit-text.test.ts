// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { centralEventKinds } from '@yichuang/domain/cases';
import { channels } from '../../../preload/contract/channels';
import i18n from '../i18n';
import { auditActionLabel, auditCodeText, auditDetailText } from './audit-text';

/**
 * The audit trail and a case's timeline read as words: they showed `printing.print`,
 * `cases.accept`, JSON blobs and error codes.
 */
const zh = i18n.getFixedT('zh-CN');
const en = i18n.getFixedT('en');

const everyAction = [
  ...Object.keys(channels),
  'cases.accept',
  'cases.supplement',
  'cases.reject',
  'auth.accountLocked',
  ...centralEventKinds.map((k) => `sync.${k}`),
];

describe('audit entries in words', () => {
  it('every action the trail can hold has a label in both languages, never its key', () => {
    for (const action of everyAction) {
      const z = auditActionLabel(zh, { action, result: 'ok' });
      const e = auditActionLabel(en, { action, result: 'ok' });
      expect(z, action).not.toBe(action);
      expect(e, action).not.toBe(action);
      expect(z, action).toMatch(/[\u4e00-\u9fff]/);
      expect(e, action).not.toMatch(/[\u4e00-\u9fff]/);
    }
    expect(auditActionLabel(zh, { action: 'printing.print', result: 'ok' })).toBe('打印文书');
    expect(auditActionLabel(zh, { action: 'cases.decide', result: 'failed' })).toBe('作出决定（失败）');
    expect(auditActionLabel(zh, { action: 'staff.list', result: 'denied' })).toBe('查看人员（拒绝）');
  });

  it('a print, a decision and a settings change read as facts, not JSON', () => {
    const print = auditDetailText(
      zh,
      {
        jobId: 12,
        kind: 'receipt',
        number: '370303-20261207-003-0001',
        copyNumber: 1,
        copies: 1,
        backend: 'cups',
        printer: 'A4',
        state: 'succeeded',
      },
      'zh-CN',
    );
    expect(print).toBe(
      '文书 受理回执 · 办件编号 370303-20261207-003-0001 · 第几次打印 1 · 份数 1 · 打印方式 cups · 打印机 A4 · 状态 成功',
    );
    const decision = auditDetailText(
      zh,
      { number: '370303-20261207-003-0001', version: 1, contentHash: 'ab'.repeat(32), provisional: false },
      'zh-CN',
    );
    expect(decision).toBe('办件编号 370303-20261207-003-0001 · 版本 1 · 暂定 否');
    const settings = auditDetailText(zh, { hallName: { from: '甲大厅', to: '乙大厅' } }, 'zh-CN');
    expect(settings).toBe('大厅名称 甲大厅 → 乙大厅');
    for (const text of [print, decision, settings]) expect(text).not.toMatch(/[{}"]/);
    expect(auditDetailText(zh, { role: 'supervisor', windowNumber: null }, 'zh-CN')).toBe('角色 值班长 · 窗口号 —');
    expect(auditDetailText(zh, { role: 'idcard' }, 'zh-CN')).toBe('角色 身份证阅读器');
  });

  it('an instant in a detail is hall time (a lockout until 01:30 Beijing, 17:30 UTC the day before)', () => {
    expect(auditDetailText(zh, { until: '2026-12-06T17:30:00.000Z', failures: 5 }, 'zh-CN')).toBe(
      '锁定至 2026/12/7 01:30:00 · 连续失败次数 5',
    );
  });

  it('a refusal code reads as the message the clerk saw', () => {
    expect(auditCodeText('bad_credentials', 'zh-CN')).toBe('用户名或密码错误');
    expect(auditCodeText('account_locked', 'zh-CN')).toBe('账号已锁定');
    expect(auditCodeText('account_locked', 'en')).not.toContain('{');
    expect(auditCodeText('forbidden', 'zh-CN')).toMatch(/[\u4e00-\u9fff]/);
    expect(auditCodeText('forbidden', 'en')).not.toMatch(/[\u4e00-\u9fff]/);
    expect(auditCodeText('some_unknown_code', 'zh-CN')).toBe('some_unknown_code');
  });
});
