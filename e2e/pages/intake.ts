import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';
import { makePng } from '@yichuang/domain/testing/images';
import { WorkstationPage, type Account } from './workstation';

export const admin: Account = { username: 'admin', displayName: '王主任', password: 'Admin#2026x' };
export const clerk: Account = { username: 'lisi', displayName: '李窗口', password: 'Clerk#2026a' };
const clerkOwnPassword = 'Clerk#2026b';
/** The enterprise the intake specs apply for. */
export const enterpriseName = '淄博一窗信息科技有限公司';

/** Page model of the intake screen (受理) and the 办件 list. */
export class IntakePage {
  readonly ws: WorkstationPage;

  constructor(readonly page: Page) {
    this.ws = new WorkstationPage(page);
  }

  /**
   * First run as admin, the scan folder set, a clerk created at window 3, and the clerk signed in
   * on the intake screen. Answers the scan folder. `asAdmin` runs while the admin is signed in.
   */
  async setUpClerk(url: string, dataDir: string, asAdmin?: () => Promise<void>): Promise<string> {
    const p = this.page;
    const hotFolder = join(dataDir, 'scans');
    mkdirSync(hotFolder, { recursive: true });
    await p.goto(url);
    await this.ws.firstRun(admin, { windowNumber: 3 });
    await this.ws.open('settings');
    await p.getByTestId('settings-hot-folder').fill(hotFolder);
    await p.getByTestId('settings-save').click();
    await expect(p.locator('.ant-message')).toContainText('已保存');
    await asAdmin?.();
    await this.ws.createStaff(clerk, '窗口受理员', 3);
    await this.ws.signOut();
    await this.ws.signIn(clerk.username, clerk.password);
    await this.ws.changePassword(clerk.password, clerkOwnPassword);
    await expect(p.getByTestId('intake')).toBeVisible();
    return hotFolder;
  }

  async signInAgain(): Promise<void> {
    await this.ws.signIn(clerk.username, clerkOwnPassword);
    await expect(this.page.getByTestId('intake')).toBeVisible();
  }

  /** What the simulated reader holds, chosen on the devices screen; then back to intake. */
  async holdCard(label: string, name: string): Promise<void> {
    const p = this.page;
    await this.ws.open('devices');
    await this.ws.placeCard(label);
    // The reader has read it (the toast shows on every screen); F2 on the intake reads it again.
    await expect(p.locator('.ant-message')).toContainText(`已读取证件：${name}`);
    await this.ws.open('workbench');
    await expect(p.getByTestId('intake')).toBeVisible();
  }

  async pickMatter(query: string, code: string): Promise<void> {
    const p = this.page;
    await p.keyboard.press('F3');
    await p.keyboard.type(query);
    await p.getByTestId(`matter-option-${code}`).click();
    await expect(p.getByTestId('matter-meta')).toBeVisible();
  }

  /** 公司变更登记 picked and the enterprise's name typed: where an enterprise intake starts. */
  async startEnterprise(): Promise<void> {
    await this.pickMatter('gsbg', 'SJ-GSBGDJ-003');
    await this.page.getByTestId('enterprise-name').fill(enterpriseName);
  }

  async selectOption(testId: string, option: string): Promise<void> {
    const p = this.page;
    await p.getByTestId(testId).click();
    await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  }

  async fillDate(testId: string, date: string): Promise<void> {
    const input = this.page
      .getByTestId(testId)
      .locator('input')
      .or(this.page.locator(`input[data-testid="${testId}"]`))
      .first();
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  }

  /**
   * Accepts a one-material case from the intake screen (城乡居民医保参保登记, the card's 张测试) and
   * answers its number; the result stays on screen.
   */
  async acceptMedicalInsuranceCase(): Promise<string> {
    const p = this.page;
    await this.holdCard('居民身份证（张测试）', '张测试');
    await this.pickMatter('YB-JMYBCB', 'YB-JMYBCB-001');
    await p.getByTestId('person-phone').fill('13805331234');
    await this.selectOption('form-category', '成年居民');
    await this.selectItem('id-card');
    await this.importFiles([{ name: 'id.png', mimeType: 'image/png', buffer: makePng(320, 200, 4) }]);
    await p.getByTestId('item-original-id-card').check();
    await expect(p.getByTestId('readiness')).toContainText('可以受理');
    await this.expectSaved();
    await p.keyboard.press('F8');
    await p.keyboard.press('F8');
    await expect(p.getByTestId('result-number')).toHaveText(/^\d{6}-\d{8}-\d{3}-\d{4}$/);
    return (await p.getByTestId('result-number').textContent())!;
  }

  /** 读卡填入: the applicant (an enterprise's legal representative) or the agent. */
  cardSlot(slot: 'person' | 'agent') {
    return this.page.getByTestId('card-slot').locator(`input[value="${slot}"]`);
  }

  item(id: string) {
    return this.page.getByTestId(`item-${id}`);
  }

  async selectItem(id: string): Promise<void> {
    await this.item(id).locator('.checklist-name').click();
    await expect(this.item(id)).toHaveClass(/selected/);
  }

  /** Imports files into the selected item through the file dialog of the import tab. */
  async importFiles(files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
    const p = this.page;
    await p.getByTestId('source-import').click();
    await p.locator('.import-drop input[type=file]').setInputFiles(files);
  }

  /** Drops a file into the scanner's hot folder as a scanner would. */
  dropScan(hotFolder: string, name: string, bytes: Buffer): void {
    writeFileSync(join(hotFolder, name), bytes);
  }

  /** The 办件 search box (the input inside antd's search group). */
  caseSearch() {
    return this.page.getByTestId('case-search').locator('input');
  }

  async expectSaved(): Promise<void> {
    await expect(this.page.getByTestId('save-state')).toHaveAttribute('data-kind', 'saved');
  }
}
