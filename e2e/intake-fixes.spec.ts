import { validCreditCode } from '@yichuang/domain/testing/ids';
import { enterpriseName } from './pages/intake';
import { expect, screenshot, test } from './support/intake';

test.use({ hostArgs: ['--simulate-devices'] });

test('enterprise intake: the agent card is read by F2 and across a visit to 设备, into the one draft', async ({
  page,
  intake,
}) => {
  await intake.startEnterprise();
  await page.getByTestId('enterprise-credit-code').fill(validCreditCode('91370303MA3C2B4X1'));
  await page.getByTestId('enterprise-legal-rep').fill('王法人');

  // 读卡填入 offers both, none disabled; choosing 代办人 says an agent applies.
  await expect(intake.cardSlot('person')).toBeEnabled();
  await intake.cardSlot('agent').check();
  await expect(page.getByTestId('has-agent')).toBeChecked();
  await intake.expectSaved();

  // The agent puts the card down while the clerk is on 设备: back on the intake it fills the agent
  // of this draft, not a new one.
  await intake.holdCard('居民身份证（李样例）', '李样例');
  await expect(page.getByTestId('agent-name')).toHaveValue('李样例');
  await expect(page.getByTestId('enterprise-name')).toHaveValue(enterpriseName);
  await expect(page.getByTestId('enterprise-legal-rep')).toHaveValue('王法人');
  await expect(intake.cardSlot('agent')).toBeChecked();
  await intake.expectSaved();

  // The card still lies on the reader, read already: F2 takes it into the slot chosen now.
  await page.getByTestId('agent-name').fill('');
  await page.keyboard.press('F2');
  await expect(page.getByTestId('agent-name')).toHaveValue('李样例');
  await intake.cardSlot('person').check();
  await page.keyboard.press('F2');
  await expect(page.getByTestId('enterprise-legal-rep')).toHaveValue('李样例');
  await intake.expectSaved();
  await screenshot(page, 'intake-enterprise-agent');

  // One intake, one draft: after a reload exactly one unfinished draft is offered.
  await page.reload();
  await intake.signInAgain();
  await expect(page.getByTestId('intake-start')).toContainText('未完成的办件');
  await expect(page.locator('[data-testid^="continue-"]')).toHaveCount(1);
});

test('fields are checked as they are left, the phone is typed once, and a returning applicant gets 居住证签注 prefilled', async ({
  page,
  intake,
}) => {
  await intake.holdCard('居民身份证（张测试）', '张测试');
  await intake.pickMatter('jzzsl', 'GA-JZZSL-001');

  // One phone, in the applicant panel, marked required there because the matter needs it.
  await expect(page.getByTestId('form-phone')).toHaveCount(0);
  const phone = page.getByTestId('person-phone');
  await phone.fill('12345');
  await expect(page.getByText('电话号码应为 11 位手机号')).toHaveCount(0);
  await phone.press('Tab');
  await expect(page.getByText('电话号码应为 11 位手机号')).toBeVisible();
  await expect(phone).toBeFocused();
  await phone.fill('13805331234');
  await expect(page.getByText('电话号码应为 11 位手机号')).toHaveCount(0);
  await phone.press('Tab');
  await expect(phone).not.toBeFocused();

  // A date is typed and checked as it is left: an impossible one keeps the focus.
  const since = page.getByTestId('form-residenceSince');
  await since.fill('2026-02-30');
  await since.press('Tab');
  await expect(page.getByText('居住登记日期须为日期')).toBeVisible();
  await expect(since).toBeFocused();
  await since.fill('2026/3/1');
  await since.press('Tab');
  await expect(since).toHaveValue('2026-03-01');
  await expect(since).not.toBeFocused();
  await page.getByTestId('form-residenceAddress').fill('张店区华光路 1 号');

  // F8 with problems left: the focus goes to the first one.
  await page.keyboard.press('F8');
  await expect(page.getByTestId('form-basis').locator('input')).toBeFocused();
  await screenshot(page, 'intake-individual-checked');

  // Rejected (the registry learns the applicant all the same).
  await page.keyboard.press('F10');
  await intake.selectOption('reject-reason', '居住未满半年');
  await page.getByTestId('reject-text').fill('申请人 2026 年 9 月起在本区居住，未满半年。');
  await page.keyboard.press('F10');
  await expect(page.getByText('已决定不予受理')).toBeVisible();
  const caseNumber = (await page.getByTestId('result-number').textContent())!;
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('intake-start')).toBeVisible();

  // The case shows the phone typed once (not "—").
  await intake.ws.open('cases');
  await intake.caseSearch().fill(caseNumber);
  await intake.caseSearch().press('Enter');
  await page.getByTestId('case-list').getByText(caseNumber).click();
  await expect(page.getByTestId('case-page')).toContainText('138****1234');

  // The same applicant again, for 居住证签注: the address and phone of the last case are offered.
  await intake.holdCard('居民身份证（张测试）', '张测试');
  await intake.pickMatter('居住证签注', 'GA-JZZQZ-002');
  await expect(page.getByTestId('form-residenceAddress')).toHaveValue('张店区华光路 1 号');
  await expect(page.getByTestId('person-phone')).toHaveValue('13805331234');
});
