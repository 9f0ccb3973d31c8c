import { mkdirSync } from 'node:fs';
import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { apiPrefix, type CasePut } from '@yichuang/domain/protocol';
import { ratingCodeDigest } from '@yichuang/domain/rating-codes';
import { testSigner } from '@yichuang/domain/testing/audit-trail';
import { casePut } from '../central/testing/central';
import { expectNoSeriousAxeViolations } from './support/axe';
import { centralAdmin, signInAtCentral, startCentralServer, type RunningCentralServer } from './support/central';
import { screenshot } from './support/fixtures';

/**
 * The rating page a notice's QR code opens (docs/ratings.md), on a phone: the code page, the rating
 * form with a 差评 chosen, the thanks; axe on each, no sideways scrolling at 360 px nor at 200 %
 * zoom, touch targets of at least 44 px. Then the admin page counts the refusal.
 */

const code = '12345678';
const phone = { width: 360, height: 740 };

let central: RunningCentralServer;
test.beforeAll(async () => {
  mkdirSync('test-results/screens', { recursive: true });
  central = await startCentralServer();
});
test.afterAll(async () => {
  await central?.dispose();
});

// Just what the checks read of the page (the e2e project has no DOM types).
interface DomElement {
  tagName: string;
  textContent: string | null;
  getBoundingClientRect(): { width: number; height: number };
}
declare const document: {
  body: { style: { zoom: string } };
  documentElement: { scrollWidth: number };
  querySelectorAll(selector: string): Iterable<DomElement>;
};
declare const window: { innerWidth: number };

/** The page is no wider than the window (nothing scrolls sideways). */
async function expectNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    inner: window.innerWidth,
  }));
  expect(widths.scroll, `${where}: ${widths.scroll} > ${widths.inner}`).toBeLessThanOrEqual(widths.inner);
}

/** Every control a finger presses is at least 44 px high. */
async function expectTouchTargets(page: Page, where: string): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('.choice, button, input[type=text], textarea, .lang a')]
      .filter((el) => el.getBoundingClientRect().height < 44)
      .map((el) => `${el.tagName} ${Math.round(el.getBoundingClientRect().height)}: ${(el.textContent ?? '').trim()}`),
  );
  expect(small, where).toEqual([]);
}

async function checkPhone(page: Page, shot: string): Promise<void> {
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expectNoSeriousAxeViolations(page);
  await expectNoSidewaysScroll(page, shot);
  await expectTouchTargets(page, shot);
  await screenshot(page, shot);
  await page.screenshot({ path: `test-results/screens/${shot}-full.png`, fullPage: true });
}

/** A window enrolled through the admin page's code, sending one case whose notice carries the 评价码. */
async function sendInvitedCase(browser: Browser, request: APIRequestContext): Promise<CasePut> {
  const admin = await (await browser.newContext()).newPage();
  await admin.goto(`${central.url}/approver/admin`);
  await signInAtCentral(admin, centralAdmin.username, centralAdmin.password);
  await admin.locator('#note').fill('张店区市民中心 3 号窗口');
  await admin.getByRole('button', { name: '生成一次性注册码' }).click();
  const enrolmentCode = (await admin.locator('.code').textContent())!.trim();
  await admin.context().close();
  const signer = testSigner();
  const enrolled = await request.post(`${central.url}${apiPrefix}/enrol`, {
    data: {
      code: enrolmentCode,
      districtCode: '370303',
      windowNumber: 3,
      hallName: '张店区市民中心',
      hostname: 'ws3',
      auditKey: signer.publicKey,
    },
  });
  expect(enrolled.status()).toBe(200);
  const { credential } = (await enrolled.json()) as { credential: string };
  const body = casePut([]);
  // The rating's last day: central's today or later (the workstation gives the notice's working days).
  const until = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const invited: CasePut = {
    ...body,
    ratingInvitation: { codeSha256: ratingCodeDigest(body.id, body.version, code), until },
  };
  const sent = await request.put(`${central.url}${apiPrefix}/cases/${invited.id}`, {
    headers: { authorization: `Bearer ${credential}` },
    data: invited,
  });
  expect(sent.status()).toBe(201);
  return invited;
}

