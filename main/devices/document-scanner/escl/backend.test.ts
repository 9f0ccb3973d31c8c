import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ScanSettings } from '../../../../preload/contract/document-scanners';
import { scannerCapabilitiesSchema, scannerStatusSchema } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import type { ScannedPage } from '../backend';
import { createEsclBackend, esclScannerRef, type EsclBackend } from './backend';
import { createEsclSimulator, type EsclSimulator } from './simulator';

// Low resolution throughout: the behaviour is the same at 300 dpi, only slower.
const simplex: ScanSettings = { source: 'adf', mode: 'gray', resolution: 100, pageSize: 'a4' };
const duplex: ScanSettings = { ...simplex, source: 'adf_duplex' };

let sim: EsclSimulator;
let backend: EsclBackend;
beforeAll(async () => {
  sim = await createEsclSimulator();
  backend = createEsclBackend({
    addresses: () => [sim.url],
    http: { retries: 2, backoffMs: 10 },
    timing: { notReadyPauseMs: 10 },
  });
});
afterAll(async () => {
  backend.close();
  await sim.close();
});

const scanner = () => esclScannerRef(sim.url);

/** Scans, collecting pages until the end or the error. */
async function collect(settings: ScanSettings, signal = new AbortController().signal, target = scanner()) {
  const pages: ScannedPage[] = [];
  try {
    for await (const page of backend.scan(target, settings, signal)) pages.push(page);
    return { pages, error: null };
  } catch (error) {
    return { pages, error };
  }
}

function expectAppError(error: unknown, code: string, params?: Record<string, unknown>) {
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (params) expect((error as AppError).params).toMatchObject(params);
}

async function meanAndSpread(page: ScannedPage) {
  const stats = await sharp(page.bytes).stats();
  return { mean: stats.channels[0]!.mean, stdev: stats.channels[0]!.stdev };
}

