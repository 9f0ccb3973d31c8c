import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { apiPrefix, type CasePut } from '@yichuang/domain/protocol';
import { buildTrail, testSigner } from '@yichuang/domain/testing/audit-trail';
import { messages, type Lang } from '../central/approver/i18n';
import { queueTabs } from '../central/approver/pages/queue';
import { casePut, testFile } from '../central/testing/central';
import { expectNoSeriousAxeViolations } from './support/axe';
import { centralAdmin, signInAtCentral, startCentralServer, type RunningCentralServer } from './support/central';

/**
 * Central's pages as their readers see them: every page (sign-in, each queue tab, a case, admin,
 * people, one person, the trail) has no critical or serious axe violation, in zh-CN and in English
 * (chosen by the browser's locale, or by the page's 中文 / English switch), and is photographed at
 * the two hall screen sizes for a person to look at. Then the people
 * page does its work: add an approver with a department, who signs in; disable them (they cannot
 * sign in, their session ends); reset their password.
 */

const shots = join('test-results', 'central-pages');
const sizes = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

let central: RunningCentralServer;
test.beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  central = await startCentralServer();
});
test.afterAll(async () => {
  await central?.dispose();
});

/** A page of its own (its own cookies), as a reader in the hall sees it (axe wants a context per page). */
async function newPage(browser: Browser, locale = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ locale, timezoneId: 'Asia/Shanghai', viewport: sizes[0] });
  return context.newPage();
}

// Just what the clipping check reads of the page (the e2e project has no DOM types).
interface DomElement {
  tagName: string;
  clientWidth: number;
  scrollWidth: number;
  textContent: string | null;
}
declare const document: {
  documentElement: DomElement;
  querySelectorAll(selector: string): Iterable<DomElement>;
};
declare const window: { innerWidth: number };
declare function getComputedStyle(element: DomElement): { display: string; overflowX: string };

/** Nothing sticks out of its box: no heading, cell, label, button or link wider than itself, no page wider than the window. */
async function expectNoClipping(page: Page, where: string): Promise<void> {
  const clipped = await page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) found.push('the page scrolls sideways');
    for (const el of document.querySelectorAll('h1, h2, h3, th, td, label, button, .badge, .count, .top, .tabs, dd')) {
      const style = getComputedStyle(el);
      if (el.clientWidth === 0 || style.overflowX === 'auto' || style.overflowX === 'scroll') continue;
      if (el.scrollWidth > el.clientWidth + 1) {
        found.push(
          `${el.tagName.toLowerCase()} ${el.scrollWidth} > ${el.clientWidth}: ${(el.textContent ?? '').trim().slice(0, 40)}`,
        );
      }
    }
    return found;
  });
  expect(clipped, where).toEqual([]);
}

