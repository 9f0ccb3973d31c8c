import { expect, type Page } from '@playwright/test';
import { centralAdmin, signInAtCentral } from './central';
import { screenshot } from './fixtures';

/** A person at central's approver pages, in a page of their own beside the window's. */
export class CentralApprover {
  constructor(
    readonly page: Page,
    readonly centralUrl: string,
  ) {}

  /** Opens `path` at central and signs in there as central's administrator (its sign-in page shows first). */
  async signInAsAdmin(path = '/approver/admin'): Promise<void> {
    await this.page.goto(`${this.centralUrl}${path}`);
    await signInAtCentral(this.page, centralAdmin.username, centralAdmin.password);
  }

  /** The case `number`, opened from central's queue. */
  async openCase(number: string): Promise<void> {
    await this.page.goto(`${this.centralUrl}/approver`);
    await expect(this.page.locator('body')).toContainText(number);
    await this.page.getByRole('link', { name: number }).click();
  }

  /** Decides the open case: the comment written (the page saved as `shot`), then the decision's button. */
  async decide(decision: '批准' | '要求补正', comment: string, shot: string): Promise<void> {
    await this.page.locator('#comment').fill(comment);
    await screenshot(this.page, shot);
    await this.page.getByRole('button', { name: decision, exact: true }).click();
  }
}
