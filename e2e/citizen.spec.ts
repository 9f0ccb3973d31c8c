import type { Page } from '@playwright/test';
import { hallDate } from '@yichuang/domain/hall-time';
import { makePng } from '@yichuang/domain/testing/images';
import { startCentral, type RunningCentral } from '../central/testing/central';
import { sampleCards } from '../main/devices/idcard/sample-cards';
import { expectNoSeriousAxeViolations } from './support/axe';
import { expect, screenshot, test } from './support/intake';

test.use({ hostArgs: ['--simulate-devices'], viewport: { width: 1366, height: 768 } });

/**
 * Two pages of one browser host, as at a counter with two displays: the clerk's workstation and the
 * citizen screen opened beside it and paired by its code. The citizen sees the details being entered
 * — masked — and what is missing, the receipt about to be printed, and rates the visit 不满意 with a
 * reason; the clerk sees only 已评价. Every byte the citizen's page receives is checked for the whole
 * ID number and phone; the rating reaches central with its data elements.
 */

let central: RunningCentral | null = null;
test.afterEach(async () => {
  await central?.dispose();
  central = null;
});

const cardId = sampleCards.resident_zhang.idNumber;
const phone = '13805331234';

/** The citizen screen's address: the clerk's, with `screen=citizen` beside the host's token. */
const citizenUrl = (hostUrl: string) => hostUrl.replace('#token=', '#screen=citizen&token=');

async function openCitizenScreen(page: Page, hostUrl: string) {
  const citizen = await page.context().newPage();
  await citizen.setViewportSize({ width: 1920, height: 1080 });
  const frames: string[] = [];
  citizen.on('websocket', (ws) =>
    ws.on('framereceived', (frame) =>
      frames.push(typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('utf8')),
    ),
  );
  await citizen.goto(citizenUrl(hostUrl));
  return { citizen, frames };
}

