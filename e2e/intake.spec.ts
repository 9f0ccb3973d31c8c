import { makePdf } from '../main/testing/sample-files';
import { makePng } from '@yichuang/domain/testing/images';
import { validCitizenId, validCreditCode } from '@yichuang/domain/testing/ids';
import { enterpriseName } from './pages/intake';
import { expect, screenshot, test } from './support/intake';

test.use({ hostArgs: ['--simulate-devices'] });

const png = (seed: number) => ({ name: `scan-${seed}.png`, mimeType: 'image/png', buffer: makePng(320, 240, seed) });

test('individual intake: card → matter → form → three imports and a hot-folder scan → accept → found in 办件', async ({
  page,
  intake,
  hotFolder,
}) => {
  await screenshot(page, 'intake-empty');

  // The card fills the applicant; nothing identifying is typed.
  await intake.holdCard('居民身份证（张测试）', '张测试');
  await expect(page.getByTestId('person-name')).toHaveValue('张测试');
  await expect(page.getByTestId('person-id-number')).toHaveValue(/^370303\*{8}\d{3}[\dX]$/);

  // Pinyin initials find the matter; name, ID and phone are the applicant panel's, typed once.
  await intake.pickMatter('jzzsl', 'GA-JZZSL-001');
  await expect(page.getByTestId('form-name')).toHaveCount(0);
  await expect(page.getByTestId('promised-preview')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByTestId('person-phone').fill('13805331234');
  await page.getByTestId('form-residenceAddress').fill('张店区人民西路 88 号 1 号楼 2 单元 301 室');
  await intake.fillDate('form-residenceSince', '2026-03-01');
  await intake.selectOption('form-basis', '合法稳定住所');
  await intake.selectOption('form-delivery', '窗口领取');

  // A wrong file type is refused by content, whatever its name; nothing is attached.
  await intake.selectItem('id-card');
  await intake.importFiles([
    { name: 'id.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\x90\x00 this is a program') },
  ]);
  await expect(page.locator('.ant-message')).toContainText('Windows 程序');
  await expect(page.getByTestId('item-pages-id-card')).toHaveText('0 页');

  // Three materials by file import.
  await intake.importFiles([png(1)]);
  await expect(page.getByTestId('item-pages-id-card')).toHaveText('1 页');
  await page.getByTestId('item-original-id-card').check();
  await intake.selectItem('photo');
  await intake.importFiles([png(2), png(3)]);
  await expect(page.getByTestId('item-pages-photo')).toHaveText('2 页');
  await page.getByTestId('file-rotate-right').click();
  await intake.selectItem('residence-proof');
  await intake.importFiles([{ name: 'contract.pdf', mimeType: 'application/pdf', buffer: await makePdf(3, 'lease') }]);
  await expect(page.getByTestId('item-pages-residence-proof')).toHaveText('3 页');

  // One through the scanner's hot folder: it lands on the selected item without a click.
  await page.getByTestId('item-applies-employment-proof').check();
  await intake.selectItem('employment-proof');
  await page.getByTestId('source-hot-folder').click();
  intake.dropScan(hotFolder, 'labour-contract.png', makePng(300, 400, 9));
  await expect(page.getByTestId('item-pages-employment-proof')).toHaveText('1 页', { timeout: 15_000 });
  await expect(page.locator('.ant-message')).toContainText('已加入扫描文件：labour-contract.png');
  await page.getByTestId('item-original-employment-proof').check();
  await expect(page.getByTestId('item-residence-proof')).toHaveAttribute('data-status', 'missing');
  await page.getByTestId('item-original-residence-proof').check();
  await expect(page.getByTestId('readiness')).toContainText('可以受理');
  await intake.expectSaved();
  await screenshot(page, 'intake-ready');

  // F8 asks once; F8 again accepts.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('confirm-accept')).toBeVisible();
  await screenshot(page, 'intake-accept-confirm');
  await page.keyboard.press('F8');
  const number = page.getByTestId('result-number');
  await expect(number).toHaveText(/^370303-\d{8}-003-0001$/);
  const caseNumber = (await number.textContent())!;
  await expect(page.getByTestId('result-promised')).toHaveText(/^\d{4}-\d{2}-\d{2}$/);
  await screenshot(page, 'intake-accepted');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('intake-start')).toBeVisible();

  // 办件: Ctrl+F, search by number, by name, by the whole ID number.
  await page.keyboard.press('Control+f');
  const search = intake.caseSearch();
  await expect(search).toBeFocused();
  const zhangId = validCitizenId('37030319850312001');
  for (const query of [caseNumber, '张测', zhangId]) {
    await search.fill(query);
    await search.press('Enter');
    await expect(page.getByTestId('case-list')).toContainText(caseNumber);
    await expect(page.getByTestId('case-list')).not.toContainText(zhangId);
  }
  await screenshot(page, 'cases-list');
  await page.getByTestId('case-list').getByText(caseNumber).click();
  await expect(page.getByTestId('case-number')).toHaveText(caseNumber);
  await expect(page.getByTestId('case-state')).toContainText('已受理');
  await expect(page.getByTestId('case-timeline')).toContainText('受理');
  await expect(page.getByTestId('case-page')).toContainText('370303********');
  await screenshot(page, 'case-page');
});

