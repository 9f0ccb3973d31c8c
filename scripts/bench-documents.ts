// Document benchmarks for `npm run bench`, and on their own with `npx tsx scripts/bench-documents.ts`:
// the first load of the CJK font, and a typical receipt (six materials) made from data to PDF bytes.
import { loadDocumentFont } from '../main/documents/font';
import { receiptPdf } from '../main/documents/receipt';
import { fontPath, sampleReceipt } from '../main/documents/testing/fixtures';

export type Percentile = (sorted: number[], p: number) => number;

const median: Percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/**
 * `font.load_ms`: reading and parsing the 10.5 MB font the first time in this process.
 * `receipt.gen_ms`: median of 20 warm runs (after 3 warm-ups) with the font loaded: layout, subset, embed, save.
 * `receipt.bytes`: the size of that receipt.
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
  return {
    'font.load_ms': Math.round(loadMs),
    'receipt.gen_ms': Math.round(percentile(samples, 50) * 10) / 10,
    'receipt.bytes': bytes,
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
