import type { CallResult, QueueStats, Ticket } from '@yichuang/domain/hall-protocol';
import { hallDate } from '@yichuang/domain/hall-time';
import { enrolWindow, startCentral, type RunningCentral } from '../central/testing/central';
import { clerk as hallClerk, hallClient, supervisor } from '../central/testing/hall';
import { IntakePage } from './pages/intake';
import { WorkstationPage, type Account } from './pages/workstation';
import { expect, screenshot, test } from './support/fixtures';

test.use({ hostArgs: ['--simulate-devices'] });

/**
 * A small morning in the hall. The kiosk (its own browser, signed in as 取号机) gives four tickets in
 * two queues; window 3 (the clerk's browser) calls, recalls, serves A001 into an accepted case,
 * marks A002 a no-show and transfers A003 to queue B; window 5 (another workstation, through the
 * hall's API) serves B001 and then A003, which kept its original time. The display, in its own page,
 * shows the calls newest first, and the hall's statistics for the day match what happened.
 */

const kioskAccount: Account = { username: 'kiosk1', displayName: '一楼取号机', password: 'Kiosk#2026a' };

let server: RunningCentral | null = null;
test.afterEach(async () => {
  await server?.dispose();
  server = null;
});

test('a small morning: kiosk tickets, two windows, the display, and statistics that match', async ({
  page,
  host,
  browser,
}) => {
  test.setTimeout(240_000);
  const start = Date.now();
  const hallNow = () => new Date(Date.UTC(2026, 11, 7, 1, 30, 0) + (Date.now() - start)); // 09:30 in the hall
  server = await startCentral({ now: hallNow });
  const central = server;
  const boss = hallClient(central.url, (await enrolWindow(central.central, 99)).authorization);
  const window5 = hallClient(central.url, (await enrolWindow(central.central, 5)).authorization);
  await boss.put('/windows/3/queues', { queues: ['A'], actor: supervisor });
  await boss.put('/windows/5/queues', { queues: ['B'], actor: supervisor });

  // The administrator enrols the workstation and makes the kiosk's account; the clerk signs in at window 3.
  const intake = new IntakePage(page);
  await intake.setUpClerk(host.url, host.dataDir, async () => {
    const { code } = await central.central.registry.createCode('3 号窗口', 'admin');
    await intake.ws.open('settings');
    await page.getByTestId('central-url').fill(central.url);
    await page.getByTestId('central-code').fill(code);
    await page.getByTestId('central-enrol').click();
    await expect(page.getByTestId('central-enrolled')).toBeVisible();
    await intake.ws.createStaff(kioskAccount, '取号机', 1);
  });
  await expect(page.getByTestId('queue-bar')).toHaveAttribute('data-connection', 'online');

  // The display, in its own page, as on the hall's TV.
  const display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const path = (await boss.post<{ path: string }>('/display-address', { actor: supervisor })).body.path;
  await display.goto(`${central.url}${path}`);
  await expect(display.locator('html')).toHaveAttribute('data-ready', 'true');

  // The kiosk at the door, in its own browser: A, A, B, A.
  const kioskContext = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  const kiosk = await kioskContext.newPage();
  await kiosk.goto(host.url);
  const kioskWs = new WorkstationPage(kiosk);
  await kioskWs.signIn(kioskAccount.username, kioskAccount.password);
  await kioskWs.changePassword(kioskAccount.password, 'Kiosk#2026b');
  const kioskScreen = kiosk.getByTestId('kiosk');
  await expect(kioskScreen).toHaveAttribute('data-view', 'home');
  const take = async (letter: string, expected: string) => {
    await kiosk.getByTestId(`kiosk-queue-${letter}`).click();
    await expect(kiosk.getByTestId('kiosk-number')).toHaveText(expected);
    await kiosk
      .getByTestId('kiosk-done')
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect(kioskScreen).toHaveAttribute('data-view', 'home', { timeout: 25_000 });
  };
  await take('A', 'A001');
  await take('A', 'A002');
  await take('B', 'B001');
  await kiosk.getByTestId('kiosk-queue-A').click();
  await expect(kiosk.getByTestId('kiosk-prompt')).toHaveText('您已领取A003号，前方等待2人');
  await screenshot(kiosk, 'small-morning-kiosk');
  await kiosk.getByTestId('kiosk-done').click();

  // Window 3: A001 called, called again, served into an accepted case, finished by 下一位.
  const current = page.getByTestId('queue-current');
  await expect(page.getByTestId('queue-waiting')).toHaveText('等待 3 人');
  await page.keyboard.press('F1');
  await expect(current).toContainText('A001');
  await page.keyboard.press('Shift+F1');
  const caseNumber = await intake.acceptMedicalInsuranceCase();
  await expect(page.getByTestId('queue-case')).toContainText(caseNumber);
  await screenshot(page, 'small-morning-window');
  await page.keyboard.press('Enter');
  await expect(current).toHaveAttribute('data-state', 'none');

  // Window 5 calls B001 and serves it while window 3 goes on.
  const b001 = (await window5.post<CallResult>('/window/call-next', { actor: hallClerk('zhao', '赵六') })).body.called!;
  expect(b001.number).toBe('B001');
  await window5.post<Ticket>(`/tickets/${b001.id}/serve`, { actor: hallClerk('zhao', '赵六') });

  // A002 does not come: 过号. A003 belongs to queue B: transferred, keeping its time.
  await page.keyboard.press('F1');
  await expect(current).toContainText('A002');
  await page.getByTestId('queue-skip').click();
  await expect(current).toHaveAttribute('data-state', 'none');
  await page.keyboard.press('F1');
  await expect(current).toContainText('A003');
  await page.getByTestId('queue-transfer').click();
  await intake.selectOption('queue-transfer-queue', 'B 社保、医保');
  await page.getByTestId('queue-transfer-ok').click();
  await expect(current).toHaveAttribute('data-state', 'none');

  // Window 5's next press finishes B001 and calls A003 (its original time, now in queue B).
  const next = (await window5.post<CallResult>('/window/call-next', { actor: hallClerk('zhao', '赵六') })).body;
  expect(next.finished?.number).toBe('B001');
  expect(next.called?.number).toBe('A003');
  await window5.post<Ticket>(`/tickets/${next.called!.id}/serve`, { actor: hallClerk('zhao', '赵六') });
  await window5.post<Ticket>(`/tickets/${next.called!.id}/finish`, { actor: hallClerk('zhao', '赵六') });

  // The display: the calls newest first — A003 at 5, A002 at 3, B001 at 5, A001 at 3.
  const calls = display.getByTestId('calls');
  await expect(calls).toContainText('A003');
  const shown = await calls.innerText();
  const at = (number: string) => shown.indexOf(number);
  expect(at('A003')).toBeLessThan(at('A002'));
  expect(at('A002')).toBeLessThan(at('B001'));
  expect(at('B001')).toBeLessThan(at('A001'));
  await screenshot(display, 'small-morning-display');

  // The statistics come from the events and match the morning.
  const day = hallDate(hallNow());
  const stats = (await boss.get<QueueStats>(`/stats?from=${day}&to=${day}`)).body;
  expect(stats.total).toMatchObject({ tickets: 4, served: 3, noShows: 1, transfers: 1 });
  const byQueue = Object.fromEntries(stats.byQueue.map((f) => [f.key, f]));
  // By the queue that served it: A003 counts in B, where it was transferred.
  expect(byQueue.A).toMatchObject({ tickets: 2, served: 1, noShows: 1 });
  expect(byQueue.B).toMatchObject({ tickets: 2, served: 2 });
  const a001 = stats.tickets.find((x) => x.number === 'A001');
  expect(a001).toMatchObject({ caseNumber, window: 3, outcome: 'done' });
  expect(a001?.waitS).toBeGreaterThanOrEqual(0);
  expect(a001?.handleS).toBeGreaterThan(0);
  expect(stats.tickets.find((x) => x.number === 'A002')?.outcome).toBe('no_show');
  expect(stats.tickets.find((x) => x.number === 'A003')).toMatchObject({ window: 5, outcome: 'done' });
});
