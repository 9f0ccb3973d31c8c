import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { privateSaneConfig, type PrivateSaneConfig } from '../testing/sane-config';
import { createEsclSimulator, type EsclSimulator } from './simulator';
import { buildScanSettings } from './xml';

// The simulator is real eSCL when an independent client, Debian's sane-airscan driven by scanimage,
// scans from it. SANE reads only the private configuration (airscan alone, discovery off).

const deviceName = 'Yichuang eSCL simulator';
let sim: EsclSimulator;
let sane: PrivateSaneConfig;
let work: string;
let device = '';
let sources: string[] = [];

/** Runs scanimage in `cwd` (async: the simulator answers from this same process). */
function scanimage(args: string[], cwd = work): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('scanimage', args, { cwd, env: sane.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Scans the whole feeder into a fresh folder; returns the page files in order. */
async function batch(source: string, extra: string[] = []) {
  const dir = mkdtempSync(join(work, 'batch-'));
  const result = await scanimage(
    ['-d', device, '--source', source, `--batch=${dir}/p%d.png`, '--format=png', ...extra],
    dir,
  );
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort((a, b) => Number(a.slice(1, -4)) - Number(b.slice(1, -4)))
    .map((f) => join(dir, f));
  return { ...result, files };
}

beforeAll(async () => {
  sim = await createEsclSimulator({ name: deviceName });
  sane = privateSaneConfig({ airscan: [{ name: deviceName, url: sim.url }] });
  work = mkdtempSync(join(tmpdir(), 'yichuang-escl-sim-'));
  const listed = await scanimage(['-L']);
  device = /device `([^']+)' is a/.exec(listed.stdout)?.[1] ?? '';
  const options = await scanimage(['-d', device, '-A']);
  sources = /--source ([^[\n]+) \[/.exec(options.stdout)?.[1]?.trim().split('|') ?? [];
}, 30_000);
afterAll(async () => {
  await sim.close();
  sane.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('the eSCL simulator, scanned by sane-airscan', () => {
  it('is listed and offers the glass, the feeder and duplex', () => {
    expect(device).toBe(`airscan:e0:${deviceName}`);
    expect(sources).toEqual(['Flatbed', 'ADF', 'ADF Duplex']);
  });

  it('gives one page per sheet from the feeder, at the asked resolution', async () => {
    sim.load({ sheets: 3 });
    const { code, stderr, files } = await batch('ADF', ['--resolution', '200']);
    expect(code, stderr).toBe(0);
    expect(files).toHaveLength(3);
    const meta = await sharp(files[0]).metadata();
    // The whole glass (215.9 × 297 mm) at 200 dpi, in colour (scanimage's default).
    expect([meta.width, meta.height, meta.channels]).toEqual([1700, 2339, 3]);
    expect(sim.state()).toMatchObject({ adf: 'empty', pagesDelivered: 3 });
  });

  it('gives two pages per sheet in duplex, a blank back included, in grey when asked', async () => {
    sim.load({ sheets: 2, duplex: true, blankBacks: [2] });
    const { code, stderr, files } = await batch('ADF Duplex', ['--resolution', '100', '--mode', 'Gray']);
    expect(code, stderr).toBe(0);
    expect(files).toHaveLength(4);
    const stats = await Promise.all(files.map((f) => sharp(f).stats()));
    expect(stats.map((s) => s.channels.length)).toEqual([1, 1, 1, 1]);
    const spread = stats.map((s) => s.channels[0]!.stdev);
    expect(spread[3]).toBeLessThan(5);
    for (const s of spread.slice(0, 3)) expect(s).toBeGreaterThan(20);
  });

  it('makes scanimage say the feeder is empty, and jammed after the pages before the jam', async () => {
    sim.load({ sheets: 0 });
    const empty = await batch('ADF', ['--resolution', '100']);
    expect(empty.files).toHaveLength(0);
    expect(empty.stderr).toMatch(/out of documents/i);

    sim.load({ sheets: 4, jamAfterPage: 2 });
    const jammed = await batch('ADF', ['--resolution', '100']);
    expect(jammed.files).toHaveLength(2);
    expect(jammed.stderr).toMatch(/jammed/i);
    expect(sim.state().adf).toBe('jam');
  });
});

describe('the eSCL simulator, asked directly', () => {
  it('answers ScanImageInfo and wraps a page in a PDF when asked for one', async () => {
    sim.load({ sheets: 1 });
    const settings = buildScanSettings({
      source: 'Feeder',
      duplex: false,
      colorMode: 'Grayscale8',
      resolution: 100,
      region: { xOffset: 0, yOffset: 0, width: 2480, height: 3508 },
      format: 'application/pdf',
    });
    const created = await fetch(`${sim.url}/ScanJobs`, {
      method: 'POST',
      body: settings,
      headers: { 'Content-Type': 'text/xml' },
    });
    expect(created.status).toBe(201);
    const job = new URL(created.headers.get('location')!, sim.url).href;
    const page = await fetch(`${job}/NextDocument`);
    expect(page.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await page.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const info = await (await fetch(`${job}/ScanImageInfo`)).text();
    expect(info).toContain('<scan:ActualWidth>827</scan:ActualWidth>');
    expect((await fetch(`${job}/NextDocument`)).status).toBe(404);
    expect(
      (await fetch(`${sim.url}/ScanJobs`, { method: 'POST', body: settings.replace('>100<', '>123<') })).status,
    ).toBe(409);
    expect((await fetch(`${sim.url}/ScanJobs`, { method: 'POST', body: 'not xml' })).status).toBe(400);
  });
});
