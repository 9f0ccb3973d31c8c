// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fake } from '../sync/fake-bridge';
import { answerBasics, render, setUpComponentTests, syncStatus } from '../sync/test-support';
import { screensFor, screenKeys } from './navigation';
import { ShortcutsHelp } from './ShortcutsHelp';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

describe('the ? help', () => {
  it("each screen's Alt+N is the same in every role (it was the menu position)", () => {
    const clerk = screensFor('clerk');
    const supervisor = screensFor('supervisor');
    const admin = screensFor('admin');
    for (const key of ['settings', 'sync', 'devices'] as const) {
      expect(clerk).toContain(key);
      expect(supervisor).toContain(key);
    }
    expect(new Set(Object.values(screenKeys)).size).toBe(Object.keys(screenKeys).length);
    expect(screenKeys.settings).toBe(7);
    expect(admin).toContain('settings');
  });

  it("shows this person's screens with their keys", async () => {
    answerBasics('clerk', syncStatus());
    fake.reset();
    const view = await render(<ShortcutsHelp open onClose={() => undefined} screens={screensFor('clerk')} />);
    const text = document.querySelector('[data-testid="shortcuts-help"]')?.textContent ?? '';
    expect(text).toContain('Ctrl+P');
    expect(text).toContain('Alt+7打开「设置」');
    expect(text).toContain('Alt+8打开「同步」');
    expect(text).not.toContain('Alt+4');
    view.unmount();
  });
});