test('enterprise intake ends in a one-time supplement notice, and the case comes back for acceptance', async ({
  page,
  intake,
}) => {
  await intake.startEnterprise();

  // The credit code is checked as the field is left (GB 32100).
  const code = validCreditCode('91370303MA3C2B4X1');
  const wrong = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
  await page.getByTestId('enterprise-credit-code').fill(wrong);
  await page.getByTestId('enterprise-credit-code').press('Tab');
  await expect(page.getByText('统一社会信用代码校验位不符')).toBeVisible();
  await page.getByTestId('enterprise-credit-code').fill(code);
  await expect(page.getByText('统一社会信用代码校验位不符')).toHaveCount(0);
  await page.getByTestId('enterprise-legal-rep').fill('王法人');
  // The agent: the authorisation letter joins the checklist.
  await page.getByTestId('has-agent').check();
  await expect(intake.item('agent-authorisation')).toBeVisible();
  await page.getByTestId('agent-name').fill('赵经办');
  await page.getByTestId('agent-id-number').fill('37030319900101123');
  await page.getByTestId('agent-id-number').press('Tab');
  await expect(page.getByText('证件号码应为 18 位，现在是 17 位')).toBeVisible();
  const agentId = validCitizenId('37030319900101123');
  await page.getByTestId('agent-id-number').fill(agentId.slice(0, 17) + (agentId.endsWith('1') ? '2' : '1'));
  await expect(page.getByText('校验位不符')).toBeVisible();
  await page.getByTestId('agent-id-number').fill(agentId);
  await expect(page.getByText('校验位不符')).toHaveCount(0);
  await intake.selectItem('application');
  await intake.importFiles([png(4)]);
  await expect(page.getByTestId('item-pages-application')).toHaveText('1 页');

  // Accept is not possible with items missing; F9 lists them, each with its reason.
  await page.keyboard.press('F8');
  await expect(page.locator('.ant-message')).toContainText('尚不能办理');
  await page.getByTestId('problems').waitFor();
  await page.keyboard.press('F9');
  await expect(page.getByTestId('supplement-items')).toBeVisible();
  await expect(page.getByTestId('supplement-reason-resolution')).toHaveValue('未提供');
  await page.getByTestId('supplement-reason-resolution').fill('缺少全体股东签字的股东会决议');
  await page.getByTestId('supplement-pick-application').check();
  await page.getByTestId('supplement-reason-application').fill('申请书未加盖公章');
  await screenshot(page, 'intake-supplement');
  await page.getByTestId('confirm-supplement').click();
  await expect(page.getByTestId('decision-result')).toContainText('缺少全体股东签字的股东会决议');
  const caseNumber = (await page.getByTestId('result-number').textContent())!;
  await page.getByTestId('next-case').click();

  // The case waits with its clock stopped; 补正后继续办理 brings it back as a draft.
  await intake.ws.open('cases');
  await intake.caseSearch().fill(caseNumber);
  await intake.caseSearch().press('Enter');
  await expect(page.getByTestId('case-list')).toContainText('补正中');
  await page.getByTestId('case-list').getByText(caseNumber).click();
  await expect(page.getByTestId('case-state')).toContainText('待补正');
  await page.getByTestId('case-resume').click();
  await page.locator('.ant-modal-confirm-btns .ant-btn-primary, .ant-modal-footer .ant-btn-primary').last().click();
  await expect(page.getByTestId('intake')).toBeVisible();
  await expect(page.getByTestId('enterprise-name')).toHaveValue(enterpriseName);
});

