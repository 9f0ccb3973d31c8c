// Document benchmarks for `npm run bench`, and on their own with `npx tsx scripts/bench-documents.ts`:
// the first load of the CJK font, and a typical receipt (six materials) made from data to PDF bytes.
import { loadDocumentFont } from '../main/documents/font';
import { receiptPdf } from '../main/documents/receipt';
import { fontPath, sampleReceipt } from '../main/documents/testing/fixtures';
import QRCode from 'qrcode';
import { chromiumReceipt, receiptHtml } from './bench-chromium-receipt';

export type Percentile = (sorted: number[], p: number) => number;

const median: Percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * `font.load_ms`: reading and parsing the 10.5 MB font the first time in this process.
 * `receipt.gen_ms`: median of 20 warm runs (after 3 warm-ups) with the font loaded: layout, subset, embed, save.
 * `receipt.bytes`: the size of that receipt.
 * `receipt.ratio_vs_chromium`: Chromium's time for the same receipt as HTML (`page.pdf()`, what
 * Electron's printToPDF does) divided by ours: above 1 means ours is faster.
 */
export async function documentsBench(percentile: Percentile = median): Promise<Record<string, number>> {
  const started = performance.now();
  const font = await loadDocumentFont(fontPath);
  const loadMs = performance.now() - started;

  const data = sampleReceipt();
  let bytes = 0;
  for (let i = 0; i < 3; i += 1) bytes = (await receiptPdf(data, font)).length;
  const samples: number[] = [];
  for (let i = 0; i < 20; i += 1) {
    const start = performance.now();
    bytes = (await receiptPdf(data, font)).length;
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const ours = percentile(samples, 50);
  // The same receipt as an HTML page printed by Debian's Chromium, in this run.
  const chromium = await chromiumReceipt(receiptHtml(data, await QRCode.toString(data.progressUrl, { type: 'svg' })));
  return {
    'font.load_ms': Math.round(loadMs),
    'receipt.gen_ms': Math.round(ours * 10) / 10,
    'receipt.bytes': bytes,
    'receipt.chromium_ms': Math.round(chromium.medianMs * 10) / 10,
    'receipt.chromium_bytes': chromium.bytes,
    'receipt.ratio_vs_chromium': Math.round((chromium.medianMs / ours) * 100) / 100,
  };
}

if (require.main === module) {
  documentsBench()
    .then((metrics) => {
      const width = Math.max(...Object.keys(metrics).map((k) => k.length));
      console.log(`${'metric'.padEnd(width)}  value`);
      for (const [name, value] of Object.entries(metrics)) console.log(`${name.padEnd(width)}  ${value}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
