// Every paper the documents service makes, in one module it loads on first use: pdf-lib, fontkit and
// the layout are a fifth of a second to load, which the workstation's start need not pay.
export { bundlePdf } from './bundle';
export { receiptPdf } from './receipt';
export { rejectionNoticePdf } from './rejection-notice';
export { supplementNoticePdf } from './supplement-notice';
export { dailyReportPdf } from '../reports/daily-pdf';
