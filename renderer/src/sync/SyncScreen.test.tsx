// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fail, ok } from '../../../preload/contract/envelope';
import type { OutboxItem, OutboxState } from '../../../preload/contract/sync';
import { fake } from './fake-bridge';
import i18n from '../i18n';
import { SyncScreen } from './SyncScreen';
import { answerBasics, byTestId, render, settle, setUpComponentTests, syncStatus, type Rendered } from './test-support';

vi.mock('../bridge', async () => (await import('./fake-bridge')).fakeBridgeModule);

setUpComponentTests();

let view: Rendered | null = null;

let nextId = 1;
function item(state: OutboxState, over: Partial<OutboxItem> = {}): OutboxItem {
  const id = nextId++;
  return {
    id,
    kind: 'case',
    caseId: `case-${id}`,
    caseNumber: `370303-20261127-000${id}`,
    caseVersion: 1,
    sha256: null,
    fileName: null,
    state,
    attempts: 0,
    lastError: null,
    nextAttemptAt: null,
    bytesSent: 0,
    bytesTotal: 0,
    createdAt: new Date().toISOString(),
    acknowledgedAt: null,
    ...over,
  };
}

const rows = (host: HTMLElement) => Array.from(host.querySelectorAll<HTMLElement>('[data-testid^="sync-row-"]'));

async function screen(status = syncStatus(), items: OutboxItem[] = []): Promise<HTMLElement> {
  answerBasics('clerk', status);
  fake.handle('sync.items', () => ok(items));
  view = await render(<SyncScreen />);
  await settle();
  return view.host;
}

