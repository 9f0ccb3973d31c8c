import type { Board, CallResult, IssuedTicket } from '@yichuang/domain/hall-protocol';
import { enrolWindow, startCentral, type RunningCentral } from '../central/testing/central';
import { clerk, hallClient, kiosk, supervisor } from '../central/testing/hall';
import { admin } from './pages/intake';
import { WorkstationPage, type Account } from './pages/workstation';
import { expectNoSeriousAxeViolations } from './support/axe';
import { expect, screenshot, test } from './support/fixtures';

test.use({ hostArgs: ['--simulate-devices'] });

/**
 * The supervisor's 大厅 board against an in-process central: tickets issued and called from other
 * windows show up by themselves (waiting, the longest wait in red past half an hour, who serves
 * where, the last calls); window 5 is moved to queue B; queue C is stopped for the day and the hall
 * then refuses its tickets; the display's address opens the hall display; with central gone the
 * board says so and keeps the last picture, greyed.
 */

const boss: Account = { username: 'wangzb', displayName: '王值班长', password: 'Super#2026a' };
const bossOwnPassword = 'Super#2026b';

let server: RunningCentral | null = null;
test.afterEach(async () => {
  await server?.dispose();
  server = null;
});

test("the supervisor's hall board: live counts and calls, reassign a window, stop a queue, the display's address", async ({
  page,
  host,
}) => {
  test.setTimeout(180_000);
  // Mid-morning in the hall, whatever the time of the run; `later` moves the hall's clock on.
  const start = Date.now();
  let later = 0;
  server = await startCentral({ now: () => new Date(Date.UTC(2026, 11, 7, 2, 0, 0) + (Date.now() - start) + later) });
  const front = hallClient(server.url, (await enrolWindow(server.central, 90)).authorization);
  const three = hallClient(server.url, (await enrolWindow(server.central, 3)).authorization);
  const four = hallClient(server.url, (await enrolWindow(server.central, 4)).authorization);
  await three.put('/windows/3/queues', { queues: ['A'], actor: supervisor });
  await three.put('/windows/4/queues', { queues: ['B'], actor: supervisor });
  await three.put('/windows/5/queues', { queues: ['A'], actor: supervisor });
  await three.post('/window/open', { open: true, actor: clerk('zhangsan', '张三') });
  await four.post('/window/open', { open: true, actor: clerk('zhaoliu', '赵六') });
  // Queue A's first citizens came 40 minutes ago; B's and C's just now.
  for (let i = 0; i < 4; i++) await front.post<IssuedTicket>('/tickets', { queue: 'A', actor: kiosk });
  later = 40 * 60_000;
  for (let i = 0; i < 3; i++) await front.post<IssuedTicket>('/tickets', { queue: 'B', actor: kiosk });
  for (let i = 0; i < 2; i++) await front.post<IssuedTicket>('/tickets', { queue: 'C', actor: kiosk });
  const called = async (window: typeof three) =>
    (await window.post<CallResult>('/window/call-next', { actor: clerk() })).body.called?.number;
  expect(await called(three)).toBe('A001');
  expect(await called(four)).toBe('B001');
  await four.post(`/tickets/${(await four.get<{ current: { id: string } }>('/window')).body.current.id}/recall`, {
    actor: clerk(),
  });

  // The administrator sets up the workstation (the supervisor's desk, window 1), enrols it, adds the 值班长.
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await ws.firstRun(admin, { windowNumber: 1 });
  await ws.open('settings');
  const { code } = await server.central.registry.createCode('1 号窗口（值班长台）', 'admin');
  await page.getByTestId('central-url').fill(server.url);
  await page.getByTestId('central-code').fill(code);
  await page.getByTestId('central-enrol').click();
  await expect(page.getByTestId('central-enrolled')).toBeVisible();
  await ws.createStaff(boss, '值班长', 1);
  await ws.signOut();
  await ws.signIn(boss.username, boss.password);
  await ws.changePassword(boss.password, bossOwnPassword);
  await expect(page.getByTestId('intake')).toBeVisible();

  // 大厅 (Alt+9): the hall now.
  await page.keyboard.press('Alt+9');
  const board = page.getByTestId('hall-board');
  await expect(board).toHaveAttribute('data-connection', 'live');
  await expect(page.getByTestId('hall-queue-A-waiting')).toHaveText('3');
  await expect(page.getByTestId('hall-queue-B-waiting')).toHaveText('2');
  await expect(page.getByTestId('hall-queue-C-waiting')).toHaveText('2');
  await expect(page.getByTestId('hall-total-waiting')).toContainText('7 人');
  // A002 has waited 40 minutes: red, and so is the hall's longest wait.
  await expect(page.getByTestId('hall-queue-A-longest')).toHaveAttribute('data-long', 'true');
  await expect(page.getByTestId('hall-queue-A-longest')).toContainText(/^4\d:\d\d/);
  await expect(page.getByTestId('hall-queue-B-longest')).toHaveAttribute('data-long', 'false');
  await expect(page.getByTestId('hall-total-longest')).toContainText(/4\d:\d\d/);
  await expect(page.getByTestId('hall-window-3')).toContainText('张三');
  await expect(page.getByTestId('hall-window-3-current')).toHaveText('A001已呼叫');
  await expect(page.getByTestId('hall-window-4-current')).toHaveText('B001已呼叫');
  // The supervisor's desk is open too (signed in), with no queue of its own.
  await expect(page.getByTestId('hall-window-1')).toContainText('王值班长');
  await expect(page.getByTestId('hall-window-5')).toHaveAttribute('data-open', 'false');
  await expect(page.getByTestId('hall-total-windows')).toContainText('3 / 4');
  const calls = page.getByTestId('hall-call');
  await expect(calls).toHaveCount(3);
  await expect(calls.nth(0)).toContainText('B001 请到 4 号窗口第 2 次');
  await expect(calls.nth(2)).toContainText('A001 请到 3 号窗口');
  await expect(page.getByTestId('hall-updated')).toContainText(/更新于 10:4\d:\d\d/);

  // Another window calls, the kiosk gives a ticket: the board follows by itself.
  expect(await called(three)).toBe('A002');
  await front.post<IssuedTicket>('/tickets', { queue: 'B', actor: kiosk });
  await expect(page.getByTestId('hall-window-3-current')).toHaveText('A002已呼叫');
  await expect(page.getByTestId('hall-queue-B-waiting')).toHaveText('3');
  await expect(calls.nth(0)).toContainText('A002 请到 3 号窗口');

  // Window 5 moves from queue A to queue B.
  await page.getByTestId('hall-window-5-edit').click();
  const picker = page.getByTestId('hall-window-5-picker');
  await picker.click();
  const dropdown = page.locator('.ant-select-dropdown:visible');
  await dropdown.locator('.ant-select-item-option').filter({ hasText: 'B 社保、医保' }).click();
  await dropdown.locator('.ant-select-item-option').filter({ hasText: 'A 户籍、居住证' }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('hall-window-5-save').click();
  await expect(page.locator('.ant-message')).toContainText('5 号窗口的办理队列已保存');
  await expect(page.getByTestId('hall-window-5-queues')).toContainText('B 社保、医保');
  await expect(page.getByTestId('hall-window-5-queues')).not.toContainText('户籍');
  const onHall = (await three.get<Board>('/board')).body.windows.find((w) => w.window === 5);
  expect(onHall?.queues).toEqual(['B']);

  // Queue C stops for the day: the hall refuses its tickets from then on.
  await page.getByTestId('hall-queue-C-toggle').click();
  await expect(page.locator('.ant-popconfirm:visible')).toContainText('停止「C 企业开办」今天的取号？');
  await page.locator('.ant-popconfirm:visible').getByTestId('hall-queue-confirm').click();
  await expect(page.getByTestId('hall-queue-C-status')).toHaveAttribute('data-status', 'closedToday');
  await expect(page.getByTestId('hall-queue-C-toggle')).toContainText('恢复取号');
  const refused = await front.post<{ message?: string }>('/tickets', { queue: 'C', actor: kiosk });
  expect(refused.status).toBe(409);
  expect(JSON.stringify(refused.body)).toContain('停止取号');
  // Those already waiting in C are still served.
  await expect(page.getByTestId('hall-queue-C-waiting')).toHaveText('2');

  // The kiosk's printer runs out of paper: the top of the board says so at once, with since when.
  await front.put('/printer', { station: 'kiosk', state: 'ready' });
  await three.put('/printer', { station: 'window', state: 'ready' });
  await front.put('/printer', { station: 'kiosk', state: 'paper_out' });
  await expect(page.getByTestId('hall-printer-alert')).toContainText('取号机（90）：缺纸');
  await expect(page.getByTestId('hall-printer').first()).toHaveAttribute('data-state', 'paper_out');
  await expect(page.getByTestId('hall-printer').first()).toContainText(/自 10:4\d 起/);

  await page.mouse.move(0, 0);
  await screenshot(page, 'hall-board');
  await expectNoSeriousAxeViolations(page);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await screenshot(page, 'hall-board-1920');
  await expectNoSeriousAxeViolations(page);
  await page.setViewportSize({ width: 1366, height: 768 });

  // The display's address: copy it, or open it (the hall display, as on the hall's TV).
  await page.getByTestId('hall-display-address').click();
  const url = page.getByTestId('hall-display-url');
  await expect(url).toContainText(`${server.url}/hall/display?token=`);
  await screenshot(page, 'hall-board-display-address');
  await expectNoSeriousAxeViolations(page);
  const [display] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('hall-display-open').click()]);
  await expect(display.locator('html')).toHaveAttribute('data-ready', 'true');
  await expect(display.getByTestId('now-number')).toHaveText('A002');
  await display.close();
  await page.getByTestId('hall-display-close').click();

  // In English: the board's own words, the hall's names as the hall wrote them.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByTestId('hall-window-3-current')).toHaveText('A002Called');
  await expect(page.getByTestId('hall-queue-C-toggle')).toContainText('Resume tickets');
  await page.mouse.move(0, 0);
  await screenshot(page, 'hall-board-en');
  await expectNoSeriousAxeViolations(page);
  // antd spaces two Chinese characters on a button: 中 文.
  await page.getByRole('button', { name: /^中\s?文$/ }).click();
  await expect(page.getByTestId('hall-queue-C-toggle')).toContainText('恢复取号');

  // The hall goes away: the board says so and keeps its last picture, greyed.
  await server.stop();
  await expect(board).toHaveAttribute('data-connection', 'offline', { timeout: 20_000 });
  await expect(page.getByTestId('hall-offline')).toContainText('大厅服务不可用');
  await expect(page.getByTestId('hall-offline')).toContainText(/下面灰色显示的是 10:4\d:\d\d 的排队情况/);
  await expect(page.getByTestId('hall-content')).toHaveClass(/hall-stale/);
  await expect(page.getByTestId('hall-queue-A-waiting')).toHaveText('2');
  await expect(page.getByTestId('hall-queue-A-toggle')).toBeDisabled();
  await page.mouse.move(0, 0);
  await screenshot(page, 'hall-board-offline');
  await expectNoSeriousAxeViolations(page);
});