test('the citizen screen shows the intake masked, and the citizen rates the visit', async ({ page, host, intake }) => {
  test.setTimeout(180_000);
  // Central, and the window enrolled there (as the administrator), so the rating can travel.
  central = await startCentral();
  const { code: enrolCode } = await central.central.registry.createCode('3 号窗口', 'admin');
  await intake.ws.signOut();
  await intake.ws.signIn('admin', 'Admin#2026x');
  await intake.ws.open('settings');
  await page.getByTestId('central-url').fill(central.url);
  await page.getByTestId('central-code').fill(enrolCode);
  await page.getByTestId('central-enrol').click();
  await expect(page.getByTestId('central-enrolled')).toBeVisible();
  await intake.ws.signOut();
  await intake.signInAgain();

  // The citizen page shows a code; the clerk pairs with it (Ctrl+Shift+S); a wrong code is said under the field.
  const { citizen, frames } = await openCitizenScreen(page, host.url);
  const codeText = (await citizen.getByTestId('citizen-code').textContent())!.replace(/\D/g, '');
  expect(codeText).toMatch(/^\d{6}$/);
  await screenshot(citizen, 'citizen-pairing');
  await page.keyboard.press('Control+Shift+S');
  await expect(page.getByTestId('citizen-dialog')).toBeVisible();
  await page.getByTestId('citizen-pair-code').fill(codeText === '000000' ? '000001' : '000000');
  await page.getByTestId('citizen-pair').click();
  await expect(page.getByTestId('citizen-pair-error')).toContainText('配对码不对或已过期');
  await page.getByTestId('citizen-pair-code').fill(codeText);
  await page.getByTestId('citizen-pair').click();
  await expect(page.getByTestId('citizen-control')).toHaveAttribute('aria-label', '群众屏：已连接');
  await page.keyboard.press('Escape');
  await expect(citizen.getByTestId('citizen-clerk')).toContainText('李窗口');
  await expect(citizen.getByTestId('citizen-idle')).toBeVisible();
  await screenshot(citizen, 'citizen-idle');
  await expectNoSeriousAxeViolations(citizen);

  // The card and the matter: the citizen sees the details masked, and what is still missing.
  await intake.holdCard('居民身份证（张测试）', '张测试');
  await intake.pickMatter('YB-JMYBCB', 'YB-JMYBCB-001');
  await page.getByTestId('person-phone').fill(phone);
  const applicant = citizen.getByTestId('citizen-applicant');
  await expect(applicant).toContainText('张*试');
  await expect(applicant).toContainText(`${cardId.slice(0, 6)}********${cardId.slice(-4)}`);
  await expect(applicant).toContainText('138****1234');
  await expect(citizen.getByTestId('citizen-missing-count')).toBeVisible();
  await screenshot(citizen, 'citizen-intake');
  await expectNoSeriousAxeViolations(citizen);

  await intake.selectOption('form-category', '成年居民');
  await intake.selectItem('id-card');
  await intake.importFiles([{ name: 'id.png', mimeType: 'image/png', buffer: makePng(320, 200, 4) }]);
  await page.getByTestId('item-original-id-card').check();
  await expect(page.getByTestId('readiness')).toContainText('可以受理');
  await intake.expectSaved();
  await page.keyboard.press('F8');
  await page.keyboard.press('F8');
  await expect(page.getByTestId('result-number')).toHaveText(/^\d{6}-\d{8}-\d{3}-\d{4}$/);
  const caseNumber = (await page.getByTestId('result-number').textContent())!;

  // After the decision: the receipt's first page and the rating, on the citizen's side only.
  await expect(citizen.getByTestId('citizen-notice')).toContainText('受理回执');
  await expect(citizen.getByTestId('citizen-notice')).toContainText(caseNumber);
  await expect(citizen.getByTestId('citizen-rating')).toBeVisible();
  await expect(page.getByTestId('citizen-rating-status').first()).toContainText('未评价');
  await screenshot(citizen, 'citizen-rating');
  await expectNoSeriousAxeViolations(citizen);

  // 不满意 needs a reason before it can be sent.
  await citizen.getByTestId('rating-level-unsatisfied').click();
  await expect(citizen.getByTestId('rating-submit')).toBeDisabled();
  await citizen.getByTestId('rating-reason-waiting').click();
  await citizen.getByTestId('rating-text').fill('取号后等了四十分钟');
  await screenshot(citizen, 'citizen-rating-bad');
  await citizen.getByTestId('rating-submit').click();
  await expect(citizen.getByTestId('citizen-thanks')).toBeVisible();
  await expect(page.getByTestId('citizen-rating-status').first()).toContainText('已评价');
  await screenshot(page, 'citizen-clerk-rated');

  // Nothing whole ever reached the citizen's page, and it received nothing but its own view.
  const received = frames.join('\n');
  expect(received.length).toBeGreaterThan(0);
  expect(received).not.toContain(cardId);
  expect(received).not.toContain(phone);
  expect(received).not.toContain('张测试');
  expect(received).not.toMatch(/"event":"(?!citizen\.view")/);

  // Central has it, with the provincial data elements.
  await expect
    .poll(
      async () =>
        (await central!.central.ratings.exportRows({ from: hallDate(new Date()), to: hallDate(new Date()) })).length,
      {
        timeout: 30_000,
      },
    )
    .toBe(1);
  const [row] = await central.central.ratings.exportRows({ from: hallDate(new Date()), to: hallDate(new Date()) });
  expect(row).toMatchObject({
    projNo: caseNumber,
    serviceCode: 'YB-JMYBCB-001',
    applicantName: '张测试',
    applicantCardNumber: cardId,
    applicantPhone: phone,
    evaluateChannel: 'PJQ',
    evaluateLevel: 2,
    evaluateReasons: ['waiting'],
    evaluateText: '取号后等了四十分钟',
    evaluatedPersonInfo: { name: '李窗口', staffNumber: 'lisi', windowNumber: 3 },
  });
});
