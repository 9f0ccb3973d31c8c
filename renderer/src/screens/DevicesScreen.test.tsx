// @vitest-environment jsdom
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { DeviceInfo, SelfTest } from '../../../preload/contract/devices';
import { ok } from '../../../preload/contract/envelope';
import type { Role } from '../../../preload/contract/roles';
import { DevicesProvider } from '../devices/devices-context';
import i18n from '../i18n';
import { fake } from '../sync/fake-bridge';
import {
  answerBasics,
  byTestId,
  render,
  setUpComponentTests,
  settle,
  syncStatus,
  typeInto,
  waitFor,
} from '../sync/test-support';
import { DevicesScreen } from './DevicesScreen';

vi.mock('../bridge', async () => (await import('../sync/fake-bridge')).fakeBridgeModule);

setUpComponentTests();

const cjk = /[\u4e00-\u9fff]/;

function simulated(role: 'idcard' | 'printer', name: string): DeviceInfo {
  return {
    id: `sim:${role}`,
    name,
    role,
    roleSource: 'known',
    transport: 'simulated',
    path: `sim:${role}`,
    vendorId: null,
    productId: null,
    simulated: true,
    connected: true,
    status: { state: 'ready', code: null, message: null, params: null, since: new Date().toISOString() },
    samId: null,
  };
}

const samId = '05.01-20101215-0010166296-1234567890';
const readerTest: SelfTest = {
  deviceId: 'sim:idcard',
  ok: true,
  steps: [
    { name: 'samStatus', ok: true, detail: { kind: 'note', note: 'samOk' } },
    { name: 'samId', ok: true, detail: { kind: 'data', value: samId } },
  ],
};
const printerTest: SelfTest = {
  deviceId: 'sim:printer',
  ok: false,
  steps: [{ name: 'printerStatus', ok: false, detail: { kind: 'error', code: 'printer_paper_out' } }],
};

/** The devices screen after a self-test of `role`'s simulated device, in `locale`. */
async function selfTested(result: SelfTest, locale: 'zh-CN' | 'en'): Promise<HTMLElement> {
  answerBasics('admin', syncStatus());
  fake.handle('devices.list', () =>
    ok([simulated('idcard', '模拟身份证阅读器'), simulated('printer', '模拟票据打印机')]),
  );
  fake.handle('idcard.current', () => ok(null));
  fake.handle('devices.selfTest', () => ok(result));
  const view = await render(
    <DevicesProvider active>
      <DevicesScreen />
    </DevicesProvider>,
  );
  await act(() => i18n.changeLanguage(locale));
  await waitFor(() => view.host.querySelectorAll('[data-testid="device-self-test"]').length === 2);
  const row = view.host.querySelector(`[data-device="${result.deviceId}"]`)!;
  act(() => byTestId<HTMLButtonElement>(row, 'device-self-test').click());
  await settle();
  await waitFor(() => view.host.querySelector('[data-testid="self-test-result"]') !== null);
  return byTestId(view.host, 'self-test-result');
}

describe('devices → self-test result', () => {
  it('names the steps and says what they found in English, with the SAM id as it is', async () => {
    const result = await selfTested(readerTest, 'en');
    expect(result.textContent).toContain('Simulated ID-card reader: Self-test passed');
    expect(result.textContent).toContain('✓ SAM status: OK');
    expect(result.textContent).toContain(`✓ SAM id: ${samId}`);
    expect(result.textContent).not.toMatch(cjk);
  });

  it('says a failed step in English from the error catalog', async () => {
    const result = await selfTested(printerTest, 'en');
    expect(result.textContent).toContain('✗ Printer status: The printer is out of paper: load paper and try again');
    expect(result.textContent).not.toMatch(cjk);
  });

  it('keeps the Chinese wording in zh-CN', async () => {
    const reader = await selfTested(readerTest, 'zh-CN');
    expect(reader.textContent).toContain('模拟身份证阅读器：自检通过');
    expect(reader.textContent).toContain('✓ SAM 状态：操作成功');
    expect(reader.textContent).toContain(`✓ SAM 编号：${samId}`);
  });

  it('keeps the Chinese wording of a failed step in zh-CN', async () => {
    const printer = await selfTested(printerTest, 'zh-CN');
    expect(printer.textContent).toContain('✗ 打印机状态：打印机缺纸：请装纸后重试');
  });
});