/** axe on the page as it is, in its language, then a check for clipping and a screenshot at each size. */
async function check(page: Page, name: string, lang: Lang = 'zh-CN'): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expectNoSeriousAxeViolations(page);
  for (const size of sizes) {
    await page.setViewportSize(size);
    await expectNoClipping(page, `${name} at ${size.width}`);
    await page.screenshot({ path: join(shots, `${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(sizes[0]);
}

/** A case of a real matter of the shipped catalog (its form fields have labels). */
function residenceCase(files: Parameters<typeof casePut>[0], name: string): CasePut {
  const body = casePut(files, { matter: { code: 'GA-JZZSL-001', name: '居住证申领', department: '公安分局' } });
  body.draft.matterCode = 'GA-JZZSL-001';
  body.draft.person.name = name;
  body.draft.form = { residenceAddress: '张店区人民西路 1 号', residenceSince: '2026-05-01', basis: '合法稳定就业' };
  return body;
}

/** A window enrolled with a code from the admin page, sending two cases: one complete, one still missing its scan. */
async function sendCases(page: Page, request: APIRequestContext): Promise<{ ready: CasePut; receiving: CasePut }> {
  await page.goto(`${central.url}/approver/admin`);
  await page.locator('#note').fill('张店区市民中心 3 号窗口');
  await page.getByRole('button', { name: '生成一次性注册码' }).click();
  const code = (await page.locator('.code').textContent())!.trim();
  const signer = testSigner();
  const enrolled = await request.post(`${central.url}${apiPrefix}/enrol`, {
    data: {
      code,
      districtCode: '370303',
      windowNumber: 3,
      hallName: '张店区市民中心',
      hostname: 'ws3',
      auditKey: signer.publicKey,
    },
  });
  expect(enrolled.status()).toBe(200);
  const { credential, workstationId } = (await enrolled.json()) as { credential: string; workstationId: string };
  // Its audit trail, reported twice; then the first report again (a replay): refused, an alert on 管理.
  const trail = buildTrail(4);
  for (const part of [trail.slice(0, 2), trail.slice(2), trail.slice(0, 2)]) {
    const reported = await request.post(`${central.url}${apiPrefix}/audit/entries`, {
      headers: { authorization: `Bearer ${credential}` },
      data: signer.batch(workstationId, part),
    });
    expect(reported.status()).toBe(200);
  }
  const ready = residenceCase([], '张三');
  const receiving = residenceCase([testFile(2048)], '王五');
  for (const body of [ready, receiving]) {
    const sent = await request.put(`${central.url}${apiPrefix}/cases/${body.id}`, {
      headers: { authorization: `Bearer ${credential}` },
      data: body,
    });
    expect(sent.status()).toBe(201);
  }
  return { ready, receiving };
}

/** Adds a person on the people page; the password central made (shown once), or the one typed. */
async function addPerson(
  page: Page,
  person: { username: string; name: string; department: string; password?: string },
): Promise<string> {
  await page.goto(`${central.url}/approver/people`);
  await page.getByLabel('用户名').fill(person.username);
  await page.getByLabel('姓名').fill(person.name);
  await page.getByLabel('部门').fill(person.department);
  await page.getByLabel('初始密码').fill(person.password ?? '');
  await page.getByRole('button', { name: '添加' }).click();
  await expect(page.getByRole('status').first()).toContainText('已添加');
  return person.password ?? (await page.locator('.code').textContent())!.trim();
}

test('every central page passes axe and is photographed at 1366×768 and 1920×1080', async ({ browser, request }) => {
  test.setTimeout(360_000);
  const admin = await newPage(browser);
  await admin.goto(`${central.url}/approver`);
  await expect(admin.getByRole('heading', { name: '审批人登录' })).toBeVisible();
  await check(admin, 'sign-in');

  // A refused sign-in keeps the name and says why.
  await signInAtCentral(admin, centralAdmin.username, 'wrong-password');
  await expect(admin.getByRole('alert')).toContainText('用户名或密码错误');
  await check(admin, 'sign-in-refused');
  await signInAtCentral(admin, centralAdmin.username, centralAdmin.password);
  await expect(admin.getByRole('navigation', { name: '主导航' })).toBeVisible();

  const { ready } = await sendCases(admin, request);
  const password = await addPerson(admin, { username: 'li', name: '李审批', department: '公安分局' });
  await check(admin, 'person-added');

  const approver = await newPage(browser);
  await approver.goto(`${central.url}/approver`);
  await signInAtCentral(approver, 'li', password);
  await expect(approver.getByText('李审批')).toBeVisible();
  await check(approver, 'queue-submitted');
  // Opening the case starts the review; it moves to 审查中 with who and since when.
  await approver.getByRole('link', { name: ready.number }).click();
  await expect(approver.getByRole('heading', { name: ready.number })).toBeVisible();
  await check(approver, 'case');
  await approver.goto(`${central.url}/approver?tab=in_review`);
  await expect(approver.locator('tbody')).toContainText('李审批');
  await expect(approver.locator('tbody')).toContainText(/自 \d{4}-\d\d-\d\d \d\d:\d\d/);
  await check(approver, 'queue-in_review');
  // Every other tab of the queue.
  for (const { key: tab } of queueTabs.filter((t) => t.key !== 'submitted' && t.key !== 'in_review')) {
    await approver.goto(`${central.url}/approver?tab=${tab}`);
    await check(approver, `queue-${tab}`);
  }
  // No page reloads itself: the queue has a link to refresh it.
  await expect(approver.locator('meta[http-equiv="refresh" i]')).toHaveCount(0);
  await expect(approver.getByRole('link', { name: '刷新列表' })).toBeVisible();

  await admin.goto(`${central.url}/approver/admin`);
  await expect(admin.locator('main')).toContainText('旧的报送被重放或记录被截短');
  await check(admin, 'admin');
  await admin.goto(`${central.url}/approver/people`);
  await check(admin, 'people');
  await admin.getByRole('link', { name: '管理 李审批（li）' }).click();
  await check(admin, 'person');
  // A refused change keeps what was typed.
  await admin.getByLabel('审批部门').fill('不存在的局');
  await admin.getByRole('button', { name: '保存部门' }).click();
  await expect(admin.getByRole('alert')).toContainText('不在事项目录的部门中');
  await expect(admin.getByLabel('审批部门')).toHaveValue('不存在的局');
  await check(admin, 'person-refused');
  await admin.goto(`${central.url}/approver/log`);
  await expect(admin.locator('tbody')).toContainText('开始审查');
  await expect(admin.locator('tbody')).toContainText(ready.number);
  await expect(admin.locator('tbody')).not.toContainText(ready.id);
  await check(admin, 'log');
  await admin.goto(`${central.url}/approver/nowhere`);
  await check(admin, 'not-found');

  // The same pages in English: the approver's browser asks for English; the administrator uses the switch.
  const en = messages.en;
  const approverEn = await newPage(browser, 'en-US');
  await approverEn.goto(`${central.url}/approver`);
  await expect(approverEn.getByRole('heading', { name: en['signIn.title'] })).toBeVisible();
  await check(approverEn, 'sign-in-en', 'en');
  await approverEn.getByLabel(en['signIn.username']).fill('li');
  await approverEn.getByLabel(en['signIn.password']).fill(password);
  await approverEn.getByRole('button', { name: en['signIn.submit'] }).click();
  await expect(approverEn.getByRole('navigation', { name: en['nav.main'] })).toBeVisible();
  for (const { key: tab } of queueTabs) {
    await approverEn.goto(`${central.url}/approver?tab=${tab}`);
    await check(approverEn, `queue-${tab}-en`, 'en');
  }
  await approverEn.goto(`${central.url}/approver/cases/${ready.id}`);
  await expect(approverEn.getByRole('heading', { name: en['case.decision'] })).toBeVisible();
  await check(approverEn, 'case-en', 'en');

  await admin.goto(`${central.url}/approver/admin`);
  await admin.getByRole('link', { name: en['lang.en'] }).click();
  await expect(admin).toHaveURL(/\/approver\/admin$/);
  await check(admin, 'admin-en', 'en');
  await admin.goto(`${central.url}/approver/people`);
  await check(admin, 'people-en', 'en');
  // Its headings, labels, column heads and buttons say nothing in Chinese (names typed by people stay as typed).
  const words = await admin.locator('h1, h2, label, th, button, legend').allTextContents();
  expect(words.filter((w) => /\p{Script=Han}/u.test(w))).toEqual([]);
  await admin
    .getByRole('link', { name: en['people.manageLabel'].replace('{name}', '李审批').replace('{username}', 'li') })
    .click();
  await check(admin, 'person-en', 'en');
  await admin.goto(`${central.url}/approver/log`);
  await expect(admin.locator('tbody')).toContainText(en['action.case.open']);
  await check(admin, 'log-en', 'en');
  await admin.goto(`${central.url}/approver/nowhere`);
  await check(admin, 'not-found-en', 'en');
  // And back to Chinese by the switch.
  await admin.getByRole('link', { name: messages['zh-CN']['lang.zh-CN'] }).click();
  await expect(admin.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

test('the people page: add an approver, who signs in; disable them; reset their password', async ({ browser }) => {
  const admin = await newPage(browser);
  await admin.goto(`${central.url}/approver/people`);
  await signInAtCentral(admin, centralAdmin.username, centralAdmin.password);
  await addPerson(admin, {
    username: 'zhao',
    name: '赵审批',
    department: '市场监督管理局',
    password: 'zhao-password-1',
  });
  await expect(admin.locator('.head')).toContainText('赵审批');

  const zhao = await newPage(browser);
  await zhao.goto(`${central.url}/approver`);
  await signInAtCentral(zhao, 'zhao', 'zhao-password-1');
  await expect(zhao.locator('.who')).toContainText('市场监督管理局');

  // Disabled: the open session ends, and signing in again is refused.
  await admin.getByLabel('确认停用').check();
  await admin.getByRole('button', { name: '停用账户' }).click();
  await expect(admin.getByRole('status')).toContainText('已停用');
  await zhao.goto(`${central.url}/approver`);
  await expect(zhao.getByRole('heading', { name: '审批人登录' })).toBeVisible();
  await signInAtCentral(zhao, 'zhao', 'zhao-password-1');
  await expect(zhao.getByRole('alert')).toContainText('用户名或密码错误');

  // Enabled again with a password central makes (shown once): the old one no longer works.
  await admin.getByRole('button', { name: '启用账户' }).click();
  await expect(admin.getByRole('status')).toContainText('已启用');
  await admin.getByRole('button', { name: '重置密码' }).click();
  await expect(admin.getByText('此密码只显示这一次')).toBeVisible();
  await check(admin, 'person-password-shown');
  const fresh = (await admin.locator('.code').textContent())!.trim();
  await signInAtCentral(zhao, 'zhao', 'zhao-password-1');
  await expect(zhao.getByRole('alert')).toContainText('用户名或密码错误');
  await signInAtCentral(zhao, 'zhao', fresh);
  await expect(zhao.locator('.who')).toContainText('赵审批');
});
