import type { Board, QueueNow } from '@yichuang/domain/hall-protocol';
import { enrolWindow, startCentral, type RunningCentral } from '../central/testing/central';
import { hallClient, supervisor } from '../central/testing/hall';
import { startTcpPrinterSimulator, type TcpPrinterSimulator } from '../main/devices/printer/tcp-simulator';
import { admin } from './pages/intake';
import { adminDevicesPage, WorkstationPage, type Account } from './pages/workstation';
import { expectNoSeriousAxeViolations } from './support/axe';
import { expect, screenshot, test } from './support/fixtures';

test.use({ hostArgs: ['--simulate-devices'], viewport: { width: 1920, height: 1080 } });

/**
 * The ticket kiosk in the browser, full HD as on the hall's kiosk: the administrator makes a 取号机
 * account and enrols the workstation at the hall; signed in as the kiosk, the screen shows the hall's
 * queues (a closed one greyed with its reason), finds them by pinyin initials, and gives tickets with
 * and without a card on the simulated reader (the card's second ticket in a queue is the same one),
 * and for a booked appointment by its code. The slip comes out of the simulated ticket printer; a
 * printer out of paper (a network printer on the ESC/POS simulator) is said in big type, the ticket
 * valid; with no ticket printer at all the browser host prints the slip on the platform printer.
 * The hall away: 暂停取号.
 */

const kioskAccount: Account = { username: 'kiosk1', displayName: '一楼取号机', password: 'Kiosk#2026a' };
const kioskOwnPassword = 'Kiosk#2026b';

/** The page's window.print, replaced to count its calls. */
interface PrintCounter {
  print: () => void;
  printed: number;
}

let server: RunningCentral | null = null;
let printer: TcpPrinterSimulator | null = null;
test.afterEach(async () => {
  await server?.dispose();
  await printer?.close();
  server = null;
  printer = null;
});

