import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkstationPage } from './pages/workstation';
import { expectNoSeriousAxeViolations } from './support/axe';
import { expect, screenshot, test } from './support/fixtures';
import { recoverDataKey } from '../main/security/data-key';
import { passphraseProtector } from '../main/security/protectors';

/** The file's text, or '' if it is gone. */
function readIfThere(path: string): string {
  try {
    return readFileSync(path, 'latin1');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
}

const admin = { username: 'admin', displayName: '王主任', password: 'Admin#2026x' };

test('the first start shows the recovery key once; settings make a new one, and the old sheet stops working', async ({
  page,
  host,
}) => {
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await expect(page.getByText('首次使用：初始化工作台')).toBeVisible();
  await page.getByTestId('setup-username').fill(admin.username);
  await page.getByTestId('setup-display-name').fill(admin.displayName);
  await page.getByTestId('password-input').fill(admin.password);
  await page.getByTestId('password-confirm-input').fill(admin.password);
  await page.getByTestId('window-number').fill('5');
  await page.getByTestId('setup-submit').click();

  // The recovery key, before anything else; its sheet in the preview. Setting up makes the data key,
  // wraps it and hashes the password: on a loaded CI machine that took over 5 s once.
  await expect(page.getByTestId('recovery-key')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('recovery-done')).toBeDisabled();
  await expectNoSeriousAxeViolations(page);
  await page.getByTestId('recovery-preview').click();
  await expect(page.getByTestId('recovery-sheet')).toBeVisible();
  await screenshot(page, 'recovery-key-first-start');
  const first = await ws.sealRecoverySheet();
  expect(first).toMatch(/^[0-9A-Z]{32}$/);
  await expect(page.getByTestId('workbench')).toBeVisible();

  // Signing in again does not show it: the workstation forgot it.
  await ws.signOut();
  await ws.signIn(admin.username, admin.password);
  await expect(page.getByTestId('workbench')).toBeVisible();
  await expect(page.getByTestId('recovery-key')).toHaveCount(0);

  // Settings → 数据安全: what keeps the key, and a new sheet.
  await ws.open('settings');
  const section = page.getByTestId('data-protection');
  await expect(section).toContainText('本机数据已加密保存');
  await expect(section).toContainText('管理员口令');
  // What the next 30 days purge (nothing on a new workstation), and the rule.
  await expect(page.getByTestId('retention')).toContainText('天后从本机清理');
  await expect(page.getByTestId('retention')).toContainText('未来 30 天没有到期需要清理的办件');
  await expect(page.getByTestId('settings-retention')).toHaveValue('180');
  await page.getByTestId('retention').scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-data-protection');
  await page.getByTestId('recovery-renew').click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  const second = await ws.sealRecoverySheet();
  expect(second).not.toBe(first);

  // The data folder holds neither code, and only the new one opens the key.
  for (const name of readdirSync(host.dataDir)) {
    if (!name.endsWith('.json') && name !== 'recovery-pending') continue;
    // recovery-pending goes away once the sheet is sealed, maybe between the listing and the read.
    const text = readIfThere(join(host.dataDir, name));
    expect(text).not.toContain(first.slice(0, 8));
    expect(text).not.toContain(second.slice(0, 8));
  }
  const protectors = [passphraseProtector('another passphrase 1')];
  await expect(recoverDataKey({ dataDir: host.dataDir, recoveryCode: first, protectors })).rejects.toThrow(
    /恢复密钥不对/,
  );
  expect(await recoverDataKey({ dataDir: host.dataDir, recoveryCode: second, protectors })).toHaveLength(32);
});
