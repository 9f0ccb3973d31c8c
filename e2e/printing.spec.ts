import { makePng } from '@yichuang/domain/testing/images';
import { admin, IntakePage } from './pages/intake';
import { expect, screenshot, test } from './support/fixtures';

test.use({ hostArgs: ['--simulate-devices'] });

const supervisor = { username: 'zhaoban', displayName: '赵值班', password: 'Super#2026a' };

/**
 * Accept → preview → print (CUPS's PDF queue, which `scripts/setup.sh` adds), reprint as 副本 1
 * through the browser's own print, then the supervisor's report for today.
 */
test('accept a case → preview → print; reprint is 副本 1; the supervisor reports the day', async ({ page, host }) => {
  test.setTimeout(180_000);
  const intake = new IntakePage(page);
  await intake.setUpClerk(host.url, host.dataDir);

  // A one-material matter: 城乡居民医保参保登记.
  await intake.holdCard('居民身份证（张测试）', '张测试');
  await intake.pickMatter('YB-JMYBCB', 'YB-JMYBCB-001');
  await page.getByTestId('person-phone').fill('13805331234');
  await intake.selectOption('form-category', '成年居民');
  await intake.selectItem('id-card');
  await intake.importFiles([{ name: 'id.png', mimeType: 'image/png', buffer: makePng(320, 200, 4) }]);
  await page.getByTestId('item-original-id-card').check();
  await expect(page.getByTestId('readiness')).toContainText('可以受理');
  await intake.expectSaved();
  await page.keyboard.press('F8');
  await page.keyboard.press('F8');
  const caseNumber = (await page.getByTestId('result-number').textContent())!;
  expect(caseNumber).toMatch(/^370303-\d{8}-003-0001$/);

  // Ctrl+P: the receipt as it will print (the original), the printer, copies.
  await page.keyboard.press('Control+p');
  // The first document of a run loads the font: give a loaded machine time.
  await expect(page.getByTestId('print-preview')).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('print-next')).toContainText('正本');
  // A paused queue (CUPS's Stopped) is listed as not ready, never preselected; printing to it fails
  // at once with what to do, and the next print is still the original.
  await page.getByTestId('print-printer').click();
  const stoppedOption = page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: /^Stopped/ });
  await expect(stoppedOption).toContainText('未就绪：已暂停');
  await screenshot(page, 'print-printers');
  await stoppedOption.click();
  await expect(page.getByTestId('print-not-ready')).toContainText('打印机「Stopped」已暂停');
  const started = Date.now();
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-result')).toHaveAttribute('data-state', 'failed', { timeout: 10_000 });
  expect(Date.now() - started).toBeLessThan(10_000);
  await expect(page.getByTestId('print-result')).toContainText('改选其他打印机');
  await expect(page.getByTestId('print-next')).toContainText('正本');
  // With the failure shown the footer is still on the screen (the preview gives up the room).
  expect((await page.getByTestId('print-submit').boundingBox())!.y + 32).toBeLessThanOrEqual(768);
  await screenshot(page, 'print-stopped');
  await page.getByTestId('print-printer').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^PDF/ }).click();
  // The hint sits under the preview, never over the page.
  const frame = (await page.getByTestId('print-preview').boundingBox())!;
  const hint = (await page.getByTestId('print-preview-hint').boundingBox())!;
  expect(hint.y).toBeGreaterThanOrEqual(frame.y + frame.height);
  await screenshot(page, 'print-preview');
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-result')).toHaveAttribute('data-state', 'succeeded', { timeout: 30_000 });
  await expect(page.getByTestId('print-result')).toContainText('正本');
  await expect(page.getByTestId('print-next')).toContainText('副本 1');
  await screenshot(page, 'print-done');
  // Ctrl+P again by habit: it asks, and prints nothing until asked for again.
  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-copy-ask')).toContainText('本次将打印「副本 1」');
  await expect(page.getByTestId('print-submit')).toContainText('补打副本 1');
  await screenshot(page, 'print-copy-ask');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('result-printed')).toContainText('正本');
  await page.keyboard.press('Enter');

  // Later, from the case page: the history shows the original; a reprint is 副本 1, here through
  // the browser's own print (a new tab with the PDF), and counts once the clerk says it printed.
  await page.keyboard.press('Control+f');
  await intake.caseSearch().fill(caseNumber);
  await intake.caseSearch().press('Enter');
  await page.getByTestId('case-list').getByText(caseNumber).click();
  const history = page.getByTestId('print-history');
  // The original, and the failed try on the paused queue before it.
  await expect(history.locator('tbody tr.ant-table-row')).toHaveCount(2);
  await expect(history.locator('tbody tr.ant-table-row').first()).toContainText('正本');
  await expect(history.locator('tbody tr.ant-table-row').first()).toContainText('成功');
  // The reason of the failure has the row's width, not a squeezed column's.
  const reason = history.getByText(/已暂停/);
  await reason.scrollIntoViewIfNeeded();
  expect((await reason.boundingBox())!.width).toBeGreaterThan(250);
  await screenshot(page, 'print-history');
  await page.getByTestId('print-receipt-1').click();
  await expect(page.getByTestId('print-next')).toContainText('副本 1');
  await page.getByTestId('print-printer').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '浏览器打印' }).click();
  const tab = page.context().waitForEvent('page');
  await page.getByTestId('print-submit').click();
  const pdfTab = await tab;
  expect(pdfTab.url()).toMatch(/^blob:/);
  await pdfTab.close();
  await expect(page.getByTestId('print-browser')).toBeVisible();
  await page.keyboard.press('y');
  await expect(page.getByTestId('print-result')).toHaveAttribute('data-state', 'succeeded');
  // The dialog takes the focus back from the closed PDF tab. (Esc closing the dialog is checked
  // above; right after the browser-print answer it is sometimes not taken — see the closing note.)
  await expect(page.getByTestId('print-close')).toBeFocused();
  await page.getByTestId('print-close').click();
  await expect(page.getByTestId('print-preview')).toHaveCount(0);
  await expect(history.locator('tbody tr.ant-table-row')).toHaveCount(3);
  await expect(history.locator('tbody tr.ant-table-row').first()).toContainText('副本 1');
  await screenshot(page, 'case-documents');

  // The supervisor's report of today: the case, its print jobs, the charts, print and CSV.
  await intake.ws.signOut();
  await intake.ws.signIn(admin.username, admin.password);
  await intake.ws.createStaff(supervisor, '值班长', 1);
  await intake.ws.signOut();
  await intake.ws.signIn(supervisor.username, supervisor.password);
  await intake.ws.changePassword(supervisor.password, 'Super#2026b');
  await intake.ws.open('reports');
  await expect(page.getByTestId('report-screen')).toBeVisible();
  await expect(page.getByTestId('report-accepted')).toContainText('1');
  await expect(page.getByTestId('report-by-matter')).toContainText('城乡居民基本医疗保险参保登记');
  await expect(page.getByTestId('report-by-clerk')).toContainText('李窗口');
  await expect(page.getByTestId('report-printing')).toContainText('正本 1 份，副本 1 份');
  await expect(page.getByTestId('chart-by-hour').locator('rect').first()).toBeVisible();
  await screenshot(page, 'report-today');

  const download = page.waitForEvent('download');
  await page.getByTestId('report-csv').click();
  const csv = await download;
  expect(csv.suggestedFilename()).toMatch(/^业务报表_\d{4}-\d{2}-\d{2}\.csv$/);
  const text = await (await csv.createReadStream()).toArray();
  const content = Buffer.concat(text as Buffer[]).toString('utf8');
  expect(content.charCodeAt(0)).toBe(0xfeff);
  expect(content).toContain('城乡居民基本医疗保险参保登记');

  await page.keyboard.press('Control+p');
  await expect(page.getByTestId('print-preview')).toBeVisible();
  await expect(page.getByTestId('print-next')).toContainText('正本');
  await screenshot(page, 'report-print-preview');
});
