import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { admin, clerk, IntakePage } from './pages/intake';
import { expectNoSeriousAxeViolations, type PendingAxeFinding } from './support/axe';
import { pendingIntakeEnterprise, pendingIntakeIndividual } from './support/axe-pending';
import { expect, test } from './support/fixtures';

/**
 * Every screen of the workstation, in zh-CN and in English: no critical or serious axe violation at
 * 1366×768, and nothing cut off at 1366×768 nor at 1920×1080 shown at 125 % (1536×864 CSS pixels at
 * a device scale of 1.25). Each is photographed at both sizes into test-results/screens/a11y-*.png.
 */

test.use({ hostArgs: ['--simulate-devices'] });

const shots = join('test-results', 'screens');
const clerkPassword = 'Clerk#2026b';

/** The little of the browser's DOM the page.evaluate callbacks below use (e2e code has no DOM types). */
interface DomElement {
  tagName: string;
  id: string;
  classList: Iterable<string> & { contains(name: string): boolean };
  clientWidth: number;
  scrollWidth: number;
  clientHeight: number;
  scrollHeight: number;
  textContent: string | null;
  matches(selector: string): boolean;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
declare const document: {
  querySelectorAll(selector: string): Iterable<DomElement>;
  getElementById(id: string): unknown;
  createElement(tag: 'style'): { id: string; textContent: string };
  head: { append(node: unknown): void };
};
declare const window: { innerWidth: number; devicePixelRatio: number };
declare function getComputedStyle(element: DomElement): { overflowX: string; textOverflow: string };

/** Elements that cut off their content sideways (or spill out of the screen), as `selector: scroll > client`. */
async function clippedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const name = (el: DomElement) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${[...el.classList]
        .slice(0, 3)
        .map((c) => `.${c}`)
        .join('')}`;
    const found: string[] = [];
    for (const root of document.querySelectorAll('.shell-content, .status-bar, .shell-header, .lock-card')) {
      for (const el of [root, ...root.querySelectorAll('*')]) {
        if (el.clientWidth === 0) continue;
        const style = getComputedStyle(el);
        // A scroller scrolls on purpose (a wide table); the roots and everything that hides its overflow must fit.
        const hides = style.overflowX === 'hidden' || style.overflowX === 'clip';
        // An input scrolls its own text; a switch's inner track and an ellipsis cut on purpose.
        if (el.matches('input, textarea, .ant-switch-inner, .visually-hidden') || style.textOverflow === 'ellipsis')
          continue;
        if ((el === root || hides) && el.scrollWidth > el.clientWidth + 1)
          found.push(`${name(el)}: ${el.scrollWidth} > ${el.clientWidth} "${(el.textContent ?? '').slice(0, 40)}"`);
      }
      // The status bar is one line: wrapping pushes its text below the bar.
      if (root.classList.contains('status-bar') && root.scrollHeight > root.clientHeight + 1)
        found.push(`status bar wraps: ${root.scrollHeight} > ${root.clientHeight}`);
    }
    return found;
  });
}

/**
 * axe at 1366×768 and a photograph; then 1536×864 at a device scale of 1.25 (Chromium's own device
 * metrics, so the page stays the same), a photograph, and at both sizes nothing cut off.
 */
async function check(page: Page, name: string, pending: readonly PendingAxeFinding[] = []): Promise<void> {
  await page.waitForLoadState('networkidle');
  // axe reads colours as they are, not halfway through a hover or enable transition.
  await page.evaluate(() => {
    if (document.getElementById('e2e-no-transitions')) return;
    const style = document.createElement('style');
    style.id = 'e2e-no-transitions';
    style.textContent = '*, *::before, *::after { transition: none !important; }';
    document.head.append(style);
  });
  // One level-one heading: the screen's name (hidden from nothing but the eye).
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expectNoSeriousAxeViolations(page, pending);
  await page.screenshot({ path: join(shots, `a11y-${name}-1366.png`), animations: 'disabled' });
  expect(await clippedElements(page), `${name} at 1366×768`).toEqual([]);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', {
    width: 1536,
    height: 864,
    deviceScaleFactor: 1.25,
    mobile: false,
  });
  try {
    await page.waitForFunction(() => window.innerWidth === 1536 && window.devicePixelRatio === 1.25);
    // Chromium's own capture: Playwright's would put its 1366×768 viewport back first.
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png' });
    writeFileSync(join(shots, `a11y-${name}-1536@1.25.png`), Buffer.from(data, 'base64'));
    expect(await clippedElements(page), `${name} at 1536×864@1.25`).toEqual([]);
  } finally {
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
    await page.setViewportSize({ width: 1366, height: 768 });
  }
}

const testIds = {
  staff: 'staff-table',
  audit: 'audit',
  settings: 'settings',
  devices: 'devices',
  reports: 'report-screen',
  sync: 'sync-screen',
  // Not enrolled at a central here: the board says so (e2e/hall-board.spec.ts has it enrolled).
  hall: 'hall-not-enrolled',
} as const;

test('every workstation screen passes axe and fits at 1366×768 and 1920×1080 at 125 %, in zh-CN and English', async ({
  page,
  host,
}) => {
  test.setTimeout(240_000);
  mkdirSync(shots, { recursive: true });
  const intake = new IntakePage(page);
  const ws = intake.ws;
  await intake.setUpClerk(host.url, host.dataDir);
  // A case for the list, the case page and the report.
  const caseNumber = await intake.acceptMedicalInsuranceCase();
  await page.keyboard.press('Escape');

  for (const lang of ['zh', 'en'] as const) {
    const en = lang === 'en';
    // The clerk: the two intakes, the case list, a case, the lock.
    await page.getByTestId('new-case').click();
    await intake.pickMatter('gsbg', 'SJ-GSBGDJ-003');
    await page.getByTestId('has-agent').check();
    await check(page, `${lang}-intake-enterprise`, pendingIntakeEnterprise);
    await page.getByTestId('discard').click();
    await page.getByTestId('confirm-discard').click();
    await expect(page.getByTestId('intake-start')).toBeVisible();

    // The reader still holds 张测试's card (from the accepted case): F2 reads it again.
    await page.keyboard.press('F2');
    await intake.pickMatter('YB-JMYBCB', 'YB-JMYBCB-001');
    await intake.selectItem('id-card');
    await check(page, `${lang}-intake-individual`, pendingIntakeIndividual);
    await page.getByTestId('discard').click();
    await page.getByTestId('confirm-discard').click();

    await ws.open('cases');
    await expect(page.getByTestId('case-list')).toBeVisible();
    await check(page, `${lang}-case-list`);
    await page.getByTestId('case-list').getByText(caseNumber).click();
    await expect(page.getByTestId('case-page')).toBeVisible();
    await check(page, `${lang}-case-page`);
    // An item the case does not need is fine: its marks are grey, not red.
    await expect(page.locator('[data-status="not_applicable"]').first()).toBeVisible();
    await expect(page.locator('[data-status="not_applicable"] .case-no')).toHaveCount(0);

    await page.keyboard.press('Control+l');
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await check(page, `${lang}-lock`);
    await page.getByTestId('unlock-password').fill(clerkPassword);
    await page.getByTestId('unlock-submit').click();
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);

    await ws.signOut();
    await check(page, `${lang}-sign-in`);

    // The administrator: home and every other screen.
    await ws.signIn(admin.username, admin.password);
    await expect(page.getByTestId('workbench')).toBeVisible();
    await check(page, `${lang}-home`);
    for (const screen of ['staff', 'audit', 'settings', 'devices', 'reports', 'sync', 'hall'] as const) {
      await ws.open(screen);
      await expect(page.getByTestId(testIds[screen])).toBeVisible();
      await check(page, `${lang}-${screen}`);
      if (screen === 'devices' && en) {
        // The simulator's devices are named in English, not in Chinese.
        await expect(page.getByTestId('device-table')).toContainText('Simulated ID-card reader');
        await expect(page.getByTestId('device-table')).not.toContainText('模拟');
      }
    }
    await ws.signOut();
    if (!en) {
      await page.getByRole('button', { name: 'English' }).click();
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
    await ws.signIn(clerk.username, clerkPassword);
    await expect(page.getByTestId('intake')).toBeVisible();
  }
});
