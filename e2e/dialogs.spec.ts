import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { makePng } from '@yichuang/domain/testing/images';
import { admin, clerk, IntakePage } from './pages/intake';
import { expectNoSeriousAxeViolations } from './support/axe';
import { expect, test } from './support/fixtures';

/**
 * Every dialog a clerk or an administrator opens, in zh-CN and English: no critical or serious axe
 * violation, and no label, title, column header or button that wraps onto a second line or is cut
 * off (issue 15, defect 7: "a dialog label wraps"). Each is photographed into
 * test-results/screens/dialog-*.png.
 */

test.use({ hostArgs: ['--simulate-devices'] });

const shots = join('test-results', 'screens');
const clerkPassword = 'Clerk#2026b';

/** The little of the browser's DOM the page.evaluate callback uses (e2e code has no DOM types). */
interface DomRect {
  top: number;
  height: number;
}
interface DomElement {
  tagName: string;
  className: string;
  textContent: string | null;
  clientWidth: number;
  scrollWidth: number;
  querySelectorAll(selector: string): Iterable<DomElement>;
  getBoundingClientRect(): DomRect;
}
declare function getComputedStyle(element: DomElement): { textAlign: string };
declare const document: {
  createRange(): { selectNodeContents(el: DomElement): void; getClientRects(): Iterable<DomRect> };
};

/** What in the dialog is one line by design: labels, titles, headers, buttons, tags. */
const oneLine = [
  '.ant-modal-title',
  '.ant-form-item-label > label',
  '.ant-descriptions-item-label',
  '.ant-table-thead th',
  '.ant-btn',
  '.ant-tag',
  '.ant-popconfirm-title',
  '.ant-segmented-item-label',
  '.ant-radio-button-wrapper',
].join(', ');

/** The one-line elements of a dialog that take two lines or more, or cut their text, as `text: why`. */
async function wrappedLabels(dialog: Locator): Promise<string[]> {
  return dialog.evaluate((root, selector) => {
    const found: string[] = [];
    // Lines (or rows) of boxes: a box that starts below the ones before it starts a new one; an inline
    // block beside the text (a key cap) overlaps it and does not.
    const rowsOf = (rects: DomRect[]) => {
      let rows = 0;
      let bottom = -Infinity;
      for (const r of rects.filter((x) => x.height > 0).sort((a, b) => a.top - b.top)) {
        if (r.top >= bottom - 1) rows += 1;
        bottom = Math.max(bottom, r.top + r.height);
      }
      return rows;
    };
    for (const el of (root as unknown as DomElement).querySelectorAll(selector)) {
      const text = (el.textContent ?? '').trim();
      if (!text || el.clientWidth === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(el);
      const lines = rowsOf([...range.getClientRects()]);
      if (lines > 1) found.push(`${text.slice(0, 40)}: ${lines} lines`);
      else if (el.scrollWidth > el.clientWidth + 1)
        found.push(`${text.slice(0, 40)}: cut (${el.scrollWidth} > ${el.clientWidth})`);
    }
    // A chosen value reads from the start of its box (a modal's footer aligns its own text to the end).
    for (const select of (root as unknown as DomElement).querySelectorAll('.ant-select')) {
      const align = getComputedStyle(select).textAlign;
      if (align === 'end' || align === 'right')
        found.push(`${(select.textContent ?? '').slice(0, 40)}: aligned ${align}`);
    }
    // The footer's buttons stand in one row.
    for (const footer of (root as unknown as DomElement).querySelectorAll('.ant-modal-footer')) {
      const rows = rowsOf([...footer.querySelectorAll('.ant-btn')].map((b) => b.getBoundingClientRect()));
      if (rows > 1) found.push(`footer: buttons in ${rows} rows`);
    }
    return found;
  }, oneLine);
}

/** axe on the page with the dialog open, a photograph, and no label in it wrapping. */
async function check(page: Page, dialog: Locator, name: string): Promise<void> {
  await expect(dialog).toBeVisible();
  await page.waitForTimeout(350); // the dialog's opening animation
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: join(shots, `dialog-${name}.png`), animations: 'disabled' });
  expect(await wrappedLabels(dialog), `${name}: labels on one line`).toEqual([]);
}

