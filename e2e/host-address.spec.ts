import { WorkstationPage } from './pages/workstation';
import { expect, screenshot, test } from './support/fixtures';

const admin = { username: 'admin', displayName: '王主任', password: 'Admin#2026x' };

test('the host token leaves the address bar at load, and a reload (F5) still connects', async ({ page, host }) => {
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await expect(page.getByText('首次使用：初始化工作台')).toBeVisible();
  expect(page.url()).not.toContain(host.token);
  expect(page.url()).not.toContain('token');
  await ws.firstRun(admin, { windowNumber: 3 });

  // F5: the address has no token any more; the tab kept it, so the screen connects and asks who it is.
  await page.reload();
  await expect(page.getByTestId('sign-in-submit')).toBeVisible();
  await ws.signIn(admin.username, admin.password);
  await expect(page.getByTestId('status-connection')).toContainText('已连接');
  expect(page.url()).not.toContain(host.token);

  // Another tab with the bare address has no token: the host does not let it in.
  const other = await page.context().newPage();
  await other.goto(host.origin);
  await expect(other.getByTestId('sign-in-submit')).toHaveCount(0);
  await other.close();
});

test('enrolment refuses plain http to another machine, in Chinese, before asking central', async ({ page, host }) => {
  const ws = new WorkstationPage(page);
  await page.goto(host.url);
  await ws.firstRun(admin, { windowNumber: 3 });
  await ws.open('settings');
  await page.getByTestId('central-url').fill('http://example.com');
  await page.getByTestId('central-code').fill('ABCD-EFGH-JKMN');
  await page.getByTestId('central-enrol').click();
  await expect(page.locator('.ant-form-item-explain-error')).toHaveText(
    '中心地址须使用 https://：只有本机地址（127.0.0.1、localhost、::1）可以用 http://，请改为 https:// 开头的地址',
  );
  await expect(page.getByTestId('central-not-enrolled')).toBeVisible();
  await screenshot(page, 'enrol-http-refused');
});
