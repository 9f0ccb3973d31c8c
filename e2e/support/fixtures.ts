import { test as base, type Page } from '@playwright/test';
import { startHost, type RunningHost } from './host';

/**
 * Each test gets its own browser host and data directory; `test.use({ hostArgs })` adds flags,
 * `test.use({ hostEnv })` variables (`YICHUANG_E2E: '1'` with `--clock-start`).
 */
export const test = base.extend<{ host: RunningHost; hostArgs: string[]; hostEnv: Record<string, string> }>({
  hostArgs: [[], { option: true }],
  hostEnv: [{}, { option: true }],
  host: async ({ hostArgs, hostEnv }, use) => {
    const host = await startHost(hostArgs, { env: hostEnv });
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';

/** Saves a screenshot into the e2e artifacts, named after the screen, for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, animations: 'disabled' });
}
