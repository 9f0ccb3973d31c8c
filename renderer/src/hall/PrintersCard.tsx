import { Alert, Card, Empty, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { isTicketPrinterFault, type Board, type HallPrinter } from '@yichuang/domain/hall-protocol';
import { hallDate, hallDateTime, hallShown, hallTimeShort } from '@yichuang/domain/hall-time';

/** A printer someone must go to: a fault, or a kiosk with no printer at all. */
export function needsHand(printer: HallPrinter): boolean {
  return isTicketPrinterFault(printer.state) || (printer.state === 'none' && printer.station === 'kiosk');
}

function usePrinterWords() {
  const { t } = useTranslation();
  return {
    where: (p: HallPrinter) =>
      p.station === 'kiosk'
        ? t('hall.printers.kiosk', { window: p.window })
        : t('hall.printers.window', { window: p.window }),
    state: (p: HallPrinter) => t(`hall.printers.state.${p.state}`),
  };
}

/**
 * The printers someone must go to, at the top of the board: a kiosk out of paper gives numbers on
 * screen only, and the line at the door grows while nobody knows.
 */
export function PrinterAlert({ board }: { board: Board }) {
  const { t } = useTranslation();
  const words = usePrinterWords();
  const faults = board.printers.filter(needsHand);
  if (faults.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      className="hall-banner"
      data-testid="hall-printer-alert"
      title={t('hall.printers.alert', {
        list: faults
          .map((p) => `${words.where(p)}${t('hall.printers.separator')}${words.state(p)}`)
          .join(t('hall.printers.join')),
      })}
      description={t('hall.printers.alertHint')}
    />
  );
}

/** Every ticket printer the hall heard of, kiosks first, each with its state and since when. */
export function PrintersCard({ board }: { board: Board }) {
  const { t } = useTranslation();
  const words = usePrinterWords();
  return (
    <Card size="small" title={t('hall.printers.title')} data-testid="hall-printers" className="hall-printers">
      {board.printers.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('hall.printers.none')} />
      ) : (
        <ul className="hall-printer-list">
          {board.printers.map((printer) => (
            <li
              key={`${printer.station}-${printer.window}`}
              className="hall-printer"
              data-testid="hall-printer"
              data-state={printer.state}
            >
              <span className="hall-printer-where">{words.where(printer)}</span>
              <Tag color={needsHand(printer) ? 'error' : printer.state === 'ready' ? 'success' : 'default'}>
                {words.state(printer)}
              </Tag>
              {printer.state !== 'ready' && (
                <span className="hall-printer-since">
                  {t('hall.printers.since', {
                    // Today's time; a fault older than today says its day too.
                    time: hallShown(
                      hallDate(printer.since) === board.hallDate ? hallTimeShort : hallDateTime,
                      printer.since,
                    ),
                  })}
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
