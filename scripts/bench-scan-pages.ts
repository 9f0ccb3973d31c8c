// Scanned-page processing for `npm run bench`: from the bytes a document scanner sends (JPEG q90,
// A4 at 200 dpi, colour) to the stored JPEG and its thumbnail, one page at a time, as a scan job does.
import { processScannedPage } from '../main/devices/document-scanner/pages/process';
import {
  pageImage,
  type PageKind,
  scanOf,
  type ScanOptions,
} from '../main/devices/document-scanner/pages/testing/fixtures';

// What a feeder brings at a window: mostly letters and forms, skewed a little either way, some
// back sides with nothing on them, a signed or stamped sheet, a photo.
const mix: [PageKind, ScanOptions][] = [
  ['text', { angle: 1.2, backing: 'dark' }],
  ['text', { angle: -0.8, backing: 'grey' }],
  ['text', { angle: 0, backing: 'dark' }],
  ['text', { angle: 2.5, backing: 'none' }],
  ['text', { angle: -3, backing: 'dark' }],
  ['blank', { angle: 0.5, backing: 'dark' }],
  ['stamp', { angle: -1, backing: 'dark' }],
  ['signature', { angle: 0.2, backing: 'grey' }],
  ['short_line', { angle: 1.7, backing: 'dark' }],
  ['photo', { angle: -1.5, backing: 'dark' }],
];

/**
 * Mean wall time per page (decode, analysis, deskew, crop, encode, thumbnail) over 20 distinct
 * pages after 3 warm-up pages, and the mean size of the pages stored (blank backs are dropped).
 */
export async function benchScanPages(): Promise<{ page_overhead_ms: number; page_kb: number }> {
  const scans: Buffer[] = [];
  // Distinct bytes for every page (another seed, the angle mirrored), so no cache of libvips'
  // serves a page it has seen.
  for (const round of [1, 2]) {
    for (const [kind, options] of mix) {
      const page = await pageImage(kind, round);
      scans.push(await scanOf(page, { ...options, angle: (options.angle ?? 0) * (round === 1 ? 1 : -1) }));
    }
  }
  const warmUp = await Promise.all(
    mix.slice(0, 3).map(([kind, options]) => pageImage(kind, 9).then((p) => scanOf(p, options))),
  );
  for (const bytes of warmUp) await processScannedPage({ bytes, mode: 'color', resolution: 200, dropBlank: true });

  let total = 0;
  let storedBytes = 0;
  let stored = 0;
  for (const [index, bytes] of scans.entries()) {
    const started = performance.now();
    const page = await processScannedPage({ bytes, mode: 'color', resolution: 200, dropBlank: true, page: index + 1 });
    total += performance.now() - started;
    if (page.jpeg) {
      storedBytes += page.jpeg.length;
      stored += 1;
    }
  }
  return {
    page_overhead_ms: Math.round((total / scans.length) * 10) / 10,
    page_kb: Math.round((storedBytes / Math.max(1, stored) / 1024) * 10) / 10,
  };
}
