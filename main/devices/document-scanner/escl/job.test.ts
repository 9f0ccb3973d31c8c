import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScanSettings } from '../../../../preload/contract/document-scanners';
import { AppError } from '../../../../preload/contract/errors';
import type { ScannedPage } from '../backend';
import { createEsclHttp } from './http';
import { checkPage, runEsclJob, scanRequestFor } from './job';
import { capabilitiesXml, statusXml } from './simulator-xml';
import { scriptedServer, type ScriptedReply, type ScriptedServer } from './testing/scripted-server';
import { buildScanSettings, parseScannerCapabilities, parseScanSettings } from './xml';

const settings: ScanSettings = { source: 'adf', mode: 'gray', resolution: 100, pageSize: 'a4' };
const caps = capabilitiesXml({ name: 'Scripted', uuid: '00000000-0000-4000-8000-000000000000', serial: 'S1' });
const idle = (adf = 'ScannerAdfLoaded', jobs: Parameters<typeof statusXml>[0]['jobs'] = []) =>
  statusXml({ state: 'Idle', adf, jobs });

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/** A device scripted for one job: `next` answers each NextDocument in turn; `after` is the status once the job started. */
async function device(options: {
  next: (ScriptedReply | 'reset')[];
  location?: string;
  post?: ScriptedReply;
  after?: string;
}): Promise<ScriptedServer> {
  let started = false;
  return scriptedServer((method, path) => {
    if (path === '/eSCL/ScannerCapabilities') return { status: 200, body: caps };
    if (path === '/eSCL/ScannerStatus')
      return { status: 200, body: started ? (options.after ?? idle('ScannerAdfEmpty')) : idle() };
    if (method === 'POST') {
      started = true;
      return options.post ?? { status: 201, headers: { Location: options.location ?? '/eSCL/ScanJobs/j1' } };
    }
    if (path.endsWith('/NextDocument')) return options.next.shift() ?? { status: 404 };
    if (method === 'DELETE') return { status: 200 };
    return { status: 404 };
  });
}

async function run(origin: string, signal = new AbortController().signal) {
  const http = createEsclHttp({ retries: 1, backoffMs: 5 });
  const pages: ScannedPage[] = [];
  try {
    const timing = { notReadyPauseMs: 5, notReadyLimit: 3, pageTimeoutMs: 2_000 };
    for await (const page of runEsclJob({ http, base: `${origin}/eSCL`, settings, signal, timing })) pages.push(page);
    return { pages, error: null as unknown };
  } catch (error) {
    return { pages, error };
  } finally {
    http.close();
  }
}

const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ccc' } })
  .png()
  .toBuffer();
const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } })
  .jpeg()
  .toBuffer();

describe('an eSCL job against devices that behave differently', () => {
  it('follows an absolute Location on our own host, waits through "not ready", and takes PNG pages', async () => {
    server = await device({
      location: 'http://NPI3C5E12.local:8080/eSCL/ScanJobs/j1/',
      next: [{ status: 503 }, { status: 503 }, { status: 200, headers: { 'Content-Type': 'image/png' }, body: png }],
    });
    const { pages, error } = await run(server.origin);
    expect(error).toBeNull();
    expect(pages.map((p) => [p.number, p.mime])).toEqual([[1, 'image/png']]);
    expect(server.requests).toEqual([
      'GET /eSCL/ScannerStatus',
      'GET /eSCL/ScannerCapabilities',
      'POST /eSCL/ScanJobs',
      ...Array<string>(4).fill('GET /eSCL/ScanJobs/j1/NextDocument'),
      'GET /eSCL/ScannerStatus',
    ]);
  });

  it('takes a 404 before any page from the feeder as an empty feeder, and cancels the job', async () => {
    server = await device({ next: [], after: idle('ScannerAdfLoaded') });
    const { pages, error } = await run(server.origin);
    expect(pages).toEqual([]);
    expect(error).toMatchObject({ code: 'docscan_feeder_empty' });
    expect(server.requests.at(-1)).toBe('DELETE /eSCL/ScanJobs/j1');
  });

  it('hears a jam the device reports only in the job’s reasons', async () => {
    const jobs = [
      { id: 'j1', state: 'Aborted' as const, reason: 'AdfJam', imagesCompleted: 1, imagesToTransfer: 0, ageSeconds: 3 },
    ];
    server = await device({
      location: '/eSCL/ScanJobs/j1',
      next: [{ status: 200, headers: { 'Content-Type': 'image/jpeg' }, body: jpeg }],
      after: statusXml({ state: 'Idle', adf: 'ScannerAdfLoaded', jobs }),
    });
    const { pages, error } = await run(server.origin);
    expect(pages).toHaveLength(1);
    expect(error).toMatchObject({ code: 'docscan_jam', params: { page: 2 } });
  });

  it('asks the status why a job was refused', async () => {
    let posted = false;
    server = await scriptedServer((method, path) => {
      if (path === '/eSCL/ScannerCapabilities') return { status: 200, body: caps };
      if (path === '/eSCL/ScannerStatus')
        return {
          status: 200,
          body: posted ? statusXml({ state: 'Processing', adf: 'ScannerAdfLoaded', jobs: [] }) : idle(),
        };
      posted = true;
      return { status: 409 };
    });
    expect((await run(server.origin)).error).toMatchObject({ code: 'docscan_busy' });
  });

  it('gives up on a page that is never ready, and on an answer it does not understand', async () => {
    server = await device({ next: Array<ScriptedReply>(10).fill({ status: 503 }) });
    expect((await run(server.origin)).error).toMatchObject({ code: 'docscan_timeout' });
    expect(server.requests.at(-1)).toBe('DELETE /eSCL/ScanJobs/j1');
    await server.close();
    server = await device({ next: [{ status: 500 }] });
    expect((await run(server.origin)).error).toMatchObject({ code: 'docscan_failed' });
    await server.close();
    server = await device({ post: { status: 201 }, next: [] });
    expect((await run(server.origin)).error).toMatchObject({ code: 'docscan_protocol' });
  });
});

