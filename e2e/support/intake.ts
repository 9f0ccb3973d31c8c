import { IntakePage } from '../pages/intake';
import { test as base } from './fixtures';

/**
 * The intake specs' test: before it runs, the administrator's first run, the scan folder set and the
 * clerk (李窗口, window 3) signed in on the intake screen. `intake` is the page model, `hotFolder`
 * the scan folder.
 */
export const test = base.extend<{ hotFolder: string; intake: IntakePage }>({
  hotFolder: async ({ page, host }, use) => {
    await use(await new IntakePage(page).setUpClerk(host.url, host.dataDir));
  },
  // Asks for the hot folder so that the clerk is set up first.
  intake: async ({ page, hotFolder: _ready }, use) => {
    await use(new IntakePage(page));
  },
});

export { expect, screenshot } from './fixtures';
