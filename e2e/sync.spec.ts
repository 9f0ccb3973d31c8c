import type { Page } from '@playwright/test';
import { makePng } from '@yichuang/domain/testing/images';
import { admin, IntakePage } from './pages/intake';
import { centralAdmin, startCentralServer, type RunningCentralServer } from './support/central';
import { expect, screenshot, test } from './support/fixtures';

test.use({ hostArgs: ['--simulate-devices'] });

let central: RunningCentralServer;
test.beforeEach(async () => {
  central = await startCentralServer();
});
test.afterEach(async () => {
  await central.dispose();
});

/** At central's approver page, as its administrator: a one-time enrolment code for window 3. */
async function enrolmentCode(approver: Page): Promise<string> {
  await approver.goto(`${central.url}/approver/admin`);
  await approver.locator('#username').fill(centralAdmin.username);
  await approver.locator('#password').fill(centralAdmin.password);
  await approver.locator('form button[type="submit"]').click();
  await approver.locator('#note').fill('张店区市民中心 3 号窗口');
  await approver.getByRole('button', { name: '生成一次性注册码' }).click();
  const code = (await approver.locator('.code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  return code;
}

/** A one-material matter accepted with F8 F8; returns the case number. */
async function acceptCase(intake: IntakePage, page: Page, name: string, seed: number): Promise<string> {
  await intake.holdCard(`居民身份证（${name}）`, name);
  await intake.pickMatter('YB-JMYBCB', 'YB-JMYBCB-001');
  await page.getByTestId('person-phone').fill('13805331234');
  await intake.selectOption('form-category', '成年居民');
  await intake.selectItem('id-card');
  await intake.importFiles([{ name: 'id.png', mimeType: 'image/png', buffer: makePng(320, 200, seed) }]);
  await page.getByTestId('item-original-id-card').check();
  await expect(page.getByTestId('readiness')).toContainText('可以受理');
  await intake.expectSaved();
  await page.keyboard.press('F8');
  await page.keyboard.press('F8');
  const number = (await page.getByTestId('result-number').textContent())!;
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  return number;
}

/**
 * The window accepts a case → it reaches the approver page with its material → the approver
 * approves with a comment → the window shows 已批准 and the comment. Then central stops: the window
 * keeps accepting, the badge shows the backlog, and it drains when central is back.
 */
test('window → central approver → 已批准 back at the window; the backlog drains after an outage', async ({
  page,
  host,
  context,
}) => {
  test.setTimeout(240_000);
  const intake = new IntakePage(page);
  await intake.setUpClerk(host.url, host.dataDir);

  // The administrator enrols the window with a code from central.
  const approver = await context.newPage();
  const code = await enrolmentCode(approver);
  await intake.ws.signOut();
  await intake.ws.signIn(admin.username, admin.password);
  await intake.ws.open('settings');
  await page.getByTestId('central-url').fill(central.url);
  await page.getByTestId('central-code').fill(code);
  await page.getByTestId('central-enrol').click();
  await expect(page.getByTestId('central-enrolled')).toBeVisible();
  await screenshot(page, 'settings-central');
  await intake.ws.signOut();
  await intake.signInAgain();

  // The clerk accepts a case; it is sent at once.
  const first = await acceptCase(intake, page, '张测试', 4);
  await expect(page.getByTestId('status-sync')).toHaveAttribute('data-backlog', '0', { timeout: 30_000 });
  await expect(page.getByTestId('status-sync')).toHaveAttribute('data-online', 'true');

  // At central: in the queue with its material; the approver approves with a comment.
  await approver.goto(`${central.url}/approver`);
  await expect(approver.locator('body')).toContainText(first);
  await approver.getByRole('link', { name: first }).click();
  await expect(approver.locator('img[src^="/approver/files/"]').first()).toBeVisible();
  await expect(approver.locator('body')).toContainText('张测试');
  await approver.locator('#comment').fill('材料齐全，准予参保登记。');
  await screenshot(approver, 'approver-case');
  await approver.getByRole('button', { name: '批准', exact: true }).click();
  await expect(approver.locator('body')).toContainText('已批准');

  // Back at the window: the clerk is told, and the case page shows 已批准 with the comment.
  await expect(page.getByTestId('central-notification').first()).toHaveAttribute('data-kind', 'approved', {
    timeout: 30_000,
  });
  await page.getByTestId('central-notification').first().locator('a').click();
  await expect(page.getByTestId('case-central')).toContainText('已批准');
  await expect(page.getByTestId('central-comment')).toContainText('材料齐全，准予参保登记。');
  await screenshot(page, 'case-central');

  // Central goes down: the window keeps accepting; the backlog waits, and says why.
  await central.stop();
  await page.keyboard.press('Alt+1');
  const second = await acceptCase(intake, page, '李样例', 9);
  await expect(page.getByTestId('status-sync')).toHaveAttribute('data-online', 'false', { timeout: 30_000 });
  await expect(page.getByTestId('status-sync')).not.toHaveAttribute('data-backlog', '0');
  await page.getByTestId('status-sync').click();
  await expect(page.getByTestId('sync-connection')).toContainText('无法连接中心');
  await expect(page.getByTestId('sync-table')).toContainText(second);
  await screenshot(page, 'sync-screen-offline');

  // Central is back: the backlog drains by itself, and the case is at central.
  await central.start();
  await expect(page.getByTestId('status-sync')).toHaveAttribute('data-backlog', '0', { timeout: 60_000 });
  await expect(page.getByTestId('sync-connection')).toContainText('已连接中心');
  await approver.goto(`${central.url}/approver`);
  await expect(approver.locator('body')).toContainText(second);
  await screenshot(page, 'sync-screen');
});
