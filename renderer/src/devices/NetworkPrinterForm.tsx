import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../bridge';
import { useRun } from '../lib/result';
import { AddressField } from './AddressField';

/**
 * 添加网络票据打印机: a ticket printer on the network by its address (raw port, 9100 unless typed).
 * Main connects once before keeping it; the printer then shows in the device list in the printer role.
 */
export function NetworkPrinterForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useRun();

  const add = async (address: string) => {
    const added = await run(api.devices.addNetworkPrinter({ address }));
    if (added) void message.success(t('devices.networkPrinter.added', { name: added.name }));
    return added !== null;
  };

  return (
    <AddressField
      label={t('devices.networkPrinter.address')}
      placeholder={t('devices.networkPrinter.placeholder')}
      addLabel={t('devices.networkPrinter.add')}
      onAdd={add}
      testId="network-printer"
      className="network-printer-address"
    />
  );
}