describe('checkPage', () => {
  const answer = (type: string, body: Buffer) => ({ status: 200, headers: { 'content-type': type }, body });

  it('takes whole JPEG and PNG pages, with a charset or zero padding after the end marker', () => {
    expect(checkPage(answer('image/jpeg; charset=binary', jpeg), 4)).toMatchObject({ number: 4, mime: 'image/jpeg' });
    expect(checkPage(answer('image/jpeg', Buffer.concat([jpeg, Buffer.alloc(16)])), 1).mime).toBe('image/jpeg');
    expect(checkPage(answer('IMAGE/PNG', png), 1).mime).toBe('image/png');
  });

  it('refuses a cut-off image and anything not an image, naming the page', () => {
    for (const [type, body] of [
      ['image/jpeg', jpeg.subarray(0, jpeg.length - 5)],
      ['image/jpeg', Buffer.alloc(0)],
      ['image/png', png.subarray(0, png.length - 1)],
      ['application/pdf', Buffer.from('%PDF-1.4')],
      ['', jpeg],
    ] as const) {
      const error = (() => {
        try {
          checkPage(answer(type, body), 7);
        } catch (e) {
          return e;
        }
      })();
      expect(error, type).toMatchObject({ code: 'docscan_bad_page', params: { page: 7 } });
    }
  });
});

describe('scanRequestFor', () => {
  const device = parseScannerCapabilities(caps);

  it('asks for the feeder, both sides, in 300ths of an inch, clamped to the glass', () => {
    const a4 = scanRequestFor({ ...settings, source: 'adf_duplex' }, device);
    expect(a4).toEqual({
      source: 'Feeder',
      duplex: true,
      colorMode: 'Grayscale8',
      resolution: 100,
      region: { xOffset: 0, yOffset: 0, width: 2480, height: 3508 },
      format: 'image/jpeg',
    });
    expect(scanRequestFor({ ...settings, pageSize: 'letter' }, device).region).toMatchObject({
      width: 2550,
      height: 3295,
    });
    expect(scanRequestFor({ ...settings, pageSize: 'max', source: 'flatbed' }, device)).toMatchObject({
      source: 'Platen',
      duplex: false,
      region: { width: 2550, height: 3508 },
    });
  });

  it('writes a ScanSettings document a device (and our simulator) reads back the same', () => {
    const request = scanRequestFor({ ...settings, mode: 'color', resolution: 300 }, device);
    const xml = buildScanSettings(request);
    expect(xml).toContain('xmlns:scan="http://schemas.hp.com/imaging/escl/2011/05/03"');
    expect(xml).toContain('<pwg:InputSource>Feeder</pwg:InputSource>');
    expect(xml).toContain('<scan:Duplex>false</scan:Duplex>');
    expect(xml).toContain('<scan:DocumentFormatExt>image/jpeg</scan:DocumentFormatExt>');
    expect(parseScanSettings(xml)).toEqual(request);
    expect(buildScanSettings({ ...request, source: 'Platen' })).not.toContain('Duplex');
  });

  it('names the setting the device does not offer', () => {
    const noFeeder = { ...device, sources: { flatbed: device.sources.flatbed! } };
    expect(() => scanRequestFor(settings, noFeeder)).toThrow(AppError);
    expect(() => scanRequestFor(settings, noFeeder)).toThrow(/进纸器单面/);
  });
});
