import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderPage, type PageSide } from './simulator-pages';
import {
  capabilitiesXml,
  imageInfoXml,
  simulatorMaxHeight,
  simulatorMaxWidth,
  simulatorModes,
  simulatorResolutions,
  statusXml,
  type SimulatedJobInfo,
} from './simulator-xml';
import { parseScanSettings, type EsclScanRequest } from './xml';

/**
 * An eSCL scanner on 127.0.0.1, served the way a multifunction device's small web server does it:
 * capabilities, status, a scan job per POST, one page per GET NextDocument, 404 when the feeder is
 * done, DELETE to cancel. Real enough that sane-airscan drives it (see simulator.test.ts).
 */

export interface FeederLoad {
  sheets: number;
  /** The sheets are printed on both sides; otherwise every back is blank. */
  duplex?: boolean;
  /** Sheets (1-based) whose back is blank even when `duplex`. */
  blankBacks?: number[];
  /** After this many pages (counted from the load), the feeder jams: 404, and ScannerAdfJam until the next load. */
  jamAfterPage?: number;
  /** The page (counted from the load) that arrives broken. */
  fault?: { page: number; kind: 'truncated-jpeg' | 'wrong-content-type' };
  /** Time the feeder takes per page before NextDocument answers (a desk ADF: about 1 s); 0 by default. */
  pageDelayMs?: number;
  /** ScannerCapabilities answers with XML cut off in the middle. */
  capabilitiesXmlError?: boolean;
}

export interface SimulatedJob {
  id: string;
  source: EsclScanRequest['source'];
  duplex: boolean;
  state: SimulatedJobInfo['state'];
  /** Pages this job delivered. */
  pages: number;
  /** Cancelled by a DELETE while it was still running. */
  deleted: boolean;
}

export interface SimulatorState {
  adf: 'loaded' | 'empty' | 'jam';
  sheetsLeft: number;
  /** Pages delivered since the last load. */
  pagesDelivered: number;
  jobs: SimulatedJob[];
  /** Every request, as "METHOD /path", in order. */
  requests: string[];
}

export interface EsclSimulator {
  /** The base URL, http://127.0.0.1:PORT/eSCL. */
  url: string;
  load(feeder: FeederLoad): void;
  state(): SimulatorState;
  close(): Promise<void>;
}

interface Job extends SimulatedJob {
  request: EsclScanRequest;
  /** pwg:JobStateReason. */
  reason: string;
  /** The sheet whose back comes next (duplex). */
  pendingBack: number | null;
  lastSeen: number;
  created: number;
  lastImage: { width: number; height: number; channels: number } | null;
}

// A client that vanished leaves its job running; devices give up on it after a while.
const abandonedJobMs = 60_000;

