import { DesktopOutlined } from '@ant-design/icons';
import { Badge, Button, Drawer, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CitizenStatus } from '../../../preload/contract/citizen';
import { useSession } from '../app/session';
import { useShortcuts } from '../app/shortcuts';
import { CitizenDialog } from './CitizenDialog';
import { CitizenView } from './CitizenView';
import { useCitizenStatus } from './citizen-status';
import { useCitizenPreview } from './use-citizen-preview';

/** 已评价 / 未评价: whether the visit was rated, never how. */
export function RatingStatusTag({ rating }: { rating: NonNullable<CitizenStatus['rating']> }) {
  const { t } = useTranslation();
  return (
    <Tag color={rating === 'rated' ? 'green' : 'default'} data-testid="citizen-rating-status" data-rating={rating}>
      {t(`citizen.control.rating.${rating}`)}
    </Tag>
  );
}

/** On the intake, beside the case's state: whether the citizen rated this case's visit. */
export function CitizenRatingTag({ caseId }: { caseId: string }) {
  const { status } = useCitizenStatus();
  if (!status?.rating || status.caseId !== caseId) return null;
  return <RatingStatusTag rating={status.rating} />;
}

/**
 * One display and no citizen page: the clerk turns the screen to the citizen instead. The panel shows
 * what the citizen screen would (`citizen.preview`, masked in main) while it is open, without the
 * rating form: a clerk's screen never rates, the citizen rates on their screen or by the receipt's QR code.
 */
function SinglePanel({ status, open }: { status: CitizenStatus | null; open: boolean }) {
  const { t } = useTranslation();
  const preview = useCitizenPreview(open);
  return (
    <Space orientation="vertical" size="large" className="citizen-panel" data-testid="citizen-panel">
      <Typography.Paragraph strong>{t('citizen.control.singleScreen')}</Typography.Paragraph>
      <Space>
        <Typography.Text>{t('citizen.control.ratingStatus')}</Typography.Text>
        {status?.rating ? (
          <RatingStatusTag rating={status.rating} />
        ) : (
          <Typography.Text type="secondary">{t('citizen.control.noRating')}</Typography.Text>
        )}
      </Space>
      {preview ? <CitizenView view={preview} rating={false} /> : open && <Spin data-testid="citizen-panel-loading" />}
    </Space>
  );
}

/**
 * The citizen screen in the clerk's status bar: 群众屏：已连接 / 未连接 and the rating status; a
 * click (or Ctrl+Shift+S) opens its dialog — the display (Electron), or the page and its pairing
 * code (browser host) — and, with one display, the panel the clerk shows the citizen.
 */
export function CitizenControl() {
  const { t } = useTranslation();
  const { status } = useCitizenStatus();
  const locked = useSession().state?.locked ?? false;
  const [open, setOpen] = useState(false);
  const [panel, setPanel] = useState(false);
  const keys = useMemo(() => ({ 'Ctrl+Shift+S': () => setOpen(true) }), []);
  useShortcuts(keys, !locked);
  // Locked: the dialog and the panel close with the rest of the workstation.
  useEffect(() => {
    if (!locked) return;
    setOpen(false);
    setPanel(false);
  }, [locked]);

  const connected = status !== null && status.screen !== 'none';
  const screen = t(connected ? 'citizen.control.connected' : 'citizen.control.disconnected');
  const label = status?.rating
    ? t('citizen.control.withRating', { screen, rating: t(`citizen.control.rating.${status.rating}`) })
    : screen;
  return (
    <>
      <Button
        size="small"
        type="text"
        onClick={() => setOpen(true)}
        aria-label={label}
        title={label}
        className="citizen-control"
        data-testid="citizen-control"
        data-screen={status?.screen ?? 'unknown'}
      >
        {/* An icon and its dot: the status bar is one line at 1366 px in both languages (the words are the label). */}
        <Badge dot color={connected ? '#389e0d' : '#8c8c8c'} offset={[-2, 2]}>
          <DesktopOutlined aria-hidden />
        </Badge>
      </Button>
      <CitizenDialog
        open={open}
        status={status}
        panel={panel}
        onPanel={(show) => {
          setPanel(show);
          if (show) setOpen(false);
        }}
        onClose={() => setOpen(false)}
      />
      <Drawer
        open={panel}
        onClose={() => setPanel(false)}
        title={t('citizen.control.panelTitle')}
        placement="right"
        size={640}
        data-testid="citizen-panel-drawer"
      >
        <SinglePanel status={status} open={panel} />
      </Drawer>
    </>
  );
}
