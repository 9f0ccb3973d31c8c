import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, InputNumber, Modal, Select, Space, Spin } from 'antd';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  printerKey,
  type CaseDocumentRef,
  type PrinterInfo,
  type PrintJob,
  type RenderedDocument,
  type ReportDocumentRef,
} from '../../../preload/contract/documents';
import type { PrinterChoice } from '../../../preload/contract/schemas';
import { useShortcuts } from '../app/shortcuts';
import { api } from '../bridge';
import { useErrorText } from '../lib/result';
import { CopyLabel } from './CopyLabel';
import { usePrinterStatusText, usePrintErrorText } from './use-printer-words';
import { usePdfUrl } from './use-pdf-url';
import './printing.css';

export type PrintableRef = CaseDocumentRef | ReportDocumentRef;

/**
 * The printer to offer first: the one in settings if it is there and ready, else the system
 * default, else any printer that is ready (the browser's dialog last). A stopped or rejecting
 * queue is never chosen for the clerk: the dialog says why it was passed over.
 */
export function initialPrinter(printers: PrinterInfo[], configured: PrinterChoice | null): string | null {
  const ready = printers.filter((p) => p.ready);
  if (configured && ready.some((p) => printerKey(p) === printerKey(configured))) return printerKey(configured);
  const fallback = ready.find((p) => p.isDefault) ?? ready.find((p) => p.backend !== 'browser') ?? ready[0];
  return fallback ? printerKey(fallback) : null;
}

type Phase =
  | { step: 'ready' }
  | { step: 'printing' }
  | { step: 'done'; job: PrintJob }
  | { step: 'failed'; job: PrintJob | null; error: string }
  | { step: 'browser'; job: PrintJob; url: string; opened: boolean };

/**
 * Preview and print one document: the PDF as the next print will be (正本 or 副本 n), the
 * printer (the window's default preselected) and copies; Ctrl+P prints. A failure says why and
 * Ctrl+P tries again, still as the same print. In the browser host the PDF opens in a tab for
 * the browser's own dialog and the clerk answers whether it printed.
 */
