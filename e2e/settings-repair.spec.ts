import { openHostDatabase } from './support/database';
import { WorkstationPage } from './pages/workstation';
import { expectNoSeriousAxeViolations } from './support/axe';
import { expect, screenshot, test } from './support/fixtures';

const admin = { username: 'admin', displayName: '王主任', password: 'Admin#2026x' };
const clerk = { username: 'zhangsan', displayName: '张三', password: 'Clerk#2026a' };
const clerkOwnPassword = 'Clerk#2026b';

/** Edits the stored window settings as a broken disk or a hand edit would, behind the app's back. */
async function breakStoredSettings(dataDir: string, change: (stored: Record<string, unknown>) => void): Promise<void> {
  const db = await openHostDatabase(dataDir);
  try {
    db.pragma('busy_timeout = 5000');
    const row = db.prepare("select value from settings where key = 'workstation'").get() as { value: string };
    const stored = JSON.parse(row.value) as Record<string, unknown>;
    change(stored);
    db.prepare("update settings set value = ? where key = 'workstation'").run(JSON.stringify(stored));
  } finally {
    db.close();
  }
}

async function storedSettings(dataDir: string): Promise<Record<string, unknown>> {
  const db = await openHostDatabase(dataDir);
  try {
    const row = db.prepare("select value from settings where key = 'workstation'").get() as { value: string };
    return JSON.parse(row.value) as Record<string, unknown>;
  } finally {
    db.close();
  }
}

test('a broken window number stops the workstation with the reason; the administrator repairs it', async ({
  page,
  host,
}) => {
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await ws.firstRun(admin, { windowNumber: 3 });
  await ws.createStaff(clerk, '窗口受理员', 3);
  await ws.signOut();

  // The stored window number goes bad: it must not quietly become window 1.
  await breakStoredSettings(host.dataDir, (stored) => {
    stored.windowNumber = 0;
  });
  await page.reload();
  const repair = page.getByTestId('settings-repair');
  await expect(repair).toBeVisible();
  await expect(page.getByText('窗口设置有误：暂停受理')).toBeVisible();
  await expect(page.getByTestId('settings-problem-windowNumber')).toHaveText('窗口号「0」无效：窗口号为 1–999');
  await expect(page.getByTestId('sign-in-username')).toBeFocused();
  await screenshot(page, 'settings-repair');
  await expectNoSeriousAxeViolations(page);

  // A clerk sees the reason and 请联系管理员, and no way into intake.
  await ws.signIn(clerk.username, clerk.password);
  await ws.changePassword(clerk.password, clerkOwnPassword);
  await expect(page.getByTestId('repair-contact-admin')).toContainText('请联系管理员修复窗口设置');
  await expect(page.getByTestId('repair-user')).toContainText('张三（窗口受理员）');
  await expect(page.getByTestId('intake')).toHaveCount(0);
  await expect(page.getByTestId('repair-save')).toHaveCount(0);
  await screenshot(page, 'settings-repair-clerk');
  await expectNoSeriousAxeViolations(page);
  await ws.signOut();

  // The administrator signs in on the same screen and fixes it from the keyboard: the broken
  // number starts empty and focused (no guess), district and hall keep what was stored.
  await ws.signIn(admin.username, admin.password);
  const windowNumber = page.getByRole('spinbutton', { name: '窗口号' });
  await expect(windowNumber).toBeFocused();
  await expect(windowNumber).toHaveValue('');
  await expect(page.getByRole('textbox', { name: '区划代码' })).toHaveValue('370303');
  await expect(page.getByRole('textbox', { name: '大厅名称' })).toHaveValue('张店区市民中心');
  await screenshot(page, 'settings-repair-admin');
  await expectNoSeriousAxeViolations(page);
  await page.keyboard.type('3');
  await page.keyboard.press('Enter');

  await expect(page.getByTestId('workbench')).toBeVisible();
  await expect(repair).toHaveCount(0);
  await expect(page.getByTestId('status-window')).toContainText('张店区市民中心 · 3 号窗口');
  expect(await storedSettings(host.dataDir)).toMatchObject({ districtCode: '370303', windowNumber: 3 });

  // English second: the same screen in the other language.
  await breakStoredSettings(host.dataDir, (stored) => {
    delete stored.hallName;
  });
  await page.reload();
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByText('Window settings are broken: intake paused')).toBeVisible();
  await expect(page.getByTestId('settings-problem-hallName')).toHaveText('Hall name: not set');
  await screenshot(page, 'settings-repair-en');
});