/** Starts the simulator; `port` 0 (the default) takes any free port. */
export async function createEsclSimulator(options: { port?: number; name?: string } = {}): Promise<EsclSimulator> {
  const device = { name: options.name ?? 'Yichuang eSCL simulator', uuid: randomUUID(), serial: 'YC-SIM-0001' };
  let feeder: FeederLoad = { sheets: 0 };
  let nextSheet = 1;
  let pagesDelivered = 0;
  let jammed = false;
  const jobs: Job[] = [];
  const requests: string[] = [];

  const sheetsLeft = () => Math.max(0, feeder.sheets - nextSheet + 1);
  const adfState = () => (jammed ? 'jam' : sheetsLeft() > 0 ? 'loaded' : 'empty');
  const running = () => jobs.find((j) => j.state === 'Processing');

  function expireAbandoned(now: number): void {
    for (const job of jobs) {
      if (job.state === 'Processing' && now - job.lastSeen > abandonedJobMs)
        [job.state, job.reason] = ['Aborted', 'JobTimedOut'];
    }
  }

  function send(res: http.ServerResponse, status: number, body: Buffer | string = '', type = 'text/xml'): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': bytes.length, Server: 'Yichuang-eSCL-Sim/1.0' });
    res.end(bytes);
  }

  function statusDocument(now: number): string {
    return statusXml({
      state: running() ? 'Processing' : 'Idle',
      adf: { loaded: 'ScannerAdfLoaded', empty: 'ScannerAdfEmpty', jam: 'ScannerAdfJam' }[adfState()],
      jobs: jobs
        .slice(-10)
        .reverse()
        .map((job) => ({
          id: job.id,
          state: job.state,
          reason: job.reason,
          imagesCompleted: job.pages,
          imagesToTransfer: 0,
          ageSeconds: Math.floor((now - job.created) / 1000),
        })),
    });
  }

  function createJob(body: string): { status: number; job?: Job } {
    let request: EsclScanRequest;
    try {
      request = parseScanSettings(body);
    } catch {
      return { status: 400 };
    }
    const supported =
      (simulatorResolutions as readonly number[]).includes(request.resolution) &&
      (simulatorModes as readonly string[]).includes(request.colorMode) &&
      ['image/jpeg', 'application/pdf'].includes(request.format);
    if (!supported) return { status: 409 };
    if (running()) return { status: 503 };
    const now = Date.now();
    const job: Job = {
      id: randomUUID(),
      source: request.source,
      duplex: request.source === 'Feeder' && request.duplex,
      state: 'Processing',
      reason: 'JobScanning',
      pages: 0,
      deleted: false,
      request,
      pendingBack: null,
      lastSeen: now,
      created: now,
      lastImage: null,
    };
    jobs.push(job);
    return { status: 201, job };
  }

  /** The next page of a job: which sheet and side, or null when the job is over (and why). */
  function nextPage(job: Job): { sheet: number; side: PageSide } | null {
    if (job.source === 'Platen') return job.pages === 0 ? { sheet: 1, side: 'front' } : null;
    if (jammed) return null;
    const more = job.pendingBack !== null || sheetsLeft() > 0;
    if (more && feeder.jamAfterPage !== undefined && pagesDelivered >= feeder.jamAfterPage) {
      jammed = true;
      return null;
    }
    if (job.pendingBack !== null) {
      const sheet = job.pendingBack;
      job.pendingBack = null;
      return { sheet, side: 'back' };
    }
    if (sheetsLeft() === 0) return null;
    const sheet = nextSheet++;
    if (job.duplex) job.pendingBack = sheet;
    return { sheet, side: 'front' };
  }

  async function nextDocument(job: Job, res: http.ServerResponse): Promise<void> {
    if (job.state !== 'Processing') return send(res, 404);
    const page = nextPage(job);
    if (!page) {
      [job.state, job.reason] = jammed ? ['Aborted', 'AdfJam'] : ['Completed', 'JobCompletedSuccessfully'];
      return send(res, 404);
    }
    if (feeder.pageDelayMs) await new Promise((done) => setTimeout(done, feeder.pageDelayMs));
    pagesDelivered++;
    job.pages++;
    const { request } = job;
    const clamp = (units: number, max: number) => Math.min(Math.max(units, 16), max);
    const width = Math.round((clamp(request.region.width, simulatorMaxWidth) * request.resolution) / 300);
    const height = Math.round((clamp(request.region.height, simulatorMaxHeight) * request.resolution) / 300);
    const mode = request.colorMode === 'RGB24' ? 'color' : 'gray';
    const blankBack = page.side === 'back' && (!feeder.duplex || (feeder.blankBacks ?? []).includes(page.sheet));
    const jpeg = await renderPage({ ...page, blank: blankBack, width, height, resolution: request.resolution, mode });
    job.lastImage = { width, height, channels: mode === 'color' ? 3 : 1 };
    const fault = feeder.fault?.page === pagesDelivered ? feeder.fault.kind : null;
    if (fault === 'truncated-jpeg') return send(res, 200, jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'image/jpeg');
    if (fault === 'wrong-content-type')
      return send(res, 200, '<html><body>Session expired. Please log in.</body></html>', 'text/html');
    if (request.format === 'application/pdf')
      return send(res, 200, await wrapInPdf(jpeg, width, height, request.resolution), 'application/pdf');
    send(res, 200, jpeg, 'image/jpeg');
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname.replace(/\/+$/, '');
    const method = req.method ?? 'GET';
    requests.push(`${method} ${path}`);
    const body = await readBody(req);
    const now = Date.now();
    expireAbandoned(now);

    if (method === 'GET' && path === '/eSCL/ScannerCapabilities') {
      const xml = capabilitiesXml(device);
      return send(res, 200, feeder.capabilitiesXmlError ? xml.slice(0, Math.floor(xml.length * 0.6)) : xml);
    }
    if (method === 'GET' && path === '/eSCL/ScannerStatus') return send(res, 200, statusDocument(now));
    if (method === 'POST' && path === '/eSCL/ScanJobs') {
      const { status, job } = createJob(body);
      if (!job) return send(res, status);
      res.setHeader('Location', `/eSCL/ScanJobs/${job.id}`);
      return send(res, 201);
    }
    const match = /^\/eSCL\/ScanJobs\/([0-9a-f-]{36})(\/NextDocument|\/ScanImageInfo)?$/.exec(path);
    const job = match ? jobs.find((j) => j.id === match[1]) : undefined;
    if (!match || !job) return send(res, 404);
    job.lastSeen = now;
    if (method === 'GET' && match[2] === '/NextDocument') return nextDocument(job, res);
    if (method === 'GET' && match[2] === '/ScanImageInfo') {
      if (!job.lastImage) return send(res, 404);
      const { width, height, channels } = job.lastImage;
      return send(res, 200, imageInfoXml({ id: job.id, width, height, bytesPerLine: width * channels }));
    }
    if (method === 'DELETE' && match[2] === undefined) {
      if (job.state === 'Processing') {
        [job.state, job.reason] = ['Canceled', 'JobCanceledByUser'];
        job.deleted = true;
        // The sheet whose back was still to come has left the feeder; the rest stay in it.
        job.pendingBack = null;
      }
      return send(res, 200);
    }
    send(res, 405);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500);
      else res.destroy();
    });
  });
  // Small devices drop idle connections quickly; clients must cope with that.
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/eSCL`,
    load(load) {
      feeder = { ...load, blankBacks: [...(load.blankBacks ?? [])] };
      nextSheet = 1;
      pagesDelivered = 0;
      jammed = false;
    },
    state: () => ({
      adf: adfState(),
      sheetsLeft: sheetsLeft(),
      pagesDelivered,
      jobs: jobs.map(({ id, source, duplex, state, pages, deleted }) => ({
        id,
        source,
        duplex,
        state,
        pages,
        deleted,
      })),
      requests: [...requests],
    }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // A ScanSettings document is under a kilobyte.
      if (size > 64 * 1024) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** One scanned page as a PDF, for a client that asks for application/pdf. */
async function wrapInPdf(jpeg: Buffer, width: number, height: number, resolution: number): Promise<Buffer> {
  const { PDFDocument } = await import('pdf-lib');
  const pdf = await PDFDocument.create();
  const image = await pdf.embedJpg(jpeg);
  const [w, h] = [(width / resolution) * 72, (height / resolution) * 72];
  pdf.addPage([w, h]).drawImage(image, { x: 0, y: 0, width: w, height: h });
  return Buffer.from(await pdf.save());
}
