import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../../preload/contract/documents';
import { printerStatusText, type PrinterStatus } from '../../../preload/contract/printer-status';
import { useErrorText } from '../lib/result';

/** A printer's status in the clerk's language ('' when unknown). */
export function usePrinterStatusText(): (status: PrinterStatus) => string {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  return useCallback((status: PrinterStatus) => printerStatusText(status, locale), [locale]);
}

/** Why a print failed, in the clerk's language; an old record (no code) keeps its own text. */
export function usePrintErrorText(): (job: PrintJob) => string {
  const errorText = useErrorText();
  return useCallback(
    (job: PrintJob) =>
      job.errorCode
        ? errorText({
            code: job.errorCode,
            message: job.error ?? '',
            ...(job.errorParams ? { params: job.errorParams } : {}),
          })
        : (job.error ?? ''),
    [errorText],
  );
}
