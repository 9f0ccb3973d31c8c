import { makeBombPdf, makePdf } from '../main/testing/sample-files';
import { expect, screenshot, test } from './support/intake';

test.use({ hostArgs: ['--simulate-devices'] });

// The built app (out/main/inspect-worker.js): a compression bomb imported or scanned is refused by
// the cage in seconds, nothing attached, and the next good file goes in as usual.
test('a compression bomb, imported or scanned, is refused with a clear message; a good PDF still goes in', async ({
  page,
  intake,
  hotFolder,
}) => {
  await intake.holdCard('居民身份证（张测试）', '张测试');
  await intake.pickMatter('jzzsl', 'GA-JZZSL-001');
  await intake.selectItem('residence-proof');

  const bomb = makeBombPdf('object-stream', 1024); // 1 MB, inflates to 1 GiB
  const started = Date.now();
  await intake.importFiles([{ name: '租房合同.pdf', mimeType: 'application/pdf', buffer: bomb }]);
  await expect(page.locator('.ant-message')).toContainText('文件 租房合同.pdf 过于复杂，无法在限定时间内检查', {
    timeout: 20_000,
  });
  expect(Date.now() - started).toBeLessThan(20_000);
  await expect(page.getByTestId('item-pages-residence-proof')).toHaveText('0 页');
  await screenshot(page, 'intake-bomb-refused');

  await page.getByTestId('source-hot-folder').click();
  intake.dropScan(hotFolder, '扫描炸弹.pdf', makeBombPdf('page-contents', 2048, true));
  await expect(page.getByText(/扫描炸弹\.pdf 过于复杂/).first()).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId('item-pages-residence-proof')).toHaveText('0 页');
  await screenshot(page, 'hot-folder-bomb-refused');

  await intake.importFiles([{ name: 'contract.pdf', mimeType: 'application/pdf', buffer: await makePdf(3, 'lease') }]);
  await expect(page.getByTestId('item-pages-residence-proof')).toHaveText('3 页');
});
