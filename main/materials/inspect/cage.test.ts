import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { makePng } from '@yichuang/domain/testing/images';
import type { MaterialMime } from '@yichuang/domain/materials';
import { AppError } from '../../../preload/contract/errors';
import { rejectionCode } from '../../testing/wait';
import { makeBombPdf, makeJpeg, makePdf, withPngSize } from '../../testing/sample-files';
import { cageLimits, inspectInCage } from './cage';

const limits = { maxPdfPages: 50 };
/** Generous for a loaded CI machine: the cage's own deadline is 10 s. */
const boundMs = 20_000;
const MB = 1024 * 1024;

/**
 * Checks `bytes` in the cage while a timer ticks on this thread: the verdict (or the refusal's
 * code), how long it took, how much this process's RSS grew, and the longest the event loop stalled.
 */
async function inspectWatched(bytes: Uint8Array, mime: MaterialMime, cage = cageLimits) {
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  delay.enable();
  const started = performance.now();
  const outcome = await inspectInCage(bytes, mime, 'x.pdf', limits, cage).then(
    (value) => value,
    (error: unknown) => (error instanceof AppError ? error.code : Promise.reject(error as Error)),
  );
  const ms = performance.now() - started;
  delay.disable();
  clearInterval(sampler);
  return { outcome, ms, rssGrowthMb: (rssPeak - rssBefore) / MB, maxStallMs: delay.max / 1e6 };
}

describe('the cage: hostile files', () => {
  it('refuses a 1 MB PDF whose object stream inflates to 1 GiB (pdf-lib inflates it on load), quickly and small', async () => {
    const bomb = makeBombPdf('object-stream', 1024);
    expect(bomb.length).toBeLessThan(1.1 * MB);
    const run = await inspectWatched(bomb, 'application/pdf');
    expect(run.outcome).toBe('material_too_complex');
    expect(run.ms).toBeLessThan(boundMs);
    expect(run.rssGrowthMb).toBeLessThan(300);
    expect(run.maxStallMs).toBeLessThan(500);
  });

  it('refuses a PDF of good pages whose page contents inflate to gigabytes, deflated once or twice', async () => {
    const twice = makeBombPdf('page-contents', 2048, true);
    expect(twice.length).toBeLessThan(300 * 1024); // a few KB for 2 GiB
    for (const bomb of [twice, makeBombPdf('page-contents', 512)]) {
      const run = await inspectWatched(bomb, 'application/pdf');
      expect(run.outcome).toBe('material_too_complex');
      expect(run.ms).toBeLessThan(boundMs);
      expect(run.rssGrowthMb).toBeLessThan(300);
      expect(run.maxStallMs).toBeLessThan(500);
    }
  });

  it('refuses pictures whose header claims more pixels than the cap, without reading further', async () => {
    const png = withPngSize(makePng(3, 2), 100_000, 100_000);
    const jpeg = makeJpeg(60_000, 60_000);
    for (const [bytes, mime] of [
      [png, 'image/png'],
      [jpeg, 'image/jpeg'],
    ] as const) {
      const run = await inspectWatched(bytes, mime);
      expect(run.outcome).toBe('material_too_many_pixels');
      expect(run.ms).toBeLessThan(boundMs);
    }
    const error = await inspectInCage(png, 'image/png', '扫描.png', limits).then(String, (e: Error) => e.message);
    expect(error).toBe(
      '文件 扫描.png 中的图片为 100000×100000 像素，超过 8000 万 像素的上限：请以 300 dpi 重新扫描，或缩小图片后再导入',
    );
  });

  it('refuses a truncated PDF as damaged', async () => {
    const whole = await makePdf(3);
    const run = await inspectWatched(whole.subarray(0, Math.floor(whole.length / 3)), 'application/pdf');
    expect(run.outcome).toBe('material_pdf_unreadable');
  });

  it('kills the worker at the deadline or when its heap is full, and refuses the file as too complex', async () => {
    const pdf = await makePdf(50);
    expect((await inspectWatched(pdf, 'application/pdf', { ...cageLimits, wallMs: 1 })).outcome).toBe(
      'material_too_complex',
    );
    // 100,000 little objects: pdf-lib's objects for them do not fit in a 32 MB heap.
    const objects = Array.from({ length: 100_000 }, (_, i) => `${i + 10} 0 obj\n[${i} 1 2 3 (x)]\nendobj\n`);
    const crowded = Buffer.concat([Buffer.from(`%PDF-1.7\n${objects.join('')}`, 'latin1'), pdf.subarray(9)]);
    const run = await inspectWatched(crowded, 'application/pdf', { ...cageLimits, heapMb: 32 });
    expect(run.outcome).toBe('material_too_complex');
    expect(run.ms).toBeLessThan(boundMs);
  });
});

describe('the cage: genuine files', () => {
  it('passes a multi-page PDF and photos, with their pages and pixel sizes', async () => {
    expect(await inspectInCage(await makePdf(12), 'application/pdf', 'a.pdf', limits)).toEqual({
      pages: 12,
      width: null,
      height: null,
    });
    expect(await inspectInCage(makeJpeg(5, 3), 'image/jpeg', 'a.jpg', limits)).toEqual({
      pages: 1,
      width: 5,
      height: 3,
    });
    // An A4 page at 600 dpi is within the cap.
    const a4 = withPngSize(makePng(3, 2), 4961, 7016);
    expect(await inspectInCage(a4, 'image/png', 'a4.png', limits)).toEqual({ pages: 1, width: 4961, height: 7016 });
  });

  it('refuses too many pages with the page count', async () => {
    expect(await rejectionCode(inspectInCage(await makePdf(8), 'application/pdf', 'a.pdf', { maxPdfPages: 5 }))).toBe(
      'material_too_many_pages',
    );
  });
});