export function PrintDialog({
  docRef,
  onClose,
  onPrinted,
}: {
  docRef: PrintableRef;
  onClose: () => void;
  onPrinted?: (job: PrintJob) => void;
}) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const statusText = usePrinterStatusText();
  const printErrorText = usePrintErrorText();
  const [doc, setDoc] = useState<RenderedDocument | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [printers, setPrinters] = useState<PrinterInfo[] | null>(null);
  const [printer, setPrinter] = useState<string | null>(null);
  /** The printer in settings, when it is not ready and another was chosen instead. */
  const [passedOver, setPassedOver] = useState<PrinterInfo | null>(null);
  const [copies, setCopies] = useState(1);
  const [phase, setPhase] = useState<Phase>({ step: 'ready' });
  /**
   * The document was printed before, so this print is a duplicate (副本): Ctrl+P asks first and
   * prints on a second Ctrl+P; the button, which says 补打副本, prints at once.
   */
  const [copyAsked, setCopyAsked] = useState(false);
  const previewUrl = usePdfUrl(doc?.pdf ?? null);
  // Focus stays in the dialog (a PDF tab may have taken it), so Esc closes it and Enter answers.
  const closeButton = useRef<HTMLButtonElement>(null);
  const printButton = useRef<HTMLButtonElement>(null);
  const refocus = useCallback(() => {
    (phase.step === 'ready' ? printButton : closeButton).current?.focus();
  }, [phase.step]);
  // Before paint: a key pressed as soon as the new step shows already reaches the dialog.
  useLayoutEffect(refocus, [refocus]);
  // Chromium's PDF viewer takes the focus when it loads, and keys pressed in it never reach this
  // page (Ctrl+P would open the viewer's own print, Esc would do nothing). So the preview is inert
  // until the clerk clicks it to scroll or zoom.
  const [previewActive, setPreviewActive] = useState(false);

  const loadPreview = useCallback(async () => {
    const result =
      docRef.kind === 'daily_report'
        ? await api.reports.pdf({ from: docRef.from, to: docRef.to })
        : await api.documents.preview(docRef);
    if (result.ok) {
      setDoc(result.value);
      setLoadError(null);
    } else setLoadError(errorText(result.error));
  }, [docRef, errorText]);

  useEffect(() => {
    void loadPreview();
  }, [loadPreview]);

  useEffect(() => {
    void Promise.all([api.printing.printers({}), api.settings.get({})]).then(([list, settings]) => {
      const found = list.ok ? list.value : [];
      const configured = settings.ok ? settings.value.a4Printer : null;
      setPrinters(found);
      setPrinter(initialPrinter(found, configured));
      const inSettings = configured && found.find((p) => printerKey(p) === printerKey(configured));
      setPassedOver(inSettings && !inSettings.ready ? inSettings : null);
    });
  }, []);

  const chosen = useMemo(() => printers?.find((p) => printerKey(p) === printer) ?? null, [printers, printer]);

  /**
   * After a print the next one is a copy: the label says so at once. The preview is not reloaded
   * (the viewer would take the focus again while the clerk presses Esc); the next print is made
   * with its stamp by the service whatever the preview shows.
   */
  const onSucceeded = useCallback(
    (job: PrintJob) => {
      setPhase({ step: 'done', job });
      setCopyAsked(false);
      setDoc((d) => d && { ...d, copyNumber: job.copyNumber + job.copies });
      onPrinted?.(job);
    },
    [onPrinted],
  );

  const print = useCallback(async () => {
    if (!chosen || phase.step === 'printing' || phase.step === 'browser') return;
    setPhase({ step: 'printing' });
    const choice = { backend: chosen.backend, name: chosen.name };
    const result =
      docRef.kind === 'daily_report'
        ? await api.printing.printReport({ ref: docRef, copies, printer: choice })
        : await api.printing.print({ ref: docRef, copies, printer: choice });
    if (!result.ok) {
      setPhase({ step: 'failed', job: null, error: errorText(result.error) });
      return;
    }
    const { job, pdf } = result.value;
    if (pdf) {
      const url = URL.createObjectURL(new Blob([pdf], { type: 'application/pdf' }));
      const opened = window.open(url, '_blank') !== null;
      setPhase({ step: 'browser', job, url, opened });
      return;
    }
    if (job.state === 'succeeded') onSucceeded(job);
    else setPhase({ step: 'failed', job, error: printErrorText(job) });
  }, [chosen, phase.step, docRef, copies, errorText, printErrorText, onSucceeded]);

  const answer = useCallback(
    async (printed: boolean) => {
      if (phase.step !== 'browser') return;
      URL.revokeObjectURL(phase.url);
      const result = await api.printing.confirm({ jobId: phase.job.id, printed });
      if (!result.ok) {
        setPhase({ step: 'failed', job: phase.job, error: errorText(result.error) });
        return;
      }
      if (result.value.state === 'succeeded') onSucceeded(result.value);
      else setPhase({ step: 'failed', job: result.value, error: printErrorText(result.value) });
    },
    [phase, errorText, printErrorText, onSucceeded],
  );

  const nextIsCopy = (doc?.copyNumber ?? 0) > 0;
  const keys = useMemo(() => {
    const bindings: Record<string, () => void> = {};
    if (phase.step === 'browser') {
      bindings.Y = () => void answer(true);
      bindings.N = () => void answer(false);
    } else if (nextIsCopy && !copyAsked) {
      // Never a duplicate by habit: the first Ctrl+P after a print only asks.
      bindings['Ctrl+P'] = () => {
        if (doc && chosen && phase.step !== 'printing') setCopyAsked(true);
      };
    } else bindings['Ctrl+P'] = () => void print();
    return bindings;
  }, [phase.step, answer, print, nextIsCopy, copyAsked, doc, chosen]);
  useShortcuts(keys);

  const busy = phase.step === 'printing';
  const what = doc ? <CopyLabel copyNumber={doc.copyNumber} copies={copies} /> : null;

  return (
    <Modal
      open
      width={960}
      style={{ top: 24 }}
      title={
        <Space>
          <PrinterOutlined />
          <span>{t(`printing.kinds.${docRef.kind}`)}</span>
          {doc && (
            <span className="print-next" data-testid="print-next">
              {t('printing.nextIs')} {what}
            </span>
          )}
        </Space>
      }
      onCancel={onClose}
      maskClosable={false}
      footer={
        <div className="print-footer">
          <Space wrap>
            <span>{t('printing.printer')}</span>
            <Select
              data-testid="print-printer"
              aria-label={t('printing.printer')}
              style={{ width: 300 }}
              loading={printers === null}
              value={printer ?? undefined}
              placeholder={t('printing.noPrinter')}
              onChange={setPrinter}
              popupMatchSelectWidth={false}
              options={(printers ?? []).map((p) => ({
                value: printerKey(p),
                className: p.ready ? undefined : 'print-printer-not-ready',
                label: [
                  p.backend === 'browser' ? t('printing.browserPrinter') : p.label,
                  p.isDefault ? `（${t('printing.defaultMark')}）` : '',
                  p.ready
                    ? statusText(p.status) && ` · ${statusText(p.status)}`
                    : ` · ${t('printing.notReadyMark', { status: statusText(p.status) || t('printing.notReadyUnknown') })}`,
                ].join(''),
              }))}
            />
            <span>{t('printing.copies')}</span>
            <InputNumber
              data-testid="print-copies"
              aria-label={t('printing.copies')}
              min={1}
              max={5}
              value={copies}
              onChange={(v) => setCopies(v ?? 1)}
              style={{ width: 64 }}
            />
          </Space>
          <Space>
            <Button onClick={onClose} ref={closeButton} data-testid="print-close">
              {t('printing.close')} <kbd>Esc</kbd>
            </Button>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              loading={busy}
              disabled={!doc || !chosen || phase.step === 'browser'}
              onClick={() => void print()}
              ref={printButton}
              data-testid="print-submit"
            >
              {phase.step === 'failed'
                ? t('printing.reprint')
                : nextIsCopy
                  ? t('printing.printCopy', { n: doc?.copyNumber ?? 1 })
                  : t('printing.print')}{' '}
              <kbd>Ctrl+P</kbd>
            </Button>
          </Space>
        </div>
      }
    >
      <div className="print-body">
        {chosen && !chosen.ready && phase.step !== 'failed' && (
          <Alert
            type="warning"
            showIcon
            data-testid="print-not-ready"
            title={t('printing.notReady', {
              printer: chosen.label,
              status: statusText(chosen.status) || t('printing.notReadyUnknown'),
            })}
          />
        )}
        {passedOver && chosen && printerKey(chosen) !== printerKey(passedOver) && (
          <Alert
            type="info"
            showIcon
            data-testid="print-passed-over"
            title={t('printing.passedOver', {
              printer: passedOver.label,
              status: statusText(passedOver.status) || t('printing.notReadyUnknown'),
              chosen: chosen.backend === 'browser' ? t('printing.browserPrinter') : chosen.label,
            })}
          />
        )}
        {copyAsked && nextIsCopy && phase.step !== 'printing' && (
          <Alert
            type="warning"
            showIcon
            data-testid="print-copy-ask"
            title={t('printing.copyAsk', { n: doc?.copyNumber ?? 1 })}
          />
        )}
        {phase.step === 'done' && (
          <Alert
            type="success"
            showIcon
            data-testid="print-result"
            data-state="succeeded"
            title={
              <Space size={4}>
                <CopyLabel copyNumber={phase.job.copyNumber} copies={phase.job.copies} />
                {t('printing.succeeded', { printer: phase.job.printer || t('printing.browserPrinter') })}
              </Space>
            }
            description={copyAsked ? null : t('printing.doneHint', { n: phase.job.copyNumber + phase.job.copies })}
          />
        )}
        {phase.step === 'failed' && (
          <Alert
            type="error"
            showIcon
            data-testid="print-result"
            data-state="failed"
            title={t('printing.failed', { error: phase.error })}
            description={
              phase.job ? (
                <span>
                  {t('printing.failedHint', {
                    what:
                      phase.job.copyNumber === 0
                        ? t('printing.original')
                        : t('printing.copy', { n: phase.job.copyNumber }),
                  })}
                </span>
              ) : null
            }
          />
        )}
        {phase.step === 'browser' && (
          <Alert
            type="info"
            showIcon
            data-testid="print-browser"
            title={
              phase.opened ? (
                t('printing.browserOpened')
              ) : (
                <a href={phase.url} target="_blank" rel="noreferrer">
                  {t('printing.browserBlocked')}
                </a>
              )
            }
            description={
              <Space>
                <span>{t('printing.browserAsk')}</span>
                <Button type="primary" size="small" onClick={() => void answer(true)} data-testid="print-confirm-yes">
                  {t('printing.browserYes')} <kbd>Y</kbd>
                </Button>
                <Button size="small" onClick={() => void answer(false)} data-testid="print-confirm-no">
                  {t('printing.browserNo')} <kbd>N</kbd>
                </Button>
              </Space>
            }
          />
        )}
        {loadError ? (
          <Alert type="error" showIcon title={loadError} />
        ) : previewUrl ? (
          <div className="print-preview-frame">
            <iframe
              className="print-preview"
              src={previewUrl}
              title={doc?.title}
              inert={!previewActive}
              data-testid="print-preview"
            />
            {!previewActive && (
              <button
                type="button"
                className="print-preview-activate"
                aria-label={t('printing.activatePreview')}
                onClick={() => setPreviewActive(true)}
              />
            )}
            {/* Beside the page, not over it: the hint never hides what will be printed. */}
            <div className="print-preview-hint" data-testid="print-preview-hint">
              {previewActive ? t('printing.previewActive') : t('printing.activatePreview')}
            </div>
          </div>
        ) : (
          <div className="print-loading">
            <Spin /> {t('printing.loading')}
          </div>
        )}
      </div>
    </Modal>
  );
}
