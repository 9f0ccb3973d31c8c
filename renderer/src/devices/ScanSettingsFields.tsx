import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  colourModes,
  scanSources,
  type ScannerCapabilities,
  type ScanSettings,
} from '../../../preload/contract/document-scanners';

/** Resolutions offered while a scanner's own are not known yet. */
const commonResolutions = [150, 200, 300, 400, 600];

/**
 * Source, colour and resolution of a scan, offering only what the scanner can do: the intake's
 * scanner tab and each scanner's defaults on the devices screen. `label` starts each field's name.
 */
export function ScanSettingsFields(props: {
  settings: ScanSettings;
  onChange: (settings: ScanSettings) => void;
  capabilities: ScannerCapabilities | null;
  disabled?: boolean;
  label?: string;
  testIdPrefix?: string;
}) {
  const { t } = useTranslation();
  const { settings, onChange, capabilities: caps } = props;
  const field = (name: string, key: string) => ({
    size: 'small' as const,
    disabled: props.disabled ?? false,
    'aria-label': `${props.label ? `${props.label} ` : ''}${t(key)}`,
    ...(props.testIdPrefix ? { 'data-testid': `${props.testIdPrefix}-${name}` } : {}),
  });
  return (
    <>
      <Select
        {...field('source', 'intake.scanner.source')}
        value={settings.source}
        onChange={(source) => onChange({ ...settings, source })}
        options={scanSources
          .filter((s) => !caps || caps.sources.includes(s))
          .map((s) => ({ value: s, label: t(`documentScanners.sources.${s}`) }))}
      />
      <Select
        {...field('mode', 'intake.scanner.mode')}
        value={settings.mode}
        onChange={(mode) => onChange({ ...settings, mode })}
        options={colourModes
          .filter((m) => !caps || caps.modes.includes(m))
          .map((m) => ({ value: m, label: t(`documentScanners.modes.${m}`) }))}
      />
      <Select
        {...field('resolution', 'intake.scanner.resolution')}
        value={settings.resolution}
        onChange={(resolution) => onChange({ ...settings, resolution })}
        options={(caps?.resolutions ?? commonResolutions).map((r) => ({
          value: r,
          label: t('intake.scanner.dpi', { dpi: r }),
        }))}
      />
    </>
  );
}
