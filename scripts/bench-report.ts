// `npx tsx scripts/bench-report.ts [--json FILE]`: how long the supervisor's report takes.
//   report.2000.compute_ms      2,000 cases made through the case service over a week; the week's report
//   report.100k.compute_ms      100,000 decisions over a year (seeded with SQL); the year's report
//   report.2000.gen_ms          the same report computed and made into its PDF
//   report.100k.day_ms          the same database, one day's report
// Each is the median of several runs after one warm-up.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { Clock } from '../main/app/clock';
import { createWorkstation } from '../main/app/services';
import { loadDocumentFont } from '../main/documents/font';
import { dailyReportPdf } from '../main/reports/daily-pdf';
import { prng } from '../main/testing/prng';
import { completeResidenceDraft } from '../main/testing/intake-fixtures';
import { testCatalog } from '@yichuang/domain/testing/catalog';
import { makePng } from '@yichuang/domain/testing/images';
import { addClerk, sampleWindow } from '../main/testing/workstation';
import type { Decision } from '@yichuang/domain/cases';
import { formatCaseNumber } from '@yichuang/domain/cases';
import { hallDate } from '@yichuang/domain/hall-time';
import { benchProtectors } from './bench-keys';

const resourcesDir = resolve(__dirname, '..', 'resources');