describe('the 同步 screen', () => {
  it('lists the outbox with Chinese state labels, content and errors', async () => {
    const host = await screen(syncStatus({ backlog: 4, needsAttention: 1 }), [
      item('queued'),
      item('sending', { kind: 'file', fileName: '身份证正面.jpg', sha256: 'a'.repeat(64) }),
      item('retrying', { attempts: 3, lastError: '中心暂时无法处理（HTTP 503）：稍后自动重试' }),
      item('needs_attention', { attempts: 1, lastError: '中心拒绝了该请求（HTTP 422）：办件数据不完整' }),
      item('acknowledged', { acknowledgedAt: new Date().toISOString() }),
    ]);
    const labels = rows(host).map((r) => r.querySelector('.sync-state-tag')?.textContent);
    expect(labels).toEqual(['排队中', '发送中', '失败·自动重试', '失败·需处理', '已送达']);
    expect(rows(host)[1]!.textContent).toContain('身份证正面.jpg');
    expect(rows(host)[0]!.textContent).toContain('办件');
    expect(rows(host)[3]!.textContent).toContain('中心拒绝了该请求（HTTP 422）：办件数据不完整');
    expect(byTestId(host, 'sync-backlog').textContent).toContain('4');
    expect(byTestId(host, 'sync-needs-attention').textContent).toContain('1');
    // The first call is the default view: no states, everything not yet delivered first.
    expect(fake.callsOf('sync.items')[0]).toEqual({ limit: 200 });
  });

  it('offers 重试 only on failed rows, and retries the row by its id', async () => {
    const failed = item('needs_attention', { lastError: '发送失败' });
    const waiting = item('retrying');
    const host = await screen(syncStatus({ backlog: 3, needsAttention: 1 }), [item('queued'), failed, waiting]);
    const buttons = host.querySelectorAll('[data-testid^="sync-retry-"]');
    expect(Array.from(buttons).map((b) => b.getAttribute('data-testid'))).toEqual([
      `sync-retry-${failed.id}`,
      `sync-retry-${waiting.id}`,
    ]);

    fake.handle('sync.retry', () => ok(syncStatus({ backlog: 3, needsAttention: 0 })));
    act(() => byTestId(host, `sync-retry-${failed.id}`).click());
    await settle();
    expect(fake.callsOf('sync.retry')).toEqual([{ id: failed.id }]);
    expect(document.body.textContent).toContain(`已重新发送 ${failed.caseNumber}`);
    expect(byTestId(host, 'sync-needs-attention').textContent).toContain('0');
  });

  it("shows the service's message when a retry is refused", async () => {
    const failed = item('needs_attention');
    const host = await screen(syncStatus({ needsAttention: 1, backlog: 1 }), [failed]);
    fake.handle('sync.retry', () => fail('outbox_not_retryable'));
    act(() => byTestId(host, `sync-retry-${failed.id}`).click());
    await settle();
    expect(document.body.textContent).toContain('该项已发送成功或正在发送，无需重试');
  });

  it('says the refusal in English from the catalog, by its code, with its params', async () => {
    const failed = item('needs_attention');
    const host = await screen(syncStatus({ needsAttention: 1, backlog: 1 }), [failed]);
    await act(() => i18n.changeLanguage('en'));
    fake.handle('sync.retry', () => fail('outbox_not_retryable'));
    act(() => byTestId(host, `sync-retry-${failed.id}`).click());
    await settle();
    expect(document.body.textContent).toContain('This item has been sent or is being sent: there is nothing to retry');
    expect(document.body.textContent).not.toContain('无需重试');
  });

  it('warns in red, in minutes, when the clock is off, and shows a small skew in seconds', async () => {
    let host = await screen(syncStatus({ clockSkewMs: -7 * 60_000 - 10_000, clockWarning: true }));
    const warning = byTestId(host, 'sync-clock-warning');
    expect(warning.textContent).toContain('本机时钟与中心相差 7 分钟：请校准系统时间');
    expect(warning.textContent).toContain('本机快');
    expect(warning.querySelector('.sync-alarm')).not.toBeNull();
    view!.unmount();

    host = await screen(syncStatus({ clockSkewMs: 3_200 }));
    expect(host.querySelector('[data-testid="sync-clock-warning"]')).toBeNull();
    expect(byTestId(host, 'sync-clock').textContent).toBe('本机时钟与中心相差 3 秒');
  });

  it('says why central cannot be reached, and what an audit check found', async () => {
    const host = await screen(
      syncStatus({
        online: false,
        lastError: '无法连接中心（ECONNREFUSED）：网络恢复后自动重试',
        auditCheck: 'forked',
        // Twenty minutes ago by this PC's clock: it says so, not only the time (it read as current).
        lastContactAt: new Date(Date.now() - 20 * 60_000 - 5_000).toISOString(),
      }),
    );
    expect(byTestId(host, 'sync-connection').textContent).toContain('无法连接中心');
    expect(byTestId(host, 'sync-last-contact').textContent).toMatch(/^最后一次联系成功：.+（20 分钟前）$/);
    expect(byTestId(host, 'sync-last-error').textContent).toBe('无法连接中心（ECONNREFUSED）：网络恢复后自动重试');
    expect(byTestId(host, 'sync-audit-alert').textContent).toContain('中心发现本机审计记录与已报送的不符');
  });

  it('tells a clerk to ask an administrator when not enrolled, and disables 立即同步', async () => {
    const host = await screen(syncStatus({ enrolled: false, online: false, centralUrl: '', workstationId: null }));
    expect(byTestId(host, 'sync-not-enrolled').textContent).toContain('请联系管理员');
    expect(host.querySelector('[data-testid="sync-go-settings"]')).toBeNull();
    expect(byTestId<HTMLButtonElement>(host, 'sync-now').disabled).toBe(true);
  });

  it('shows the upload with file name, case number, percent and megabytes', async () => {
    const host = await screen(
      syncStatus({
        backlog: 1,
        uploading: {
          caseNumber: '370303-20261127-0001',
          fileName: '营业执照.pdf',
          bytesSent: 3 * 1024 * 1024,
          bytesTotal: 12 * 1024 * 1024,
        },
      }),
    );
    const upload = byTestId(host, 'sync-upload');
    expect(upload.textContent).toContain('营业执照.pdf · 370303-20261127-0001');
    expect(upload.textContent).toContain('3.0 / 12.0 MB');
    expect(upload.textContent).toContain('25%');
  });

  it('syncs now with F5, and asks for the 需处理 tab by state', async () => {
    const host = await screen();
    fake.handle('sync.now', () => ok(syncStatus()));
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F5', bubbles: true, cancelable: true }));
    });
    await settle();
    expect(fake.callsOf('sync.now')).toHaveLength(1);

    const tab = Array.from(host.querySelectorAll<HTMLElement>('[role="tab"]')).find(
      (el) => el.textContent === '需处理',
    );
    act(() => tab!.click());
    await settle();
    expect(fake.callsOf('sync.items').at(-1)).toEqual({ states: ['needs_attention'], limit: 200 });
  });

  it('reads the items again on sync.changed, at most about twice a second', async () => {
    await screen(syncStatus({ backlog: 1 }), [item('queued')]);
    const before = fake.callsOf('sync.items').length;
    // The clock is the test's: a loaded machine must not stretch 20 pushes over two throttle windows.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      for (let i = 0; i < 20; i++) {
        act(() => fake.emit('sync.changed', syncStatus({ backlog: 1, uploading: null, lastContactAt: `${i}` })));
        await act(() => vi.advanceTimersByTimeAsync(20));
      }
      await act(() => vi.advanceTimersByTimeAsync(700));
    } finally {
      vi.useRealTimers();
    }
    const after = fake.callsOf('sync.items').length - before;
    // 20 changes over 400 ms, then 700 ms quiet: one read on the trailing edge of the first window,
    // and at most one more for the changes after it.
    expect(after).toBeGreaterThanOrEqual(1);
    expect(after).toBeLessThanOrEqual(2);
  });
});
