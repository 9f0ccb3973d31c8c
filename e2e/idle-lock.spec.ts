import type { Page, WebSocketRoute } from '@playwright/test';
import { activityReportMs } from '../preload/contract/channels/session';
import { decodeMessage, encodeMessage } from '../preload/contract/codec';
import { WorkstationPage } from './pages/workstation';
import { expect, screenshot, test } from './support/fixtures';

/**
 * Main keeps the idle lock: the host's clock moves past the ten minutes while nobody touches the
 * screen, main locks the session and tells the screen, and a call sent on the page's own connection
 * (its session, as a tampered screen would send it) is refused until the password is given.
 */

const admin = { username: 'admin', displayName: '王主任', password: 'Admin#2026x' };

test.use({ hostArgs: ['--clock-start', new Date().toISOString()], hostEnv: { YICHUANG_E2E: '1' } });

/** The page's WebSocket passed through, with a way to send a request of our own on it and read the answer. */
async function tapSocket(page: Page) {
  let server: WebSocketRoute | null = null;
  const waiting = new Map<number, (answer: unknown) => void>();
  await page.routeWebSocket(/\/ws\?token=/, (ws) => {
    server = ws.connectToServer();
    ws.onMessage((message) => server!.send(message));
    server.onMessage((message) => {
      const data = decodeMessage(typeof message === 'string' ? Buffer.from(message) : message) as {
        id?: number;
        answer?: unknown;
      };
      const ours = typeof data.id === 'number' ? waiting.get(data.id) : undefined;
      if (ours && data.id !== undefined) {
        waiting.delete(data.id);
        ours(data.answer);
      } else ws.send(message);
    });
  });
  let nextId = 900_000;
  return async (channel: string, input: unknown = {}) => {
    if (!server) throw new Error('the page has no connection yet');
    const id = nextId++;
    const answer = new Promise<unknown>((resolve) => waiting.set(id, resolve));
    server.send(Buffer.from(encodeMessage({ id, channel, input })));
    return (await answer) as { ok: boolean; error?: { code: string } };
  };
}

test('main locks an idle session and refuses its calls until unlock', async ({ page, host }) => {
  test.setTimeout(90_000);
  const send = await tapSocket(page);
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await ws.firstRun(admin, { windowNumber: 3 });
  expect(await send('staff.list')).toMatchObject({ ok: true });

  // Nobody at the screen: its last activity report goes, then main's clock passes the ten minutes.
  await page.waitForTimeout(activityReportMs + 1_000);
  await host.advanceClock(10 * 60_000 + 1_000);
  // Main locked it by itself and told the screen (its sweep runs every few seconds).
  await expect(page.getByTestId('lock-screen')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('lock-screen')).toContainText('工作台已锁定');
  await screenshot(page, 'lock-screen-main-idle');

  // The page's own session: everything but unlock and the state is refused, activity too.
  expect(await send('staff.list')).toMatchObject({ ok: false, error: { code: 'session_locked' } });
  expect(await send('session.activity')).toMatchObject({ ok: false, error: { code: 'session_locked' } });
  expect(await send('session.state')).toMatchObject({ ok: true, value: { locked: true } });

  await page.getByTestId('unlock-password').fill(admin.password);
  await page.getByTestId('unlock-submit').click();
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  expect(await send('staff.list')).toMatchObject({ ok: true });

  // The audit trail says main locked it for idleness.
  await ws.open('audit');
  await expect(
    page.getByTestId('audit-table').getByRole('row').filter({ hasText: '锁定工作台' }).filter({ hasText: 'idle' }),
  ).toHaveCount(1);
});