/** The devices screen as `role` sees it, main listing `devices`. */
async function screenAs(role: Role, devices: DeviceInfo[]) {
  answerBasics(role, syncStatus());
  fake.handle('devices.list', () => ok(devices));
  fake.handle('idcard.current', () => ok(null));
  const view = await render(
    <DevicesProvider active>
      <DevicesScreen />
    </DevicesProvider>,
  );
  await settle(50);
  return view;
}

describe('devices → who chooses a device role', () => {
  const real: DeviceInfo = {
    ...simulated('idcard', 'USB 身份证阅读器'),
    id: 'serial:/dev/ttyUSB0',
    transport: 'serial',
    path: '/dev/ttyUSB0',
    simulated: false,
  };

  async function roleSelect(role: Role): Promise<Element> {
    const view = await screenAs(role, [real]);
    await waitFor(() => view.host.querySelector(`[data-device="${real.id}"] .ant-select`) !== null);
    await settle(50);
    return view.host.querySelector(`[data-device="${real.id}"] .ant-select`)!;
  }

  it.each(['clerk', 'advisor'] as const)('a %s sees the role but cannot change it', async (role) => {
    expect((await roleSelect(role)).className).toContain('ant-select-disabled');
  });

  it.each(['supervisor', 'admin'] as const)('a %s may change it', async (role) => {
    expect((await roleSelect(role)).className).not.toContain('ant-select-disabled');
  });
});

describe('devices → network ticket printers', () => {
  const networkPrinter: DeviceInfo = {
    ...simulated('printer', '网络票据打印机（192.168.1.50:9100）'),
    id: 'tcp:192.168.1.50:9100',
    transport: 'tcp',
    path: '192.168.1.50:9100',
    simulated: false,
  };

  it('a supervisor adds one by the address typed; it is listed as 网络 and can be removed', async () => {
    fake.handle('devices.addNetworkPrinter', () => ok(networkPrinter));
    fake.handle('devices.removeNetworkPrinter', () => ok({ done: true as const }));
    const view = await screenAs('supervisor', []);
    const input = byTestId<HTMLInputElement>(view.host, 'network-printer-address');
    expect(input.placeholder).toContain('192.168.1.50:9100');
    typeInto(input, '192.168.1.50');
    act(() => byTestId<HTMLButtonElement>(view.host, 'network-printer-add').click());
    await waitFor(() => fake.callsOf('devices.addNetworkPrinter').length === 1);
    expect(fake.callsOf('devices.addNetworkPrinter')).toEqual([{ address: '192.168.1.50' }]);
    await waitFor(() => input.value === '');

    act(() => fake.emit('devices.changed', [networkPrinter]));
    await waitFor(() => view.host.querySelector(`[data-device="${networkPrinter.id}"]`) !== null);
    const row = view.host.querySelector(`[data-device="${networkPrinter.id}"]`)!;
    expect(row.textContent).toContain('网络');
    act(() => byTestId<HTMLButtonElement>(row, 'network-printer-remove').click());
    await waitFor(() => fake.callsOf('devices.removeNetworkPrinter').length === 1);
    expect(fake.callsOf('devices.removeNetworkPrinter')).toEqual([{ deviceId: networkPrinter.id }]);
  });

  it('a clerk sees the printer but neither adds nor removes one', async () => {
    const view = await screenAs('clerk', [networkPrinter]);
    await waitFor(() => view.host.querySelector(`[data-device="${networkPrinter.id}"]`) !== null);
    expect(view.host.querySelector('[data-testid="network-printer-address"]')).toBeNull();
    expect(view.host.querySelector('[data-testid="network-printer-remove"]')).toBeNull();
  });
});
