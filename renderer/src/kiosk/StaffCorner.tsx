import { LockOutlined } from '@ant-design/icons';
import { Button, Modal } from 'antd';
import { useRef, useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

/** How long staff hold the corner button: a citizen's passing tap does nothing. */
export const staffHoldMs = 1500;

/**
 * The staff's way out of the kiosk: a small button in a corner that opens only when held (or
 * pressed from a keyboard, which a kiosk's citizens do not have), then asks: lock, or sign out.
 */
export function StaffCorner({ onLock, onSignOut }: { onLock: () => void; onSignOut: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const timer = useRef<number | undefined>(undefined);

  const release = () => window.clearTimeout(timer.current);
  const press = () => {
    release();
    timer.current = window.setTimeout(() => setOpen(true), staffHoldMs);
  };
  // A click with detail 0 came from the keyboard (Enter or Space), not from a finger.
  const keyboard = (event: MouseEvent) => {
    if (event.detail === 0) setOpen(true);
  };

  return (
    <>
      <button
        type="button"
        className="kiosk-staff"
        aria-label={t('kiosk.staff.open')}
        title={t('kiosk.staff.open')}
        onPointerDown={press}
        onPointerUp={release}
        onPointerLeave={release}
        onPointerCancel={release}
        onContextMenu={(event) => event.preventDefault()}
        onClick={keyboard}
        data-testid="kiosk-staff"
      >
        <LockOutlined aria-hidden />
      </button>
      <Modal
        open={open}
        title={t('kiosk.staff.title')}
        onCancel={() => setOpen(false)}
        footer={[
          <Button key="cancel" size="large" onClick={() => setOpen(false)} data-testid="kiosk-staff-cancel">
            {t('kiosk.staff.cancel')}
          </Button>,
          <Button
            key="lock"
            size="large"
            icon={<LockOutlined />}
            onClick={() => {
              setOpen(false);
              onLock();
            }}
            data-testid="kiosk-lock"
          >
            {t('kiosk.staff.lock')}
          </Button>,
          <Button
            key="sign-out"
            size="large"
            type="primary"
            danger
            onClick={() => {
              setOpen(false);
              onSignOut();
            }}
            data-testid="kiosk-sign-out"
          >
            {t('kiosk.staff.signOut')}
          </Button>,
        ]}
      >
        <p>{t('kiosk.staff.body')}</p>
      </Modal>
    </>
  );
}
