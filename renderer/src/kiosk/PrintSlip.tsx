import { QRCode } from 'antd';
import { hallDateTime, hallShown } from '@yichuang/domain/hall-time';
import { useEffect } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { IssueResult } from '../../../preload/contract/queue';
import { useSession } from '../app/session';

/**
 * The slip for the platform printer (the browser host with no ticket printer): the same lines as the
 * ticket printer's slip (main/devices/printer/ticket.ts), in a box only print shows (kiosk.css
 * hides everything else on paper and the box on screen). Printed once, when it appears.
 */
export function PrintSlip({ result }: { result: IssueResult }) {
  const { t } = useTranslation();
  const { issued } = result;
  const number = issued.ticket.number ?? '';
  // The hall name the ticket printer prints (this workstation's setting), else the hall's own.
  const hallName = useSession().state?.window?.hallName || issued.hallName;

  useEffect(() => {
    // After the slip is in the page: print takes what is there at the call.
    const timer = window.setTimeout(() => window.print(), 50);
    return () => window.clearTimeout(timer);
  }, [result]);

  return createPortal(
    <div className="kiosk-print-slip" data-testid="kiosk-print-slip">
      <p className="kiosk-slip-hall">{hallName}</p>
      <p>{t('kiosk.slip.numberLabel')}</p>
      <p className="kiosk-slip-number">{number}</p>
      <p>{t('kiosk.slip.queue', { name: issued.ticket.queueName })}</p>
      <p>{t('kiosk.slip.time', { time: hallShown(hallDateTime, issued.ticket.issuedAt) })}</p>
      <p>{issued.ahead === 0 ? t('kiosk.slip.noneAhead') : t('kiosk.slip.ahead', { count: issued.ahead })}</p>
      {result.followUrl && (
        <div className="kiosk-slip-qr">
          <QRCode value={result.followUrl} type="svg" size={140} bordered={false} errorLevel="M" />
          <p>{t('kiosk.slip.scan')}</p>
        </div>
      )}
      <p>{t('kiosk.slip.footer')}</p>
      <p>{t('kiosk.slip.rating')}</p>
    </div>,
    document.body,
  );
}
