import { test as base, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';

/** Each test gets its own browser host and data directory; `test.use({ hostArgs })` adds flags. */
export const test = base.extend<{ host: RunningHost; hostArgs: string[] }>({
  hostArgs: [[], { option: true }],
  host: async ({ hostArgs }, use) => {
    const host = await startHost(hostArgs);
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';

/** Saves a screenshot into the e2e artifacts, named after the screen, for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });
}