/** A workstation in a temp directory with the test catalog, a clerk and one stored scan; the clock moves by hand. */
async function open(start: string) {
  const dir = mkdtempSync(join(tmpdir(), 'yichuang-bench-report-'));
  let current = Date.parse(start);
  const clock: Clock & { set(ms: number): void } = { now: () => new Date(current), set: (ms) => (current = ms) };
  const ws = await createWorkstation({
    dataDir: dir,
    protectors: benchProtectors(dir),
    resourcesDir,
    clock,
    logToFiles: false,
    logLevel: 'silent',
    deviceSources: [],
  });
  const { staff, catalog, materials, settings, cases, reports } = ws.services;
  // A window's settings are never invented (numbering refuses without them): the bench sets them.
  settings.update(sampleWindow);
  catalog.load(testCatalog(), 'central');
  const clerk = await addClerk(staff, { username: 'bench', displayName: '压测', windowNumber: 1 });
  const file = await materials.put(makePng(40, 30, 1), 'scan.png');
  return {
    sqlite: ws.sqlite,
    clock,
    settings,
    cases,
    reports,
    clerk,
    file,
    async close() {
      await ws.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function median(run: () => void, times: number): number {
  run();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return Math.round(samples[Math.floor(times / 2)]! * 10) / 10;
}

/** 2,000 cases through the service, a week round the clock, accepted, supplemented (some resumed), rejected. */
async function twoThousand(metrics: Record<string, number>): Promise<void> {
  const w = await open('2026-11-21T16:00:00.000Z');
  try {
    w.sqlite.pragma('synchronous = NORMAL'); // seeding speed only; the report reads the same rows
    const random = prng(7);
    const waiting: string[] = [];
    let base = Date.parse('2026-11-21T16:00:00.000Z');
    const seedStart = performance.now();
    for (let i = 0; i < 2000; i++) {
      base += (0.5 + random() * 8.4) * 60_000;
      w.clock.set(base);
      w.settings.update({ windowNumber: 1 + Math.floor(random() * 6) });
      const roll = random();
      if (roll < 0.08 && waiting.length > 0) {
        const id = waiting.shift()!;
        const resumed = w.cases.resume(w.clerk, id);
        w.clock.set(base + random() * 20 * 60_000);
        w.cases.decide(w.clerk, id, resumed.revision, { kind: 'accept' });
        continue;
      }
      const created = w.cases.create(w.clerk, 'TEST-JZZ-001');
      if (roll < 0.12) continue;
      const saved = w.cases.saveDraft(w.clerk, created.id, created.revision, completeResidenceDraft(w.file));
      w.clock.set(base + random() * 40 * 60_000);
      const decision: Decision =
        roll < 0.7
          ? { kind: 'accept' }
          : roll < 0.9
            ? { kind: 'supplement', items: [{ itemId: 'residence-proof', reason: '缺少' }], note: '' }
            : { kind: 'reject', reasonCode: 'not-eligible', text: '' };
      w.cases.decide(w.clerk, created.id, saved.revision, decision);
      if (decision.kind === 'supplement') waiting.push(created.id);
    }
    w.sqlite.pragma('synchronous = FULL');
    console.log(
      `seeded 2,000 cases through the case service in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
    );
    w.clock.set(base + 3_600_000);
    metrics['report.2000.compute_ms'] = median(() => w.reports.daily({ from: '2026-11-22', to: '2026-11-28' }), 10);
    // The printed report: computed and laid out as the PDF, font already loaded.
    const font = await loadDocumentFont(join(resourcesDir, 'fonts', 'NotoSansSC-Regular.ttf'));
    const makePdf = () => dailyReportPdf(w.reports.daily({ from: '2026-11-22', to: '2026-11-28' }), font);
    let pdf = await makePdf();
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      pdf = await makePdf();
      runs.push(performance.now() - start);
    }
    runs.sort((a, b) => a - b);
    metrics['report.2000.gen_ms'] = Math.round(runs[2]!);
    metrics['report.2000.pdf_bytes'] = pdf.length;
  } finally {
    await w.close();
  }
}

/** 100,000 decided cases over 2026, 10% of them decided again after a resume, written with SQL in big transactions. */
async function hundredThousand(metrics: Record<string, number>): Promise<void> {
  const w = await open('2026-12-31T09:00:00.000Z');
  try {
    const { sqlite } = w;
    const random = prng(11);
    const insertCase =
      sqlite.prepare(`INSERT INTO cases (id, number, version, state, revision, matter_code, matter_name,
      subject, catalog_version, applicant_name, applicant_id_masked, draft, clerk_id, clerk_name, window_number,
      created_day, created_at, updated_at, decided_at, accepted_at, promised_date)
      VALUES (?, ?, ?, ?, 3, ?, ?, 'individual', 1, ?, '370303********1234', '{}', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insertDecision = sqlite.prepare(`INSERT INTO case_decisions (case_id, version, kind, at, clerk_id, clerk_name,
      window_number, detail, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, '{}', ?)`);
    const insertAudit = sqlite.prepare(`INSERT INTO audit_log (at, user_id, username, action, target, result, detail,
      prev_hash, hash) VALUES (?, ?, 'bench', 'cases.resume', ?, 'ok', ?, ?, ?)`);
    const insertPrint = sqlite.prepare(`INSERT INTO print_jobs (document_key, kind, case_id, copy_number, copies,
      backend, printer, state, bytes, clerk_id, clerk_name, window_number, created_at)
      VALUES (?, 'receipt', ?, ?, ?, 'cups', 'HP', ?, 1000, ?, '压测', 1, ?)`);
    const matters = ['M-001', 'M-002', 'M-003', 'M-004', 'M-005', 'M-006', 'M-007', 'M-008'];
    const yearStart = Date.parse('2025-12-31T16:00:00.000Z');
    const yearMs = 365 * 86_400_000;
    const seedStart = performance.now();
    let decisions = 0;
    const batch = sqlite.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const createdMs = yearStart + Math.floor((i / 100_000) * yearMs);
        const created = new Date(createdMs).toISOString();
        const day = hallDate(new Date(createdMs));
        const windowNumber = 1 + (i % 12);
        const number = formatCaseNumber('370303', day, windowNumber, i);
        const matter = matters[i % matters.length]!;
        const id = randomUUID();
        const first = new Date(createdMs + (5 + random() * 30) * 60_000).toISOString();
        const resumed = random() < 0.1;
        const roll = random();
        const lastKind = roll < 0.75 ? 'accept' : roll < 0.85 && !resumed ? 'supplement' : 'reject';
        const kind1 = resumed ? 'supplement' : lastKind;
        const state = { accept: 'accepted', supplement: 'supplement_requested', reject: 'rejected' }[lastKind];
        const resumeAt = new Date(Date.parse(first) + 86_400_000).toISOString();
        const second = new Date(Date.parse(resumeAt) + 10 * 60_000).toISOString();
        const decided = resumed ? second : first;
        insertCase.run(
          id,
          number,
          resumed ? 2 : 1,
          state,
          matter,
          `事项 ${matter}`,
          '张三',
          w.clerk.id,
          '压测',
          windowNumber,
          day,
          created,
          decided,
          decided,
          state === 'accepted' ? decided : null,
          state === 'accepted' ? hallDate(new Date(Date.parse(decided) + 7 * 86_400_000)) : null,
        );
        insertDecision.run(id, 1, kind1, first, w.clerk.id, '压测', windowNumber, 'b'.repeat(64));
        decisions++;
        if (resumed) {
          insertAudit.run(resumeAt, w.clerk.id, id, JSON.stringify({ number, version: 2 }), 'x', 'y');
          insertDecision.run(id, 2, lastKind, second, w.clerk.id, '压测', windowNumber, 'b'.repeat(64));
          decisions++;
        }
        if (i % 3 === 0)
          insertPrint.run(`receipt:${id}`, id, 0, 1 + (i % 2), i % 10 ? 'succeeded' : 'failed', w.clerk.id, first);
      }
    });
    for (let from = 0; decisions < 100_000; from += 10_000) batch(from, from + 10_000);
    sqlite.exec('ANALYZE');
    console.log(`seeded ${decisions} decisions with SQL in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
    const year = w.reports.daily({ from: '2026-01-01', to: '2026-12-31' });
    console.log(
      `year: ${year.totals.decided} decisions, ${year.due.overdue.length} overdue and ${year.due.within3.length} due rows`,
    );
    metrics['report.100k.compute_ms'] = median(() => w.reports.daily({ from: '2026-01-01', to: '2026-12-31' }), 5);
    metrics['report.100k.day_ms'] = median(() => w.reports.daily({ from: '2026-11-27', to: '2026-11-27' }), 10);
  } finally {
    await w.close();
  }
}

/** Every report metric (about 40 s: most of it seeding). */
export async function reportBench(): Promise<Record<string, number>> {
  const metrics: Record<string, number> = {};
  await twoThousand(metrics);
  await hundredThousand(metrics);
  return metrics;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { json: { type: 'string' } } });
  const metrics = await reportBench();
  for (const [name, value] of Object.entries(metrics)) console.log(`${name.padEnd(28)} ${value}`);
  if (values.json) writeFileSync(values.json, JSON.stringify(metrics, null, 2));
}

if (require.main === module) void main();