test('a rejection takes a reason from the matter, with its legal basis', async ({ page, intake }) => {
  await intake.holdCard('居民身份证（李样例）', '李样例');
  await expect(page.getByTestId('person-name')).toHaveValue('李样例');
  await intake.pickMatter('居住证申领', 'GA-JZZSL-001');

  // The citizen shows an electronic licence's QR code: a scan lands on the selected item, which
  // takes an e-licence, and completes it without paper.
  await intake.selectItem('id-card');
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.evaluate(`for (const key of [...'DZZZ-370303-SFZ-0001', 'Enter']) {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  }`);
  await expect(page.getByTestId('item-elicence-id-card')).toBeChecked();
  await expect(intake.item('id-card')).toHaveAttribute('data-status', 'complete');
  await expect(intake.item('id-card')).toContainText('DZZZ-370303-SFZ-0001');

  // F10 opens the rejection; once a reason is chosen, F10 again confirms it.
  await page.keyboard.press('F10');
  await intake.selectOption('reject-reason', '居住未满半年');
  await expect(page.getByText('法律依据')).toBeVisible();
  await page.getByTestId('reject-text').fill('申请人 2026 年 9 月起在本区居住，未满半年。');
  await screenshot(page, 'intake-reject');
  await page.keyboard.press('F10');
  await expect(page.getByText('已决定不予受理')).toBeVisible();
  await expect(page.getByTestId('decision-result')).toContainText('居住未满半年');
  await expect(page.getByTestId('result-number')).toHaveText(/^370303-\d{8}-003-\d{4}$/);
});

test('a reload in the middle of a draft brings it back exactly as it was', async ({ page, intake }) => {
  await intake.holdCard('居民身份证（张测试）', '张测试');
  await expect(page.getByTestId('person-name')).toHaveValue('张测试');
  await intake.pickMatter('jzz', 'GA-JZZSL-001');
  await page.getByTestId('form-residenceAddress').fill('张店区华光路 1 号');
  await intake.selectItem('photo');
  await intake.importFiles([png(5)]);
  await expect(page.getByTestId('item-pages-photo')).toHaveText('1 页');
  await intake.expectSaved();

  // A look at another screen and back: the draft is still open.
  await intake.ws.open('cases');
  await intake.ws.open('workbench');
  await expect(page.getByTestId('form-residenceAddress')).toHaveValue('张店区华光路 1 号');

  await page.reload();
  await intake.signInAgain();
  await expect(page.getByTestId('intake-start')).toContainText('未完成的办件');
  await page.locator('[data-testid^="continue-"]').first().click();
  await expect(page.getByTestId('person-name')).toHaveValue('张测试');
  await expect(page.getByTestId('form-residenceAddress')).toHaveValue('张店区华光路 1 号');
  await expect(page.getByTestId('item-pages-photo')).toHaveText('1 页');
  await expect(intake.item('photo')).toHaveClass(/selected/);
  await screenshot(page, 'intake-recovered');
});