describe('eSCL backend against the simulator', () => {
  afterEach(() => sim.load({ sheets: 0 }));

  it('lists typed addresses, reads capabilities and status', async () => {
    expect(await backend.list()).toEqual([
      { id: `escl:${sim.url}`, kind: 'escl', name: new URL(sim.url).host, address: sim.url },
    ]);
    const caps = scannerCapabilitiesSchema.parse(await backend.capabilities(scanner()));
    expect(caps).toMatchObject({ sources: ['flatbed', 'adf', 'adf_duplex'], modes: ['color', 'gray'] });
    expect(caps.resolutions).toEqual([100, 150, 200, 300, 600]);
    expect(caps.maxWidthMm).toBeCloseTo(215.9, 1);
    sim.load({ sheets: 0 });
    expect(scannerStatusSchema.parse(await backend.status(scanner()))).toMatchObject({
      state: 'feeder_empty',
      code: 'docscan_feeder_empty',
    });
    sim.load({ sheets: 2 });
    expect((await backend.status(scanner())).state).toBe('idle');
  });

  it('scans every sheet of the feeder, one side, as whole JPEGs in order', async () => {
    sim.load({ sheets: 3 });
    const { pages, error } = await collect(simplex);
    expect(error).toBeNull();
    expect(pages.map((p) => [p.number, p.mime])).toEqual([
      [1, 'image/jpeg'],
      [2, 'image/jpeg'],
      [3, 'image/jpeg'],
    ]);
    const meta = await sharp(pages[0]!.bytes).metadata();
    // A4 at 100 dpi, grey as asked.
    expect([meta.width, meta.height, meta.channels]).toEqual([827, 1169, 1]);
    expect(sim.state()).toMatchObject({
      adf: 'empty',
      jobs: [expect.objectContaining({ state: 'Completed', pages: 3 })],
    });
  });

  it('scans both sides, front and back in turn, delivering a blank back too', async () => {
    sim.load({ sheets: 2, duplex: true, blankBacks: [1] });
    const { pages, error } = await collect({ ...duplex, mode: 'color' });
    expect(error).toBeNull();
    expect(pages.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect((await sharp(pages[0]!.bytes).metadata()).channels).toBe(3);
    const spreads = await Promise.all(pages.map(meanAndSpread));
    // Page 2 is sheet 1's blank back: near white, nearly flat; the printed ones are not.
    expect(spreads[1]!.mean).toBeGreaterThan(240);
    expect(spreads[1]!.stdev).toBeLessThan(5);
    for (const i of [0, 2, 3]) expect(spreads[i]!.stdev, `page ${i + 1}`).toBeGreaterThan(20);
  });

  it('scans the one page on the glass', async () => {
    sim.load({ sheets: 0 });
    const { pages, error } = await collect({ ...simplex, source: 'flatbed', pageSize: 'a5' });
    expect(error).toBeNull();
    expect(pages).toHaveLength(1);
    const meta = await sharp(pages[0]!.bytes).metadata();
    expect([meta.width, meta.height]).toEqual([583, 827]);
  });

  it('keeps the pages before a jam and says which page jammed', async () => {
    sim.load({ sheets: 5, jamAfterPage: 2 });
    const { pages, error } = await collect(simplex);
    expect(pages.map((p) => p.number)).toEqual([1, 2]);
    expectAppError(error, 'docscan_jam', { page: 3 });
    expect(sim.state().adf).toBe('jam');
    // Still jammed until the clerk reloads: the next scan refuses at once.
    const again = await collect(simplex);
    expectAppError(again.error, 'docscan_jam', { page: 1 });
    expect((await backend.status(scanner())).state).toBe('jam');
  });

  it('says the feeder is empty', async () => {
    sim.load({ sheets: 0 });
    const before = sim.state().requests.length;
    const { pages, error } = await collect(simplex);
    expect(pages).toEqual([]);
    expectAppError(error, 'docscan_feeder_empty');
    expect(sim.state().requests.slice(before)).toEqual(['GET /eSCL/ScannerStatus']);
  });

  it('refuses a truncated JPEG and a page of the wrong type, and cancels the job', async () => {
    sim.load({ sheets: 3, fault: { page: 2, kind: 'truncated-jpeg' } });
    const truncated = await collect(simplex);
    expect(truncated.pages.map((p) => p.number)).toEqual([1]);
    expectAppError(truncated.error, 'docscan_bad_page', { page: 2 });
    expect(sim.state().jobs.at(-1)).toMatchObject({ state: 'Canceled', deleted: true });

    sim.load({ sheets: 3, fault: { page: 1, kind: 'wrong-content-type' } });
    const wrong = await collect(simplex);
    expect(wrong.pages).toEqual([]);
    expectAppError(wrong.error, 'docscan_bad_page', { page: 1 });
    expect((wrong.error as AppError).message).toContain('text/html');
    expect(sim.state().jobs.at(-1)).toMatchObject({ state: 'Canceled', deleted: true });
  });

  it('reports unreadable capabilities as a protocol error', async () => {
    sim.load({ sheets: 2, capabilitiesXmlError: true });
    await expect(backend.capabilities(scanner())).rejects.toMatchObject({ code: 'docscan_protocol' });
    const { pages, error } = await collect(simplex);
    expect(pages).toEqual([]);
    expectAppError(error, 'docscan_protocol');
  });

  it('refuses settings the scanner does not offer before starting a job', async () => {
    sim.load({ sheets: 2 });
    const jobs = sim.state().jobs.length;
    const { error } = await collect({ ...simplex, mode: 'lineart' });
    expectAppError(error, 'docscan_unsupported');
    expect((error as AppError).message).toContain('黑白');
    expectAppError((await collect({ ...simplex, resolution: 250 })).error, 'docscan_unsupported');
    expect(sim.state().jobs).toHaveLength(jobs);
  });

  it('stops quietly when aborted mid-job, and deletes the job at the scanner', async () => {
    sim.load({ sheets: 5 });
    const controller = new AbortController();
    const pages: ScannedPage[] = [];
    for await (const page of backend.scan(scanner(), simplex, controller.signal)) {
      pages.push(page);
      if (pages.length === 2) controller.abort();
    }
    expect(pages.map((p) => p.number)).toEqual([1, 2]);
    const job = sim.state().jobs.at(-1)!;
    expect(job).toMatchObject({ state: 'Canceled', deleted: true, pages: 2 });
    expect(sim.state().sheetsLeft).toBe(3);
    // Breaking out of the loop cancels the same way.
    sim.load({ sheets: 4 });
    for await (const page of backend.scan(scanner(), simplex, new AbortController().signal))
      if (page.number === 1) break;
    expect(sim.state().jobs.at(-1)).toMatchObject({ state: 'Canceled', deleted: true, pages: 1 });
  });

  it('says the scanner is busy while another job runs', async () => {
    sim.load({ sheets: 3 });
    const first = backend.scan(scanner(), simplex, new AbortController().signal)[Symbol.asyncIterator]();
    expect((await first.next()).value).toMatchObject({ number: 1 });
    expect((await backend.status(scanner())).state).toBe('busy');
    expectAppError((await collect(simplex)).error, 'docscan_busy');
    await first.return?.();
  });
});

describe('eSCL backend when the scanner goes away', () => {
  it('says which page was lost when the scanner vanishes mid-job, then that it does not answer', async () => {
    const gone = await createEsclSimulator();
    const b = createEsclBackend({ addresses: () => [], http: { retries: 2, backoffMs: 10 } });
    try {
      gone.load({ sheets: 4 });
      const pages: ScannedPage[] = [];
      let error: unknown = null;
      try {
        for await (const page of b.scan(esclScannerRef(gone.url), simplex, new AbortController().signal)) {
          pages.push(page);
          if (pages.length === 1) await gone.close();
        }
      } catch (e) {
        error = e;
      }
      expect(pages).toHaveLength(1);
      expectAppError(error, 'docscan_gone', { page: 2 });
      expect(await b.status(esclScannerRef(gone.url))).toMatchObject({ state: 'offline', code: 'docscan_timeout' });
      await expect(b.capabilities(esclScannerRef(gone.url))).rejects.toMatchObject({ code: 'docscan_timeout' });
    } finally {
      b.close();
    }
  });
});

describe('eSCL scanner list', () => {
  it('lists typed and discovered scanners once each, the discovered name winning', async () => {
    const b = createEsclBackend({
      addresses: () => ['10.0.0.5', 'not a url at all://', 'http://10.0.0.6/eSCL'],
      discovery: () => Promise.resolve([esclScannerRef('http://10.0.0.6/eSCL', 'Canon MF643C')]),
    });
    expect((await b.list()).map((r) => [r.id, r.name])).toEqual([
      ['escl:http://10.0.0.5/eSCL', '10.0.0.5'],
      ['escl:http://10.0.0.6/eSCL', 'Canon MF643C'],
    ]);
    const failing = createEsclBackend({
      addresses: () => ['10.0.0.5'],
      discovery: () => Promise.reject(new Error('no multicast')),
    });
    expect(await failing.list()).toHaveLength(1);
  });
});
