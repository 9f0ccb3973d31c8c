import { createEsclSimulator } from '../main/devices/document-scanner/escl/simulator';
import { IntakePage } from './pages/intake';
import { expectNoSeriousAxeViolations } from './support/axe';
import { expect, screenshot, test } from './support/fixtures';

// A network (eSCL) scanner simulated on 127.0.0.1 in this test's process, speaking real eSCL to
// the browser host's eSCL route; everything from the route to the screen is the real program.

test('document scanner: F7 scans the feeder onto the selected item, blank backs dropped; rescan one page; self-test', async ({
  page,
  host,
}) => {
  const sim = await createEsclSimulator({ name: 'Simulated MFP' });
  try {
    const intake = new IntakePage(page);
    await intake.setUpClerk(host.url, host.dataDir, async () => {
      // The admin adds the network scanner by its address and tries it with one sheet.
      await intake.ws.open('devices');
      await page.getByTestId('scanner-address').fill(sim.url);
      await page.getByTestId('scanner-add').click();
      await expect(page.getByTestId('document-scanner-list')).toContainText(sim.url);
      sim.load({ sheets: 1 });
      await page.getByTestId('document-scanner-self-test').click();
      const result = page.getByTestId('document-scanner-self-test-result');
      await expect(result).toHaveAttribute('data-ok', 'true');
      await expect
        .poll(() => result.locator('img').evaluate((img: { naturalWidth: number }) => img.naturalWidth))
        .toBeGreaterThan(100);
      await page.getByTestId('document-scanners').scrollIntoViewIfNeeded();
      await screenshot(page, 'devices-document-scanners');
    });

    await intake.pickMatter('jzz', 'GA-JZZSL-001');
    await intake.selectItem('id-card');
    await expect(page.getByTestId('status-document-scanner')).toBeVisible();

    // Three sheets, printed on both sides except the second one's back: one key, five pages.
    sim.load({ sheets: 3, duplex: true, blankBacks: [2] });
    await page.keyboard.press('F7');
    await expect(page.getByTestId('scanner-capture')).toBeVisible();
    await expect(page.getByTestId('item-pages-id-card')).toHaveText('5 页', { timeout: 30_000 });
    await expect(page.getByTestId('scanner-progress')).toHaveAttribute('data-state', 'done');
    await expect(page.getByTestId('scanner-progress')).toContainText('扫描完成：5 页');
    await expect(page.getByTestId('scanner-blanks')).toHaveText('已去除空白页 1');
    expect(sim.state().jobs.at(-1)).toMatchObject({ duplex: true, pages: 6 });
    // The feeder emptied: the next item still missing a page is selected.
    await expect(intake.item('photo')).toHaveClass(/selected/);

    await intake.selectItem('id-card');
    for (let i = 0; i < 5; i += 1) {
      await expect(page.getByTestId(`file-${i}`).locator('img')).toBeVisible();
    }
    await expect(page.getByTestId('file-0')).toHaveAttribute('title', /扫描仪/);
    await screenshot(page, 'intake-scanner');
    await expectNoSeriousAxeViolations(page);

    // Rescan page 3: one sheet in, the button on the page; it is replaced in place.
    await page.getByTestId('file-2').click();
    const before = await page.getByTestId('file-2').locator('img').getAttribute('src');
    sim.load({ sheets: 1 });
    await page.getByTestId('file-rescan').click();
    await expect(page.locator('.ant-message')).toContainText('已替换第 3 页');
    await expect(page.getByTestId('item-pages-id-card')).toHaveText('5 页');
    await expect(page.getByTestId('file-2').locator('img')).not.toHaveAttribute('src', before!);

    // An empty feeder is said in words the clerk can act on; nothing is added.
    sim.load({ sheets: 0 });
    await page.keyboard.press('F7');
    await expect(page.getByTestId('scanner-error')).toContainText('进纸器里没有纸');
    await expect(page.getByTestId('item-pages-id-card')).toHaveText('5 页');
    await intake.expectSaved();
    await screenshot(page, 'intake-scanner-empty-feeder');

    // A slow feeder, and the clerk looks at another screen meanwhile: the pages scanned while the
    // intake was closed are on the material when it opens again.
    await intake.selectItem('photo');
    sim.load({ sheets: 3, duplex: true, pageDelayMs: 500 });
    await page.keyboard.press('F7');
    await expect(page.getByTestId('item-pages-photo')).toHaveText('1 页', { timeout: 15_000 });
    await intake.ws.open('devices');
    await expect.poll(() => sim.state().jobs.at(-1)?.state, { timeout: 15_000 }).not.toBe('Processing');
    await intake.ws.open('workbench');
    await expect(page.getByTestId('item-pages-photo')).toHaveText('6 页');
    await intake.expectSaved();
  } finally {
    await sim.close();
  }
});