test('a citizen rates a visit on a phone through the notice’s QR code', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const invited = await sendInvitedCase(browser, request);
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: phone });
  const page = await context.newPage();

  // The QR code's address: the case number is there, the code is typed from the paper.
  await page.goto(`${central.url}/rate?case=${encodeURIComponent(invited.number)}`);
  await expect(page.getByRole('heading', { level: 1, name: '政务服务评价' })).toBeVisible();
  await expect(page.getByLabel('办件编号')).toHaveValue(invited.number);
  await expect(page.getByLabel('评价码')).toHaveAttribute('inputmode', 'numeric');
  await checkPhone(page, 'rating-page-phone-code');

  // A wrong code: said plainly, the number kept.
  await page.getByLabel('评价码').fill('12345670');
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('alert')).toContainText('评价码不正确');
  await expect(page.getByLabel('办件编号')).toHaveValue(invited.number);
  await checkPhone(page, 'rating-page-phone-wrong-code');

  await page.getByLabel('评价码').fill(code);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '评价这次办理' })).toBeVisible();
  await expect(page.locator('main')).toContainText('居住证申领');
  await expect(page.locator('main')).toContainText(invited.number);
  await expect(page.locator('main')).not.toContainText(invited.draft.person.name);
  for (const radio of await page.getByRole('radio').all()) await expect(radio).not.toBeChecked();

  // A 差评 without a reason is asked for one, the choice kept.
  await page.getByRole('radio', { name: '不满意', exact: true }).check();
  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByRole('alert')).toContainText('请至少选择一个原因');
  await expect(page.getByRole('radio', { name: '不满意', exact: true })).toBeChecked();
  await checkPhone(page, 'rating-page-phone-form-refused');

  await page.getByRole('checkbox', { name: '排队等候时间长' }).check();
  await page.getByLabel('意见和建议（选填）').fill('等了一个多小时');
  await checkPhone(page, 'rating-page-phone-form');

  // The same form at 200 %: a 720-pixel window zoomed twice, 360 CSS pixels wide, and a 360-pixel phone zoomed twice.
  for (const size of [
    { width: 720, height: 900 },
    { width: 360, height: 740 },
  ]) {
    await page.setViewportSize(size);
    await page.evaluate(() => {
      document.body.style.zoom = '2';
    });
    await expectNoSidewaysScroll(page, `the form at 200 % in ${size.width} px`);
    await screenshot(page, `rating-page-zoom-200-${size.width}`);
    await page.evaluate(() => {
      document.body.style.zoom = '';
    });
  }
  await page.setViewportSize(phone);

  await page.getByRole('button', { name: '提交评价' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '感谢您的评价' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText(`您对办件 ${invited.number}「受理」的评价已提交`);
  await checkPhone(page, 'rating-page-phone-thanks');

  // Once: the same code again is refused.
  await page.goto(`${central.url}/rate?case=${encodeURIComponent(invited.number)}`);
  await page.getByLabel('评价码').fill(code);
  await page.getByRole('button', { name: '下一步' }).click();
  await expect(page.getByRole('alert')).toContainText('每次办理只能评价一次');

  // In English, by the switch.
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByLabel('Case number')).toHaveValue(invited.number);
  await expectNoSeriousAxeViolations(page);
  await screenshot(page, 'rating-page-phone-code-en');
  await context.close();

  // The administrator sees the refusals counted, by reason.
  const admin = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await admin.goto(`${central.url}/approver/admin`);
  await signInAtCentral(admin, centralAdmin.username, centralAdmin.password);
  await admin.getByRole('button', { name: '查看统计' }).click();
  const refusals = admin.getByRole('table', { name: /扫码评价被拒绝的次数/ });
  await expect(refusals.getByRole('row', { name: '评价码错误 1' })).toBeVisible();
  await expect(refusals.getByRole('row', { name: '这次办理已经评价过 1' })).toBeVisible();
  await expect(admin.locator('#ratings')).toContainText('收到评价 1 条，其中差评 1 条');
  await expectNoSeriousAxeViolations(admin);
  await admin.locator('#ratings').screenshot({ path: 'test-results/screens/rating-page-admin-refusals.png' });
});
