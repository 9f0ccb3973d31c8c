// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../preload/contract/envelope';
import type { SimulationState } from '../../../preload/contract/devices';
import { fake } from '../sync/fake-bridge';
import {
  answerBasics,
  byTestId,
  render,
  setUpComponentTests,
  syncStatus,
  waitFor,
  workstationSettings,
} from '../sync/test-support';
import { SettingsScreen } from './SettingsScreen';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

function simulation(forced: boolean): SimulationState {
  return {
    enabled: forced,
    forced,
    readerHolds: 'none',
    plugged: { idcard: true, scanner: true, printer: true },
    printerPreview: null,
  };
}

describe('settings → 模拟设备', () => {
  it('shows on (and why it cannot be turned off) while --simulate-devices runs the simulator', async () => {
    answerBasics('admin', syncStatus());
    fake.handle('settings.get', () => ok(workstationSettings({ simulateDevices: false })));
    fake.handle('simulation.get', () => ok(simulation(true)));
    const view = await render(<SettingsScreen />);
    await waitFor(() => view.host.textContent?.includes('--simulate-devices') ?? false);
    const toggle = byTestId(view.host, 'settings-simulate-devices');
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(toggle.hasAttribute('disabled')).toBe(true);
  });

  it('follows the setting otherwise', async () => {
    answerBasics('admin', syncStatus());
    fake.handle('settings.get', () => ok(workstationSettings({ simulateDevices: false })));
    fake.handle('simulation.get', () => ok(simulation(false)));
    const view = await render(<SettingsScreen />);
    await waitFor(() => fake.callsOf('simulation.get').length > 0 && fake.callsOf('settings.get').length > 0);
    const toggle = byTestId(view.host, 'settings-simulate-devices');
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(view.host.textContent).not.toContain('--simulate-devices');
  });
});