const modal = (page: Page) => page.locator('.ant-modal-wrap:visible .ant-modal').last();

test('every dialog passes axe and keeps its labels on one line, in zh-CN and English', async ({ page, host }) => {
  test.setTimeout(240_000);
  mkdirSync(shots, { recursive: true });
  const intake = new IntakePage(page);
  const ws = intake.ws;
  await intake.setUpClerk(host.url, host.dataDir);
  await intake.holdCard('居民身份证（张测试）', '张测试');

  for (const lang of ['zh', 'en'] as const) {
    // The clerk's decisions: 补正 (F9) and 不予受理 (F10) before anything is captured, then 受理 (F8).
    // The reader still holds 张测试's card: F2 reads it again (once the screen listens for it).
    await expect(async () => {
      await page.keyboard.press('F2');
      await expect(page.getByTestId('person-name')).toHaveValue('张测试', { timeout: 2000 });
    }).toPass();
    await intake.pickMatter('YB-JMYBCB', 'YB-JMYBCB-001');
    await page.getByTestId('person-phone').fill('13805331234');
    await intake.selectOption('form-category', '成年居民');
    await intake.expectSaved();
    await page.keyboard.press('F9');
    await check(page, modal(page), `${lang}-supplement`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F10');
    await check(page, modal(page), `${lang}-reject`);
    await page.keyboard.press('Escape');
    await intake.selectItem('id-card');
    await intake.importFiles([{ name: 'id.png', mimeType: 'image/png', buffer: makePng(320, 200, 4) }]);
    await page.getByTestId('item-original-id-card').check();
    await expect(page.getByTestId('readiness')).toContainText(lang === 'zh' ? '可以受理' : 'ready to accept');
    await intake.expectSaved();
    await page.keyboard.press('F8');
    await check(page, modal(page), `${lang}-accept`);
    await page.keyboard.press('F8');
    await expect(page.getByTestId('result-number')).toBeVisible();
    await check(page, modal(page), `${lang}-result`);
    await page.keyboard.press('Control+p');
    await expect(page.getByTestId('print-preview')).toBeVisible({ timeout: 20_000 });
    await check(
      page,
      page.locator('.ant-modal-wrap:visible .ant-modal').filter({ has: page.getByTestId('print-preview') }),
      `${lang}-print`,
    );
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+?');
    await check(page, page.getByTestId('shortcuts-help'), `${lang}-shortcuts`);
    await page.keyboard.press('Escape');

    // The administrator's: a new member of staff, a password reset, disabling someone.
    await ws.signOut();
    await ws.signIn(admin.username, admin.password);
    await ws.open('staff');
    await page.getByTestId('staff-create').click();
    await check(page, modal(page), `${lang}-staff-create`);
    await modal(page).locator('.ant-modal-close').click();
    await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
    const row = page.getByTestId('staff-table').locator('tr', { hasText: clerk.username });
    await row.getByRole('button', { name: lang === 'zh' ? '重置密码' : 'Reset password' }).click();
    await check(page, modal(page), `${lang}-staff-reset`);
    await modal(page).locator('.ant-modal-close').click();
    await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
    await row.getByRole('button', { name: lang === 'zh' ? /^停\s?用$/ : 'Disable' }).click();
    await check(page, page.locator('.ant-popover:visible'), `${lang}-staff-disable`);
    await page.keyboard.press('Escape');
    await ws.signOut();
    if (lang === 'zh') {
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    await ws.signIn(clerk.username, clerkPassword);
    await expect(page.getByTestId('intake')).toBeVisible();
  }
});
