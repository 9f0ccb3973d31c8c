import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { CallResult, IssuedTicket } from '@yichuang/domain/hall-protocol';
import { enrolWindow, startCentral, type RunningCentral } from '../central/testing/central';
import { clerk, hallClient, kiosk, supervisor } from '../central/testing/hall';
import { expectNoSeriousAxeViolations } from './support/axe';
import { screenshot } from './support/fixtures';

/**
 * The hall display in Debian's Chromium, as on the hall's TV (1920×1080, autoplay allowed as a
 * kiosk browser is started): the calls appear in order with the last six kept, each window's
 * number, the waiting counts; each call is announced once, one after the other; after central
 * restarts the screen says it is away, then comes back by itself with the same board.
 */

test.use({
  viewport: { width: 1920, height: 1080 },
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--autoplay-policy=no-user-gesture-required'],
  },
});

let server: RunningCentral;
let firstDataDir: string | null = null;
test.afterAll(async () => {
  await server?.dispose();
  if (firstDataDir) rmSync(firstDataDir, { recursive: true, force: true });
});

test('the hall display: calls in order, the last six, windows and waiting; reconnects after a restart', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Mid-morning in the hall, whatever the time of the run.
  const start = Date.now();
  const now = () => new Date(Date.UTC(2026, 11, 7, 2, 0, 0) + (Date.now() - start));
  server = await startCentral({ now });
  const kioskClient = hallClient(server.url, (await enrolWindow(server.central, 90)).authorization);
  const window3 = hallClient(server.url, (await enrolWindow(server.central, 3)).authorization);
  const window5 = hallClient(server.url, (await enrolWindow(server.central, 5)).authorization);
  await window3.put('/windows/3/queues', { queues: ['A'], actor: supervisor });
  await window3.put('/windows/5/queues', { queues: ['B'], actor: supervisor });
  await window3.post('/window/open', { open: true, actor: clerk('lisi', '李四') });
  await window5.post('/window/open', { open: true, actor: clerk('zhao', '赵六') });
  const path = (await window3.post<{ path: string }>('/display-address', { actor: supervisor })).body.path;

  await page.goto(`${server.url}${path}`);
  const root = page.locator('html');
  await expect(root).toHaveAttribute('data-ready', 'true');
  await expect(page.locator('#clock')).toHaveText(/^\d\d:\d\d:\d\d$/);

  for (let i = 0; i < 5; i++) await kioskClient.post<IssuedTicket>('/tickets', { queue: 'A', actor: kiosk });
  for (let i = 0; i < 4; i++) await kioskClient.post<IssuedTicket>('/tickets', { queue: 'B', actor: kiosk });
  const calls: string[] = [];
  for (let i = 0; i < 4; i++) {
    for (const window of [window3, window5]) {
      const called = (await window.post<CallResult>('/window/call-next', { actor: clerk() })).body.called;
      if (called) calls.push(called.number!);
    }
  }
  expect(calls).toEqual(['A001', 'B001', 'A002', 'B002', 'A003', 'B003', 'A004', 'B004']);

  // The newest call big, the last six in order (newest first), each window's number, who waits.
  await expect(page.getByTestId('now-number')).toHaveText('B004');
  await expect(page.getByTestId('calls').locator('.num')).toHaveText(calls.slice(-6).reverse());
  await expect(page.getByTestId('windows')).toContainText('3 号窗口A004');
  await expect(page.getByTestId('windows')).toContainText('5 号窗口B004');
  await expect(page.getByTestId('queues')).toContainText('户籍、居住证等候 1 人');
  // Heard in the order called, each once; announced one after the other (the clips play in turn).
  await expect(root).toHaveAttribute('data-heard', calls.join(','));
  // Each announcement takes seconds (said twice): the second starts only once the first has ended.
  await expect(root).toHaveAttribute('data-spoken-order', 'A001');
  await expect(root).toHaveAttribute('data-speaking', 'B001', { timeout: 30_000 });
  await expect(root).toHaveAttribute('data-spoken', '1');
  await expect(root).toHaveAttribute('data-spoken-order', 'A001,B001');
  expect(await page.locator('body').innerText()).not.toContain('李四');
  await screenshot(page, 'hall-display');
  await expectNoSeriousAxeViolations(page);

  // Central restarts: the screen says so, then reconnects by itself and shows the same board.
  const port = server.port;
  const dataDir = server.dataDir;
  firstDataDir = dataDir;
  await server.stop();
  await expect(page.locator('#offline')).toBeVisible({ timeout: 15_000 });
  await screenshot(page, 'hall-display-offline');
  server = await startCentral({ now, dataDir, port });
  await expect(page.locator('#offline')).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('calls').locator('.num')).toHaveText(calls.slice(-6).reverse());
  // A call after the restart is heard; none of the old ones again.
  const after = hallClient(server.url, (await enrolWindow(server.central, 7)).authorization);
  await after.put('/windows/7/queues', { queues: ['A'], actor: supervisor });
  const next = (await after.post<CallResult>('/window/call-next', { actor: clerk() })).body.called!;
  await expect(page.getByTestId('now-number')).toHaveText(next.number!);
  await expect(root).toHaveAttribute('data-heard', [...calls, next.number].join(','));
});
