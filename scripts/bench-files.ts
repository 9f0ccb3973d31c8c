// The main process keeps answering while files are checked in the cage (main/materials/inspect/cage.ts).
import { PDFDocument } from 'pdf-lib';
import { makeNoisePng } from '@yichuang/domain/testing/images';
import type { createBridge } from '../preload/contract/bridge';
import type { Result } from '../preload/contract/envelope';
import { makeBombPdf } from '../main/testing/sample-files';

type Api = ReturnType<typeof createBridge>['api'];
type Percentile = (sorted: number[], p: number) => number;

/** A genuine PDF of about `pages` × 4.5 MB: each page a picture of random pixels (no compression helps). */
async function largePdf(pages: number, seed: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`bench ${seed}`);
  for (let i = 0; i < pages; i += 1) {
    const image = await doc.embedPng(makeNoisePng(1100, 1400));
    doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return doc.save();
}

/**
 * `files.ipc_p99_during_parse_ms`: the p99 round trip of `system.ping` (one call at a time) while
 * two compression bombs and four large genuine PDFs (about 18 MB each) are imported at once through
 * the same connection (the host's own work for them included: decoding, hashing, writing);
 * `files.parse_batch_ms`: how long those six imports took together.
 */
export async function filesBench(
  api: Api,
  value: <T>(result: Result<T>) => T,
  percentile: Percentile,
): Promise<Record<string, number>> {
  const files = [
    { name: 'bomb-objstm.pdf', bytes: new Uint8Array(makeBombPdf('object-stream', 1024)), refused: true },
    { name: 'bomb-contents.pdf', bytes: new Uint8Array(makeBombPdf('page-contents', 2048, true)), refused: true },
  ];
  for (let i = 0; i < 4; i += 1) {
    files.push({ name: `large-${i}.pdf`, bytes: new Uint8Array(await largePdf(4, i)), refused: false });
  }

  const started = performance.now();
  let done = false;
  const imports = Promise.all(
    files.map(async ({ name, bytes, refused }) => {
      const result = await api.materials.import({ bytes, name });
      if (result.ok === refused) throw new Error(`${name}: expected ${refused ? 'a refusal' : 'it stored'}`);
    }),
  ).finally(() => (done = true));
  // The client shares this thread with the host: its encoding of the six imports is done before pinging.
  await new Promise((resolve) => setTimeout(resolve, 0));
  const samples: number[] = [];
  while (!done) {
    const start = performance.now();
    value(await api.system.ping({}));
    samples.push(performance.now() - start);
  }
  await imports;
  const batchMs = performance.now() - started;
  samples.sort((a, b) => a - b);
  return {
    'files.ipc_p99_during_parse_ms': Math.round(percentile(samples, 99) * 10) / 10,
    'files.parse_batch_ms': Math.round(batchMs),
  };
}