test('the kiosk gives tickets with and without a card, says a printer out of paper, pauses without the hall', async ({
  page,
  host,
  browser,
}) => {
  test.setTimeout(240_000);
  // Mid-morning in the hall, whatever the time of the run: the queues are open.
  const start = Date.now();
  server = await startCentral({ now: () => new Date(Date.UTC(2026, 11, 7, 2, 0, 0) + (Date.now() - start)) });
  const boss = hallClient(server.url, (await enrolWindow(server.central, 99)).authorization);
  await boss.post<QueueNow[]>('/queues/C/closed', { closed: true, actor: supervisor });
  await boss.post('/appointments', {
    code: 'YY2026A1',
    queue: 'B',
    slotStart: '2026-12-07T02:30:00.000Z',
    slotEnd: '2026-12-07T03:00:00.000Z',
    actor: supervisor,
  });
  const waiting = async (letter: string) =>
    (await boss.get<Board>('/board')).body.queues.find((q) => q.letter === letter)?.waiting;

  // The administrator: first run, enrolment at the hall, and the kiosk's account (取号机, no window).
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await ws.firstRun(admin, { windowNumber: 1 });
  await ws.open('settings');
  const { code } = await server.central.registry.createCode('一楼取号机', 'admin');
  await page.getByTestId('central-url').fill(server.url);
  await page.getByTestId('central-code').fill(code);
  await page.getByTestId('central-enrol').click();
  await expect(page.getByTestId('central-enrolled')).toBeVisible();
  await ws.open('staff');
  await page.getByTestId('staff-create').click();
  await page.getByTestId('staff-username').fill(kioskAccount.username);
  await page.getByTestId('staff-display-name').fill(kioskAccount.displayName);
  await page.getByTestId('staff-role').click();
  // The open list only (an earlier select's hidden list has the same options), and check it took.
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '取号机' }).click();
  await expect(page.getByTestId('staff-role')).toContainText('取号机');
  await page.getByTestId('staff-password').fill(kioskAccount.password);
  await page.getByTestId('staff-save').click();
  const row = page.getByTestId('staff-table').locator('tr', { hasText: kioskAccount.username });
  await expect(row).toContainText('取号机');
  await ws.signOut();

  // The kiosk signs in (its first password changed, as every account's): its one screen, no menu.
  await ws.signIn(kioskAccount.username, kioskAccount.password);
  await ws.changePassword(kioskAccount.password, kioskOwnPassword);
  const kiosk = page.getByTestId('kiosk');
  await expect(kiosk).toBeVisible();
  // The result goes back to the start by itself after a while: tap it if it is still there.
  const backHome = async () => {
    await page
      .getByTestId('kiosk-done')
      .click({ timeout: 2_000 })
      .catch(() => undefined);
    await expect(kiosk).toHaveAttribute('data-view', 'home', { timeout: 25_000 });
  };
  // The reader's and printers' side: an administrator on 设备 in another browser.
  const devices = await adminDevicesPage(browser, host.url, admin, { width: 1366, height: 900 });
  await expect(page.locator('.ant-menu')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-hall')).toHaveText('张店区市民中心');
  await expect(page.getByTestId('kiosk-waiting-A')).toHaveText('等待 0 人');
  await expect(page.getByTestId('kiosk-queue-C')).toBeDisabled();
  await expect(page.getByTestId('kiosk-closed-C')).toContainText('今日');

  // Pinyin initials: 社保、医保 is SBYB.
  await page.getByTestId('kiosk-letter-S').click();
  await page.getByTestId('kiosk-letter-B').click();
  await expect(page.locator('[data-testid^="kiosk-queue-"]')).toHaveCount(1);
  await expect(page.getByTestId('kiosk-queue-B')).toBeVisible();
  await page.getByTestId('kiosk-letters-all').click();
  await expect(page.locator('[data-testid^="kiosk-queue-"]')).toHaveCount(3);
  // The administrator's last toast (已创建…) has gone.
  await expect(page.locator('.ant-message-notice')).toHaveCount(0, { timeout: 10_000 });
  await screenshot(page, 'kiosk-home');
  await expectNoSeriousAxeViolations(page);
  // English on a tap; the next ticket's citizen finds Chinese again.
  await page.getByTestId('kiosk-language').click();
  await expect(page.getByTestId('kiosk-waiting-A')).toHaveText('0 waiting');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await screenshot(page, 'kiosk-home-en');
  await page.getByTestId('kiosk-language').click();
  await expect(page.getByTestId('kiosk-waiting-A')).toHaveText('等待 0 人');

  // No card: A001, nobody ahead; the slip comes out of the simulated ticket printer.
  await page.getByTestId('kiosk-queue-A').click();
  await expect(page.getByTestId('kiosk-prompt')).toHaveText('您已领取A001号，前方无人等待，请留意叫号');
  await expect(page.getByTestId('kiosk-number')).toHaveText('A001');
  await expect(page.getByTestId('kiosk-issued')).toHaveAttribute('data-printed', 'true');
  await expect(page.getByTestId('kiosk-slip-note')).toHaveText('请取走号票，留意叫号屏和语音叫号');
  await screenshot(page, 'kiosk-issued');
  await expectNoSeriousAxeViolations(page);
  expect(await waiting('A')).toBe(1);
  await devices.getByTestId('sim-printer-refresh').click();
  await expect(devices.getByTestId('printer-preview')).toContainText('A001');
  await backHome();

  // A card on the reader: the name shows masked; its ticket is B002 (one ahead), and the same card
  // in the same queue again is the same ticket, said so.
  await page.getByTestId('kiosk-queue-B').click();
  await expect(page.getByTestId('kiosk-number')).toHaveText('B001');
  await backHome();
  await new WorkstationPage(devices).placeCard('居民身份证（张测试）');
  await expect(page.getByTestId('kiosk-card-name')).toHaveText('张*试，已读取身份证');
  await screenshot(page, 'kiosk-card-read');
  await page.getByTestId('kiosk-queue-B').click();
  await expect(page.getByTestId('kiosk-prompt')).toHaveText('您已领取B002号，前方等待1人');
  await expect(page.getByTestId('kiosk-card')).toHaveCount(0);
  await backHome();
  await expect(page.getByTestId('kiosk-card')).toHaveAttribute('data-read', 'false');
  await new WorkstationPage(devices).placeCard('居民身份证（张测试）');
  await expect(page.getByTestId('kiosk-card')).toHaveAttribute('data-read', 'true');
  await page.getByTestId('kiosk-queue-B').click();
  await expect(page.getByTestId('kiosk-number')).toHaveText('B002');
  await expect(page.getByTestId('kiosk-issued')).toContainText('您在本业务已有号码');
  expect(await waiting('B')).toBe(2);
  await backHome();

  // 预约取号 by its code, typed on the pad.
  await page.getByTestId('kiosk-appointment').click();
  for (const key of 'YY2026A1') await page.getByTestId(`kiosk-pad-key-${key}`).click();
  await expect(page.getByTestId('kiosk-pad-code')).toHaveText('YY2026A1');
  await screenshot(page, 'kiosk-pad');
  await expectNoSeriousAxeViolations(page);
  await page.getByTestId('kiosk-pad-submit').click();
  await expect(page.getByTestId('kiosk-number')).toHaveText(/^B\d{3}$/);
  expect(await waiting('B')).toBe(3);
  await backHome();

  // The ticket printer is a network printer out of paper (the simulated one unplugged): the ticket
  // is given, and the citizen is told in big type to remember the number.
  printer = await startTcpPrinterSimulator({ paperOut: true });
  await devices.getByTestId('sim-plug-printer').click();
  await devices.getByTestId('network-printer-address').fill(printer.address);
  await devices.getByTestId('network-printer-add').click();
  await expect(devices.locator('.ant-message')).toContainText('已添加');
  await page.getByTestId('kiosk-queue-A').click();
  const problem = page.getByTestId('kiosk-print-problem');
  await expect(problem).toContainText('取号机打印机缺纸，请记住您的号码 A002，或到服务台咨询');
  await expect(problem).toHaveAttribute('data-code', 'printer_paper_out');
  await expect(page.getByTestId('kiosk-number')).toHaveText('A002');
  await screenshot(page, 'kiosk-paper-out');
  await expectNoSeriousAxeViolations(page);
  expect(await waiting('A')).toBe(2);
  await backHome();
  // Back at the start, the next citizen is told before the tap; the supervisor's board has it too.
  await expect(page.getByTestId('kiosk-printer-fault')).toHaveAttribute('data-fault', 'paper_out');
  await screenshot(page, 'kiosk-printer-fault');
  await expectNoSeriousAxeViolations(page);
  await expect
    .poll(async () => (await boss.get<Board>('/board')).body.printers.map((p) => `${p.station}:${p.state}`))
    .toContain('kiosk:paper_out');

  // No ticket printer at all: on the browser host the slip goes to the platform printer.
  await devices.getByTestId('network-printer-remove').click();
  await expect(devices.getByTestId('network-printer-remove')).toHaveCount(0);
  await expect(page.getByTestId('kiosk-printer-fault')).toHaveCount(0);
  // window.print, counted instead of opening the print dialog (e2e code has no DOM types: globalThis).
  await page.evaluate(() => {
    const counted = globalThis as unknown as PrintCounter;
    counted.printed = 0;
    counted.print = () => (counted.printed += 1);
  });
  await page.getByTestId('kiosk-queue-A').click();
  await expect(page.getByTestId('kiosk-slip-note')).toHaveText('正在打印号票，请到打印机取票');
  await expect.poll(() => page.evaluate(() => (globalThis as unknown as PrintCounter).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  const slip = page.getByTestId('kiosk-print-slip');
  await expect(slip).toBeVisible();
  await expect(slip).toContainText('A003');
  await expect(slip).toContainText('好差评');
  await expect(kiosk).toBeHidden();
  await screenshot(page, 'kiosk-slip-print');
  await page.emulateMedia({ media: 'screen' });
  await backHome();

  // The hall goes away: tickets paused, in words the citizen reads; no queue to tap.
  await server.stop();
  await expect(page.getByTestId('kiosk-paused')).toContainText('暂停取号：大厅服务暂不可用，请到服务台咨询', {
    timeout: 20_000,
  });
  await expect(page.getByTestId('kiosk-queues')).toHaveCount(0);
  await screenshot(page, 'kiosk-paused');
  await expectNoSeriousAxeViolations(page);
  await devices.context().close();
});
