import type { Page } from '@playwright/test';
import type { Board, IssuedTicket } from '@yichuang/domain/hall-protocol';
import { enrolWindow, startCentral, type RunningCentral } from '../central/testing/central';
import { hallClient, kiosk, supervisor } from '../central/testing/hall';
import { admin, type IntakePage } from './pages/intake';
import { expectNoSeriousAxeViolations } from './support/axe';
import { expect, screenshot, test } from './support/intake';

test.use({ hostArgs: ['--simulate-devices'] });

/**
 * The window's side of the hall queue in the browser: F1 calls the next ticket and opens a fresh
 * intake, the card read starts serving it, the accepted case records its ticket, 下一位 finishes it;
 * recall, no-show, transfer and walk-in from the bar; the hall display (its own page) shows the
 * calls in order; with central stopped the window says the hall is away and goes on without tickets.
 */

let server: RunningCentral | null = null;
test.afterEach(async () => {
  await server?.dispose();
  server = null;
});

async function enrol(intake: IntakePage, page: Page, url: string, code: string): Promise<void> {
  await intake.ws.signOut();
  await intake.ws.signIn(admin.username, admin.password);
  await intake.ws.open('settings');
  await page.getByTestId('central-url').fill(url);
  await page.getByTestId('central-code').fill(code);
  await page.getByTestId('central-enrol').click();
  await expect(page.getByTestId('central-enrolled')).toBeVisible();
  await intake.ws.signOut();
  await intake.signInAgain();
}

test('call next opens the intake, the case records its ticket; recall, no-show, transfer, walk-in; the display follows', async ({
  page,
  intake,
  context,
}) => {
  test.setTimeout(180_000);
  // Mid-morning in the hall, whatever the time of the run: the queues are open.
  const start = Date.now();
  server = await startCentral({ now: () => new Date(Date.UTC(2026, 11, 7, 2, 0, 0) + (Date.now() - start)) });
  const front = hallClient(server.url, (await enrolWindow(server.central, 90)).authorization);
  const boss = hallClient(server.url, (await enrolWindow(server.central, 99)).authorization);
  await boss.put('/windows/3/queues', { queues: ['A'], actor: supervisor });
  await boss.put('/windows/5/queues', { queues: ['B'], actor: supervisor });
  for (let i = 0; i < 3; i++) await front.post<IssuedTicket>('/tickets', { queue: 'A', actor: kiosk });

  // Not enrolled yet: no hall, no bar; the intake is as it always was.
  await expect(page.getByTestId('intake')).toBeVisible();
  const bar = page.getByTestId('queue-bar');
  await expect(bar).toHaveCount(0);
  const { code } = await server.central.registry.createCode('3 号窗口', 'admin');
  await enrol(intake, page, server.url, code);

  await expect(bar).toHaveAttribute('data-connection', 'online');
  await expect(page.getByTestId('queue-waiting')).toHaveText('等待 3 人');
  await expect(page.getByTestId('status-queue')).toContainText('等待 3 人');
  // The board shows who serves at window 3.
  await expect
    .poll(async () => (await boss.get<Board>('/board')).body.windows.find((w) => w.window === 3)?.clerk)
    .toBe('李窗口');

  // The display, in its own page, as on the hall's TV.
  const display = await context.newPage();
  const path = (await boss.post<{ path: string }>('/display-address', { actor: supervisor })).body.path;
  await display.goto(`${server.url}${path}`);
  await expect(display.locator('html')).toHaveAttribute('data-ready', 'true');

  // F1: A001 called, recalled with Shift+F1.
  await page.keyboard.press('F1');
  const current = page.getByTestId('queue-current');
  await expect(current).toHaveAttribute('data-state', 'called');
  await expect(current).toContainText('A001');
  await expect(page.getByTestId('queue-waiting')).toHaveText('等待 2 人');
  await page.keyboard.press('Shift+F1');
  await expect(page.getByTestId('queue-recall')).toBeEnabled();
  await screenshot(page, 'queue-window-called');
  await expectNoSeriousAxeViolations(page);

  // The card read starts the case: the ticket is being served; the accepted case records it.
  const number = await intake.acceptMedicalInsuranceCase();
  await expect(current).toHaveAttribute('data-state', 'serving');
  await expect(page.getByTestId('queue-case')).toContainText(number);
  await screenshot(page, 'queue-window-case');
  // 下一位 (Enter on the result) closes the intake: A001 is finished.
  await page.keyboard.press('Enter');
  await expect(current).toHaveAttribute('data-state', 'none');

  // A002 does not come: 过号. A003 belongs at another queue: transfer, keeping its time.
  await page.keyboard.press('F1');
  await expect(current).toContainText('A002');
  await page.getByTestId('queue-skip').click();
  await expect(current).toHaveAttribute('data-state', 'none');
  await page.keyboard.press('F1');
  await expect(current).toContainText('A003');
  await page.getByTestId('queue-transfer').click();
  await page.getByTestId('queue-transfer-window').fill('9');
  await page.getByTestId('queue-transfer-ok').click();
  // Window 9 serves nothing: the hall's refusal, in words the clerk reads; the ticket stays.
  await expect(page.locator('.ant-message')).toContainText('9 号窗口');
  await page.getByTestId('queue-transfer-window').fill('');
  await intake.selectOption('queue-transfer-queue', 'B 社保、医保');
  await screenshot(page, 'queue-window-transfer');
  await page.getByTestId('queue-transfer-ok').click();
  await expect(current).toHaveAttribute('data-state', 'none');
  const atFive = (await boss.get<Board>('/board')).body.queues.find((q) => q.letter === 'B');
  expect(atFive?.waiting).toBe(1);

  // Nobody waits: F1 says so; a citizen without a ticket is served as a walk-in.
  await page.keyboard.press('F1');
  await expect(page.locator('.ant-message')).toContainText('没有等待的号');
  await page.getByTestId('queue-walk-in').click();
  await expect(current).toHaveAttribute('data-state', 'serving');
  await expect(current).toContainText('无票');

  // A002 comes back with the slip: 过号重排 offers the number skipped here; once only.
  await page.getByTestId('queue-rejoin').click();
  await expect(page.getByTestId('queue-rejoin-number')).toHaveValue('A002');
  await screenshot(page, 'queue-window-rejoin');
  await page.getByTestId('queue-rejoin-ok').click();
  await expect(page.locator('.ant-message')).toContainText('A002 号已重新排队');
  await expect(page.getByTestId('queue-waiting')).toContainText('等待 1 人');
  await page.getByTestId('queue-rejoin').click();
  await page.getByTestId('queue-rejoin-number').fill('a002');
  await page.getByTestId('queue-rejoin-ok').click();
  await expect(page.locator('.ant-message')).toContainText('A002 当前为「等候中」，不能重新排队');
  await page.keyboard.press('Escape');

  // The display shows the calls, newest first: A003, A002, A001 (called twice).
  await expect(display.locator('#calls')).toContainText('A003');
  const shown = await display.locator('#calls').innerText();
  expect(shown.indexOf('A003')).toBeLessThan(shown.indexOf('A002'));
  expect(shown.indexOf('A002')).toBeLessThan(shown.indexOf('A001'));

  // The hall goes away: the window says so, and goes on without tickets.
  await server.stop();
  await expect(bar).toHaveAttribute('data-connection', 'offline', { timeout: 20_000 });
  await expect(page.getByTestId('queue-offline')).toContainText('大厅服务不可用');
  await expect(page.getByTestId('status-queue')).toHaveAttribute('data-state', 'offline');
  await screenshot(page, 'queue-window-offline');
  await expectNoSeriousAxeViolations(page);
});
