import { Button, Input, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DecodedFrame } from '../../../preload/contract/devices';
import { api } from '../bridge';
import { useRun } from '../lib/result';

const kindColors: Record<DecodedFrame['kind'], string> = {
  command: 'blue',
  response: 'green',
  error: 'red',
  garbage: 'default',
};

/** What a frame says, in one line: the command, the status and what was read, or the error. */
function summary(frame: DecodedFrame): string {
  const detail = frame.detail ?? {};
  const text = (key: string) => (typeof detail[key] === 'string' ? detail[key] : null);
  const parts: string[] = [];
  if (frame.kind === 'command') parts.push(text('label') ?? frame.command ?? '');
  if (frame.status) parts.push(`${frame.status.sw} ${frame.status.meaning}`);
  if (frame.identity) parts.push(`${frame.identity.name} ${frame.identity.idNumber}`);
  if (text('samId')) parts.push(`SAM ${text('samId')}`);
  if (text('appendedAddress')) parts.push(text('appendedAddress')!);
  if (typeof detail.dataLength === 'number' && detail.dataLength > 0) parts.push(`数据 ${detail.dataLength} 字节`);
  if (frame.error) parts.push(frame.error);
  return parts.filter(Boolean).join(' · ');
}

/** Support staff paste captured reader traffic and see each frame decoded (the devtool's decoder). */
export function FrameDecoderPanel() {
  const { t } = useTranslation();
  const run = useRun();
  const [hex, setHex] = useState('');
  const [frames, setFrames] = useState<DecodedFrame[] | null>(null);

  const decode = async () => {
    const value = await run(api.devices.decodeFrames({ hex }));
    if (value) setFrames(value.frames);
  };

  return (
    <div data-testid="frame-decoder">
      <Typography.Paragraph type="secondary">{t('devices.decoder.help')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 12 }} direction="vertical">
        <Input.TextArea
          value={hex}
          onChange={(event) => setHex(event.target.value)}
          rows={3}
          className="hex-input"
          placeholder="AA AA AA 96 69 00 03 20 01 22"
          data-testid="decoder-input"
        />
      </Space.Compact>
      <Button type="primary" onClick={() => void decode()} disabled={!hex.trim()} data-testid="decoder-run">
        {t('devices.decoder.decode')}
      </Button>
      {frames && (
        <Table
          size="small"
          style={{ marginTop: 12 }}
          rowKey="offset"
          pagination={false}
          locale={{ emptyText: t('devices.decoder.empty') }}
          dataSource={frames}
          data-testid="decoder-frames"
          columns={[
            { title: t('devices.decoder.offset'), dataIndex: 'offset', width: 70 },
            {
              title: t('devices.decoder.kind'),
              dataIndex: 'kind',
              width: 90,
              render: (kind: DecodedFrame['kind']) => (
                <Tag color={kindColors[kind]}>{t(`devices.decoder.kinds.${kind}`)}</Tag>
              ),
            },
            { title: t('devices.decoder.content'), render: (_: unknown, frame: DecodedFrame) => summary(frame) },
          ]}
        />
      )}
    </div>
  );
}
