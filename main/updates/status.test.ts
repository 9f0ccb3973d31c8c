import { describe, expect, it } from 'vitest';
import { initialStatus, nextStatus, updateErrorMessage, type UpdateEvent } from './status';

const run = (events: UpdateEvent[]) => events.reduce(nextStatus, initialStatus('0.1.0'));

describe('the update status', () => {
  it('follows a check, a background download and its end', () => {
    const at = '2026-11-27T02:00:00.000Z';
    expect(run([{ kind: 'checking', at }])).toMatchObject({ state: 'checking', lastCheckAt: at });
    expect(
      run([
        { kind: 'checking', at },
        { kind: 'not-available', version: '0.1.0' },
      ]),
    ).toMatchObject({
      state: 'up-to-date',
      message: '已是最新版本（0.1.0）',
    });
    const downloading = run([
      { kind: 'checking', at },
      { kind: 'available', version: '0.2.0' },
      { kind: 'progress', percent: 42.4 },
    ]);
    expect(downloading).toMatchObject({ state: 'downloading', availableVersion: '0.2.0', percent: 42 });
    expect(downloading.message).toBe('正在后台下载新版本 0.2.0（42%）');
    const done = nextStatus(downloading, { kind: 'downloaded', version: '0.2.0' });
    expect(done).toMatchObject({ state: 'downloaded', percent: 100 });
    expect(done.message).toBe('新版本 0.2.0 已下载并校验：下次退出一窗时自动安装');
    // Asked again later the same day: still downloaded, only the check time moves.
    const again = nextStatus(done, { kind: 'checking', at: '2026-11-28T02:00:00.000Z' });
    expect(again).toMatchObject({ state: 'downloaded', lastCheckAt: '2026-11-28T02:00:00.000Z' });
  });

  it('ignores progress outside a download and keeps the percentage within 0–100', () => {
    expect(run([{ kind: 'progress', percent: 50 }]).state).toBe('idle');
    expect(
      run([
        { kind: 'available', version: '0.2.0' },
        { kind: 'progress', percent: 140 },
      ]).percent,
    ).toBe(100);
  });

  it('says what went wrong in plain Chinese', () => {
    const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });
    expect(updateErrorMessage(coded('ERR_CHECKSUM_MISMATCH'))).toContain('sha512');
    expect(updateErrorMessage(new Error('sha512 checksum mismatch, expected abc'))).toContain('sha512');
    expect(updateErrorMessage(coded('ERR_UPDATER_INVALID_SIGNATURE'))).toContain('签名');
    expect(updateErrorMessage(coded('ERR_UPDATER_CHANNEL_FILE_NOT_FOUND'))).toBe('中心尚未发布更新');
    expect(updateErrorMessage(Object.assign(new Error('HttpError: 401'), { statusCode: 401 }))).toContain('凭据');
    expect(updateErrorMessage(new Error('connect ECONNREFUSED 127.0.0.1:8700'))).toContain('ECONNREFUSED');
    expect(updateErrorMessage(new Error('something odd\n  at stack'))).toBe('检查或下载更新失败：something odd');
  });
});
