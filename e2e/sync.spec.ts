import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { makePng } from '@yichuang/domain/testing/images';
import { admin, type IntakePage } from './pages/intake';
import { CentralApprover } from './support/approver';
import { startCentralServer, type RunningCentralServer } from './support/central';
import { expect, screenshot, test } from './support/intake';

test.use({ hostArgs: ['--simulate-devices'] });

let central: RunningCentralServer;
test.beforeEach(async () => {
  central = await startCentralServer();
});
test.afterEach(async () => {
  await central.dispose();
});

/** At central's approver page, as its administrator: a one-time enrolment code for window 3. */
async function enrolmentCode(approver: CentralApprover): Promise<string> {
  await approver.signInAsAdmin();
  await approver.page.locator('#note').fill('张店区市民中心 3 号窗口');
  await approver.page.getByRole('button', { name: '生成一次性注册码' }).click();
  const code = (await approver.page.locator('.code').textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
  return code;
}

/**
 * The administrator enrols the window (设置) with a code from central (the approver page signs in at
 * central as its administrator), then the clerk signs in again.
 */
async function enrolWindow(intake: IntakePage, page: Page, approver: CentralApprover): Promise<void> {
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
  intake,
  context,
}) => {
  test.setTimeout(240_000);

  // The administrator enrols the window with a code from central.
  const approver = new CentralApprover(await context.newPage(), central.url);
  await enrolWindow(intake, page, approver);

  // The clerk accepts a case; it is sent at once.
  const first = await acceptCase(intake, page, '张测试', 4);
  await expect(page.getByTestId('status-sync')).toHaveAttribute('data-backlog', '0', { timeout: 30_000 });
  await expect(page.getByTestId('status-sync')).toHaveAttribute('data-online', 'true');

  // At central: in the queue with its material; the approver approves with a comment.
  await approver.openCase(first);
  await expect(approver.page.locator('img[src^="/approver/files/"]').first()).toBeVisible();
  await expect(approver.page.locator('body')).toContainText('张测试');
  await approver.decide('批准', '材料齐全，准予参保登记。', 'approver-case');
  await expect(approver.page.locator('body')).toContainText('已批准');

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
  await approver.page.goto(`${central.url}/approver`);
  await expect(approver.page.locator('body')).toContainText(second);
  await screenshot(page, 'sync-screen');
});

/**
 * The text (`pdftotext`) of the PDF the print dialog previews, saved through a download of its blob
 * (the page's policy lets no script read it; a printed file is re-rendered by cups-pdf without text).
 */
async function previewText(page: Page): Promise<string> {
  // The preview's blob URL is replaced (and the old one revoked) when the document is made again,
  // e.g. as a sync event refreshes the case under the dialog: a download of the revoked URL is
  // canceled, so the current URL is read again and fetched once more.
  for (let attempt = 1; ; attempt++) {
    const src = (await page.getByTestId('print-preview').getAttribute('src'))!.split('#')[0]!;
    const download = page.waitForEvent('download');
    await page.evaluate(`{
      const a = document.createElement('a');
      a.href = ${JSON.stringify(src)};
      a.download = 'notice.pdf';
      document.body.append(a);
      a.click();
      a.remove();
    }`);
    const saved = await download;
    const failure = await saved.failure();
    if (failure !== null) {
      if (attempt < 3) continue;
      throw new Error(`the preview could not be downloaded three times: ${failure}`);
    }
    const file = await saved.path();
    // Kept beside the screenshots, to look at (pdftoppm -png -r 80).
    await saved.saveAs('test-results/screens/central-supplement-notice.pdf');
    return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  }
}

/**
 * Central asks for a supplement naming two materials, each with its reason → the window tells the
 * clerk (notification, announced with the number) and 办件 marks the case, the menu counts it →
 * the clerk opens the case: the marker goes → the 一次性补正告知书 made from central's list prints.
 */
test("central's supplement request: notification and badge at the window, seen on opening, printed as the notice", async ({
  page,
  intake,
  context,
}) => {
  test.setTimeout(240_000);
  const approver = new CentralApprover(await context.newPage(), central.url);
  await approver.page.setViewportSize({ width: 1366, height: 768 });
  await enrolWindow(intake, page, approver);

  const number = await acceptCase(intake, page, '张测试', 5);
  await expect(page.getByTestId('status-sync')).toHaveAttribute('data-backlog', '0', { timeout: 30_000 });

  // At central: two of the case's materials ticked, each with what is wrong, and a comment.
  await approver.openCase(number);
  const picks = approver.page.locator('fieldset.supp li');
  expect(await picks.count()).toBeGreaterThanOrEqual(2);
  const names: string[] = [];
  const reasons = ['身份证复印件不清晰，请提供原件', '请补充居住证原件'];
  for (const i of [0, 1]) {
    const li = picks.nth(i);
    names.push(
      (await li.locator('label').first().innerText())
        .split('\n')[0]!
        .replace(/\s*必交.*|\s*非必交.*/, '')
        .trim(),
    );
    await li.locator('input[type="checkbox"]').check();
    await li.locator('input[type="text"]').fill(reasons[i]!);
  }
  await approver.decide('要求补正', '请本人携带原件到窗口补正。', 'approver-supplement-form');
  await expect(approver.page.locator('.notice')).toContainText('已要求补正');
  for (const i of [0, 1]) await expect(approver.page.locator('.supp-list').first()).toContainText(reasons[i]!);

  // The window: the notification (announced with the number), the list's marker, the menu's count.
  await expect(page.getByTestId('central-notification').first()).toHaveAttribute('data-kind', 'supplement_requested', {
    timeout: 30_000,
  });
  await expect(page.getByTestId('central-announcer')).toContainText(number);
  await expect(page.getByTestId('nav-cases-unseen')).toContainText('1');
  await intake.ws.open('cases');
  const row = page.getByTestId(`case-row-${number}`);
  await expect(row).toHaveAttribute('data-unseen', 'true');
  await expect(row.getByTestId('case-unseen')).toContainText('中心新决定');
  await screenshot(page, 'cases-unseen');

  // Opened: seen. The marker and the count go.
  await row.click();
  await expect(page.getByTestId('central-supplement-items')).toContainText(reasons[0]!);
  await expect(page.getByTestId('central-supplement-items')).toContainText(reasons[1]!);
  await expect(page.getByTestId('nav-cases-unseen')).toHaveCount(0);
  await screenshot(page, 'case-central-supplement');

  // The notice from central's list: Ctrl+P on the page opens it.
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-preview')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('print-next')).toContainText('正本');
  await screenshot(page, 'central-supplement-notice');
  const text = (await previewText(page)).replace(/\s+/g, '');
  for (const expected of ['一次性补正告知书', number, ...names, ...reasons, '其他说明：请本人携带原件到窗口补正。']) {
    expect(text).toContain(expected.replace(/\s+/g, ''));
  }
  await page.getByTestId('print-printer').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^PDF/ }).click();
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-result')).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await page.getByTestId('print-close').click();

  await page.keyboard.press('Escape');
  await expect(page.getByTestId(`case-row-${number}`)).not.toHaveAttribute('data-unseen', 'true');
});
