import { expect, type Browser, type Page } from '@playwright/test';

export interface Account {
  username: string;
  displayName: string;
  password: string;
}

/** Page model of the workstation shell and its pre-sign-in screens. */
export class WorkstationPage {
  constructor(readonly page: Page) {}

  async firstRun(admin: Account, window: { windowNumber: number }): Promise<void> {
    const p = this.page;
    await expect(p.getByText('首次使用：初始化工作台')).toBeVisible();
    await p.getByTestId('setup-username').fill(admin.username);
    await p.getByTestId('setup-display-name').fill(admin.displayName);
    await p.getByTestId('password-input').fill(admin.password);
    await p.getByTestId('password-confirm-input').fill(admin.password);
    await p.getByTestId('window-number').fill(String(window.windowNumber));
    await p.getByTestId('setup-submit').click();
    await this.sealRecoverySheet();
    await expect(p.getByTestId('workbench')).toBeVisible();
  }

  /** After the first start the administrator sees the recovery key once: printed and sealed, the work goes on. */
  async sealRecoverySheet(): Promise<string> {
    const p = this.page;
    await expect(p.getByTestId('recovery-key')).toBeVisible();
    const code = (await p.getByTestId('recovery-code').innerText()).replace(/\s+/g, '');
    // The panel may still be settling (a confirm dialog closing over it): click the box until the
    // button it unlocks is enabled, never twice for one click that took (that would untick it).
    const done = p.getByTestId('recovery-done');
    await expect(async () => {
      if (!(await done.isEnabled())) await p.getByTestId('recovery-sealed').click();
      await expect(done).toBeEnabled({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await done.click();
    return code;
  }

  async signIn(username: string, password: string): Promise<void> {
    const p = this.page;
    await p.getByTestId('sign-in-username').fill(username);
    await p.getByTestId('sign-in-password').fill(password);
    await p.getByTestId('sign-in-submit').click();
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('sign-out').click();
    await expect(this.page.getByTestId('sign-in-submit')).toBeVisible();
  }

  async open(
    screen: 'workbench' | 'hall' | 'staff' | 'audit' | 'settings' | 'cases' | 'devices' | 'reports' | 'sync',
  ): Promise<void> {
    // The menu item, not its label: on the intake screen the menu is collapsed to icons.
    await this.page.locator('li[role="menuitem"]', { has: this.page.getByTestId(`nav-${screen}`) }).click();
  }

  /**
   * Puts a card on the simulated reader (the devices screen open). The pick is checked before 放置:
   * a click that lands while the dropdown is still sliding open (its list scrolls to the current
   * choice) can pick nothing, and 放置 would then place what the reader already holds.
   */
  async placeCard(label: string): Promise<void> {
    const p = this.page;
    const holds = p.getByTestId('sim-holds');
    await expect(async () => {
      if (!(await p.locator('.ant-select-dropdown:visible').count())) await holds.click();
      await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).click();
      await expect(holds).toContainText(label, { timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await p.getByTestId('sim-place').click();
  }

  async createStaff(account: Account, role: string, windowNumber: number): Promise<void> {
    const p = this.page;
    await this.open('staff');
    await p.getByTestId('staff-create').click();
    await p.getByTestId('staff-username').fill(account.username);
    await p.getByTestId('staff-display-name').fill(account.displayName);
    await p.getByTestId('staff-role').click();
    await p.locator('.ant-select-item-option').filter({ hasText: role }).click();
    await p.getByTestId('staff-window').fill(String(windowNumber));
    await p.getByTestId('staff-password').fill(account.password);
    await p.getByTestId('staff-save').click();
    await expect(p.getByTestId('staff-table').getByText(account.username, { exact: true })).toBeVisible();
    await expect(p.locator('.ant-modal-wrap:visible')).toHaveCount(0);
  }

  async changePassword(current: string, next: string): Promise<void> {
    const p = this.page;
    await p.getByTestId('current-password-input').fill(current);
    await p.getByTestId('newPassword-input').fill(next);
    await p.getByTestId('newPassword-confirm-input').fill(next);
    await p.getByTestId('change-password-submit').click();
  }
}

/**
 * The simulated devices' other side: an administrator's page on 设备 in its own browser context,
 * where a card is put on the simulated reader or the simulated printer is unplugged.
 */
export async function adminDevicesPage(
  browser: Browser,
  url: string,
  admin: Account,
  viewport = { width: 1366, height: 768 },
): Promise<Page> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(url);
  const ws = new WorkstationPage(page);
  await ws.signIn(admin.username, admin.password);
  await ws.open('devices');
  await expect(page.getByTestId('sim-holds')).toBeVisible();
  return page;
}
