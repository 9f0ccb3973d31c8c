// The document scanner's numbers: a page from the scanner to its thumbnail (bench-scan-pages.ts),
// and 10 pages through real `scanimage -d test` end to end — the workstation's scan service with its
// SANE route, page processing and the encrypted material store — against `scanimage` alone writing
// the same pages, in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScanJob, ScanSettings } from '../preload/contract/document-scanners';
import { platformScannerRoutes } from '../main/devices/document-scanner/routes';
import { privateSaneConfig } from '../main/devices/document-scanner/testing/sane-config';
import { until } from '../main/testing/wait';
import {
  addClerk,
  call,
  createTestWorkstation,
  newSession,
  setUpAdmin,
  strongPassword,
} from '../main/testing/workstation';
import { benchScanPages } from './bench-scan-pages';

/**
 * The test backend's grid (black lines 10 mm apart on white) as an A4 colour page at 200 dpi, its
 * feeder holding 10 sheets: like a document, mostly paper with black marks. Its "Color pattern"
 * (full-bleed colour stripes, the JPEG encoder's worst case) measured 0.80 on this machine.
 */
const testConf = {
  'test-picture': 'Grid',
  geometry_max: 300,
  br_x: 210,
  br_y: 297,
};
const settings: ScanSettings = { source: 'adf', mode: 'color', resolution: 200, pageSize: 'a4' };
const runs = 3;

/** `scanimage` alone: the same device, source, mode, resolution, area and format, into a folder. */
async function scanimageAlone(env: NodeJS.ProcessEnv): Promise<{ ms: number; pages: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'yichuang-bench-scan-'));
  const args = [
    '-d',
    'test:0',
    '--source',
    'Automatic Document Feeder',
    '--mode',
    'Color',
    '--resolution',
    '200',
    '-x',
    '210',
    '-y',
    '297',
    '--format=png',
    `--batch=${join(folder, 'p%04d.png')}`,
  ];
  const started = performance.now();
  await new Promise<void>((done, fail) => {
    const child = spawn('scanimage', args, { env: { ...env, LC_ALL: 'C' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The feeder running out ends a batch with status 7 once pages were scanned.
    child.once('exit', (code) => (code === 0 || code === 7 ? done() : fail(new Error(`scanimage ${code}: ${stderr}`))));
  });
  const ms = performance.now() - started;
  const pages = readdirSync(folder).filter((f) => f.endsWith('.png')).length;
  rmSync(folder, { recursive: true, force: true });
  return { ms, pages };
}

/** The whole workstation path: F7's request, the SANE route, processing, the material store, the events. */
async function throughWorkstation(env: NodeJS.ProcessEnv): Promise<{ ms: number; pages: number; job: ScanJob }> {
  const t = await createTestWorkstation({
    config: { scannerRoutes: platformScannerRoutes({ kinds: ['sane'], env, discovery: false }) },
  });
  try {
    await setUpAdmin(t.workstation, newSession());
    await addClerk(t.workstation.services.staff, { username: 'bench', displayName: '测速', windowNumber: 7 });
    const session = newSession();
    await call(t.workstation, session, 'auth.signIn', { username: 'bench', password: strongPassword });
    t.workstation.hub.add(session);
    const listed = await call(t.workstation, session, 'documentScanners.list', { refresh: true });
    const scanner = listed.ok ? listed.value.find((s) => s.address === 'test:0') : undefined;
    if (!scanner) throw new Error('scanimage -d test:0 was not listed');
    const started = performance.now();
    const job = await call(t.workstation, session, 'documentScanners.scan', {
      itemId: 'id-card',
      scannerId: scanner.id,
      settings,
    });
    if (!job.ok) throw new Error(`scan refused: ${job.error.code}`);
    const end = await until(
      () =>
        session.events
          .filter((e) => e.event === 'documentScanners.job')
          .map((e) => e.payload as ScanJob)
          .find((j) => j.jobId === job.value.jobId && ['done', 'failed', 'cancelled'].includes(j.state)),
      120_000,
      'the scan to end',
    );
    const ms = performance.now() - started;
    if (end.state !== 'done') throw new Error(`scan ${end.state}: ${end.error?.message}`);
    return { ms, pages: end.pages, job: end };
  } finally {
    await t.dispose();
  }
}

/** scan.page_overhead_ms, scan.page_kb, scan.sane_test_10_pages_s, scan.scanimage_10_pages_s, scan.ratio_vs_scanimage. */
export async function scanBench(): Promise<Record<string, number>> {
  const pages = await benchScanPages();
  const sane = privateSaneConfig({ test: true, testConf });
  try {
    const alone: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const a = await scanimageAlone(sane.env);
      const o = await throughWorkstation(sane.env);
      if (a.pages !== 10 || o.pages !== 10)
        throw new Error(`expected 10 pages, got ${a.pages} and ${o.pages} (${o.job.state})`);
      alone.push(a.ms);
      ours.push(o.ms);
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    const aloneMs = median(alone);
    const oursMs = median(ours);
    return {
      'scan.page_overhead_ms': Math.round(pages.page_overhead_ms),
      'scan.page_kb': Math.round(pages.page_kb),
      'scan.sane_test_10_pages_s': Number((oursMs / 1000).toFixed(2)),
      'scan.scanimage_10_pages_s': Number((aloneMs / 1000).toFixed(2)),
      'scan.ratio_vs_scanimage': Number((aloneMs / oursMs).toFixed(2)),
    };
  } finally {
    sane.remove();
  }
}

if (process.argv[1]?.endsWith('bench-scan.ts')) {
  scanBench()
    .then((metrics) => {
      for (const [name, value] of Object.entries(metrics)) console.log(`${name}  ${value}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
