import type { Locator, Page } from '@playwright/test';
import { admin, IntakePage } from './pages/intake';
import { startHost, type RunningHost } from './support/host';
import { expect, screenshot, test as base } from './support/fixtures';

/**
 * Hall time end to end, on a PC set to UTC: the host process runs with TZ=UTC and the browser in
 * UTC, at a moment when the two calendars disagree. 07:30 on 7 December in the hall (Beijing) is
 * still 23:30 on 6 December in UTC. Every date and time a person reads must be the hall's: the
 * report's default day, the case list, the case page's timeline, the report's hours; and a date
 * range typed into a range picker is the range used.
 */
const hallMorning = '2026-12-06T23:30:00.000Z';
const hallDay = '2026-12-07';
const utcDay = '2026-12-06';
/** A time shortly after 07:30 on the hall's day (the clock runs on while the test works). */
const hallMorningTime = /2026-12-07 07:[3-5]\d/;

const test = base.extend<{ host: RunningHost }>({
  // The host on a clock that starts at the hall's morning (`--clock-start`, e2e only), in UTC.
  host: async ({}, use) => {
    const host = await startHost(['--simulate-devices', '--clock-start', hallMorning], {
      env: { TZ: 'UTC', YICHUANG_E2E: '1' },
    });
    await use(host);
    await host.stop();
  },
});

// The browser's zone is the PC's too (the config's Asia/Shanghai would hide the bug).
test.use({ timezoneId: 'UTC' });

/** The two fields of an antd range picker (its data-testid lands on both inputs). */
function rangeFields(page: Page, testId: string): [Locator, Locator] {
  const fields = page.locator(`input[data-testid="${testId}"]`);
  return [fields.nth(0), fields.nth(1)];
}

/** Types both ends with the keyboard, Enter after each. */
async function typeRange(page: Page, testId: string, from: string, to: string): Promise<void> {
  const [start, end] = rangeFields(page, testId);
  await start.click();
  await start.fill(from);
  await start.press('Enter');
  await expect(end).toBeFocused();
  await end.fill(to);
  await end.press('Enter');
}

/** Changes only the end with the keyboard, then leaves the picker with a click elsewhere. */
async function typeEndAndLeave(page: Page, testId: string, to: string, elsewhere: Locator): Promise<void> {
  const [, end] = rangeFields(page, testId);
  await end.click();
  await end.fill(to);
  await elsewhere.click();
  await expect(page.locator('.ant-picker-dropdown:visible')).toHaveCount(0);
}

test('on a PC set to UTC, the report, the case list and the case page read hall time', async ({ page, host }) => {
  test.setTimeout(180_000);
  // The browser's clock at the same instant as the host's, so only the zones differ.
  await page.clock.install({ time: new Date(hallMorning) });
  const intake = new IntakePage(page);
  await intake.setUpClerk(host.url, host.dataDir);
  await expect(page.getByTestId('status-clock')).toHaveText(/^2026-12-07 07:[3-5]\d:\d\d$/);

  // A case accepted at 07:3x on the hall's day: its number carries the hall's date.
  const caseNumber = await intake.acceptMedicalInsuranceCase();
  expect(caseNumber).toBe('370303-20261207-003-0001');
  await page.keyboard.press('Enter');

  // 办件: the time is the hall's, and the range is of hall days.
  await intake.ws.open('cases');
  const row = page.getByTestId(`case-row-${caseNumber}`);
  await expect(row).toContainText(hallMorningTime);
  // The case was started on the hall's 7th, which is UTC's 6th: a range of the 6th has none…
  await typeRange(page, 'case-range', utcDay, utcDay);
  await expect(page.getByTestId('case-list-empty')).toBeVisible();
  // …and the range takes the end typed and left with a click (not only Enter on both ends).
  await typeEndAndLeave(page, 'case-range', hallDay, page.getByTestId('case-search'));
  await expect(rangeFields(page, 'case-range')[1]).toHaveValue(hallDay);
  await expect(row).toContainText(hallMorningTime);
  await screenshot(page, 'hall-time-cases');

  // The case page: the decision and every timeline entry at the hall's time.
  await row.click();
  await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
  await expect(page.getByTestId('case-decision-1')).toContainText(hallMorningTime);
  const entries = page.getByTestId('case-timeline').locator('.case-timeline-entry');
  await expect(entries.first()).toBeVisible();
  for (const entry of await entries.all()) await expect(entry).toContainText(hallMorningTime);
  await page.getByTestId('case-timeline').scrollIntoViewIfNeeded();
  await screenshot(page, 'hall-time-case-page');

  // The report: today is the hall's day by default, and its hours are the hall's.
  await intake.ws.signOut();
  await intake.ws.signIn(admin.username, admin.password);
  await intake.ws.open('reports');
  const [from, to] = rangeFields(page, 'report-range');
  await expect(from).toHaveValue(hallDay);
  await expect(to).toHaveValue(hallDay);
  await expect(page.getByTestId('report-period')).toHaveText(`统计日期 ${hallDay}`);
  await expect(page.getByTestId('report-as-of')).toContainText(hallMorningTime);
  await expect(page.getByTestId('report-accepted')).toContainText('1');
  // The hours axis: 7 (the case's hour on the hall's clock), then the opening hours 8 … 18.
  const hours = page.getByTestId('chart-by-hour').locator('text[fill="#555"]');
  await expect(hours.first()).toHaveText('7');
  await expect(hours).toHaveCount(12);
  // The calendar marks the hall's today, not the PC's.
  await from.click();
  await expect(page.locator('.ant-picker-dropdown:visible .ant-picker-cell-today')).toHaveAttribute('title', hallDay);
  await page.keyboard.press('Escape');
  await screenshot(page, 'hall-time-report');

  // A range typed with the keyboard is the range counted: UTC's 6th has no case…
  await typeRange(page, 'report-range', utcDay, utcDay);
  await expect(page.getByTestId('report-period')).toHaveText(`统计日期 ${utcDay}`);
  await expect(page.getByTestId('report-accepted')).toContainText('0');
  // …the 6th to the 7th has it, the end typed and left with a click.
  await typeEndAndLeave(page, 'report-range', hallDay, page.getByRole('heading', { name: '业务报表' }));
  await expect(to).toHaveValue(hallDay);
  await expect(page.getByTestId('report-period')).toHaveText(`统计期间 ${utcDay} 至 ${hallDay}`);
  await expect(page.getByTestId('report-accepted')).toContainText('1');
  await screenshot(page, 'hall-time-report-range');
});
