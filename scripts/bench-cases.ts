// Case benchmarks for `npm run bench`: search in a database of many cases, and decisions at the
// window's pace (one transaction each, WAL with synchronous = FULL, as the workstation runs).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createWorkstation, type Workstation } from '../main/app/services';
import type { Actor } from '../main/cases/model';
import type { CaseService } from '../main/cases/service';
import { makePng } from '@yichuang/domain/testing/images';
import { addClerk, sampleWindow } from '../main/testing/workstation';
import type { CaseDraft } from '@yichuang/domain/cases';
import { emptyDraft, emptyItemState, formatCaseNumber } from '@yichuang/domain/cases';
import type { Matter } from '@yichuang/domain/catalog';
import { citizenIdCheckChar, maskIdNumber } from '@yichuang/domain/id-numbers';
import { checklistFor } from '../preload/contract/intake';
import type { StoredFile } from '../preload/contract/materials';
import type { Percentile } from './bench-idcard';
import { benchProtectors } from './bench-keys';
import { plainFigures } from './bench-plain';

const root = resolve(__dirname, '..');
const surnames =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const given =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉斌宇浩凯健俊帆帅旭宁龙林欣佳怡雪婷丹琳晨阳峰建文晓东海波志';

/** A deterministic pseudo-random sequence, so runs compare. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function pick<T>(r: () => number, list: ArrayLike<T>): T {
  return list[Math.floor(r() * list.length)]!;
}

function syntheticId(r: () => number): string {
  const year = 1940 + Math.floor(r() * 66);
  const month = 1 + Math.floor(r() * 12);
  const day = 1 + Math.floor(r() * 28);
  const first17 = `370303${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(Math.floor(r() * 1000)).padStart(3, '0')}`;
  return first17 + citizenIdCheckChar(first17)!;
}

function completeDraft(matter: Matter, name: string, idNumber: string, file: StoredFile): CaseDraft {
  const draft = emptyDraft(matter.code);
  draft.person = { ...draft.person, name, idNumber, phone: '13805331234', source: 'card' };
  for (const field of matter.formFields) {
    const value =
      field.type === 'select'
        ? field.options![0]!
        : field.type === 'date'
          ? '2026-03-01'
          : field.type === 'phone'
            ? '13805331234'
            : field.type === 'idNumber'
              ? idNumber
              : field.type === 'number'
                ? String(Math.max(field.min ?? 1, 1))
                : field.key === 'name'
                  ? name
                  : '张店区人民西路 88 号';
    draft.form[field.key] = value;
  }
  const page = {
    sha256: file.sha256,
    mime: file.mime,
    pages: 1,
    rotation: 0 as const,
    name: 'scan.png',
    via: 'import' as const,
    addedAt: '2026-11-27T02:00:00.000Z',
  };
  for (const entry of checklistFor(matter, draft)) {
    draft.items[entry.item.id] = {
      ...emptyItemState(),
      files: [page],
      originalChecked: true,
      copies: entry.item.copies,
    };
  }
  return draft;
}

/**
 * Fills the database with `count` decided cases as fast as SQLite takes them (big transactions,
 * prepared statements): the rows a window would have written over years, with the same columns,
 * digests and materials metadata as the service writes.
 */
function seed(ws: Workstation, count: number, clerk: Actor, matters: Matter[], file: StoredFile) {
  const sqlite = ws.sqlite;
  const digest = (id: string) => ws.services.cases.digestOf(id);
  const r = rng(42);
  const insertCase =
    sqlite.prepare(`INSERT INTO cases (id, number, version, state, revision, matter_code, matter_name, subject,
      catalog_version, applicant_id, applicant_name, applicant_id_digest, applicant_id_masked, agent_id_digest, draft, clerk_id,
      clerk_name, window_number, created_day, created_at, updated_at, decided_at, accepted_at, promised_date, promised_provisional)
      VALUES (?, ?, 1, ?, 3, ?, ?, 'individual', 1, NULL, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`);
  const insertMaterial =
    sqlite.prepare(`INSERT INTO case_materials (case_id, version, item_id, name, required, status, pages,
      original_checked, copies, e_licence, files, position) VALUES (?, 1, ?, ?, 1, 'complete', 1, 1, 1, 0, ?, ?)`);
  const insertDecision =
    sqlite.prepare(`INSERT INTO case_decisions (case_id, version, kind, at, clerk_id, clerk_name, window_number,
      detail, content_hash) VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?)`);
  const files = JSON.stringify([
    { sha256: file.sha256, mime: file.mime, pages: 1, rotation: 0, name: 'scan.png', via: 'import' },
  ]);
  const sample: { number: string; name: string; id: string }[] = [];
  const start = Date.UTC(2024, 0, 2);
  const perDay = Math.max(1, Math.ceil(count / 700));
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const dayIndex = Math.floor(i / perDay);
      const at = new Date(start + dayIndex * 86_400_000 + 3_600_000 + (i % perDay) * 20_000);
      const day = at.toISOString().slice(0, 10);
      const windowNumber = 1 + (i % 20);
      const seq = 1 + Math.floor((i % perDay) / 20);
      const number = formatCaseNumber('370303', day, windowNumber, seq);
      const name = pick(r, surnames) + pick(r, given) + (r() < 0.6 ? pick(r, given) : '');
      const id = syntheticId(r);
      const matter = pick(r, matters);
      const roll = r();
      const state = roll < 0.8 ? 'accepted' : roll < 0.93 ? 'supplement_requested' : 'rejected';
      const caseId = randomUUID();
      const iso = at.toISOString();
      const draft = JSON.stringify({
        ...emptyDraft(matter.code),
        person: { ...emptyDraft().person, name, idNumber: id },
      });
      insertCase.run(
        caseId,
        number,
        state,
        matter.code,
        matter.name,
        name,
        digest(id),
        maskIdNumber(id),
        draft,
        clerk.id,
        clerk.displayName,
        windowNumber,
        day,
        iso,
        iso,
        iso,
        state === 'accepted' ? iso : null,
        state === 'accepted' ? day : null,
      );
      matter.materials.slice(0, 4).forEach((item, position) => {
        insertMaterial.run(caseId, item.id, item.name, files, position);
      });
      insertDecision.run(
        caseId,
        state === 'accepted' ? 'accept' : state === 'rejected' ? 'reject' : 'supplement',
        iso,
        clerk.id,
        clerk.displayName,
        windowNumber,
        '{"supplementItems":[],"rejectReason":null,"note":""}',
        'b'.repeat(64),
      );
      if (i % Math.max(1, Math.floor(count / 1000)) === 0) sample.push({ number, name, id });
    }
  });
  for (let from = 0; from < count; from += 50_000) batch(from, Math.min(count, from + 50_000));
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.exec('ANALYZE');
  return sample;
}

/** The bench's workstation on `dataDir`, encrypted under the bench passphrase. */
function openBenchWorkstation(dataDir: string) {
  return createWorkstation({
    dataDir,
    protectors: benchProtectors(dataDir),
    resourcesDir: join(root, 'resources'),
    logToFiles: false,
    logLevel: 'silent',
    deviceSources: [],
  });
}

/**
 * At the window: 300 drafts saved, then accepted — each decision is one transaction (number,
 * promised date, materials rows, decision row, applicant registry, audit entry), fsynced.
 */
function decisionsPerSecond(cases: CaseService, clerk: Actor, matter: Matter, file: StoredFile): number {
  const drafts = [];
  for (let i = 0; i < 300; i++) {
    const r = rng(1000 + i);
    const created = cases.create(clerk, matter.code);
    const saved = cases.saveDraft(
      clerk,
      created.id,
      created.revision,
      completeDraft(matter, '李' + pick(r, given), syntheticId(r), file),
    );
    drafts.push({ id: created.id, revision: saved.revision });
  }
  const insertStart = performance.now();
  for (const d of drafts) cases.decide(clerk, d.id, d.revision, { kind: 'accept' });
  return Math.round(drafts.length / ((performance.now() - insertStart) / 1000));
}

export async function casesBench(percentile: Percentile, count: number): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yichuang-bench-cases-'));
  const ws = await openBenchWorkstation(dataDir);
  try {
    const { staff, catalog, materials, cases, settings } = ws.services;
    // A window's settings are never invented (numbering refuses without them): the bench sets them.
    settings.update(sampleWindow);
    const clerk = await addClerk(staff, { username: 'bench', displayName: '压测', windowNumber: 1 });
    const individual = catalog.matters().filter((m) => m.subject === 'individual');
    const file = await materials.put(makePng(64, 48, 1), 'scan.png');

    const seedStart = performance.now();
    const sample = seed(ws, count, clerk, individual, file);
    const seedSeconds = (performance.now() - seedStart) / 1000;

    const out: Record<string, number> = {};
    const search = (label: string, queries: string[]) => {
      const samples: number[] = [];
      for (const q of queries) {
        const t0 = performance.now();
        const result = cases.list({ search: q, offset: 0, limit: 50 });
        samples.push(performance.now() - t0);
        if (result.total === 0) throw new Error(`search ${label} found nothing for ${q}`);
      }
      samples.sort((a, b) => a - b);
      out[`cases.search.${label}.p95_ms`] = Number(percentile(samples, 95).toFixed(2));
    };
    search(
      'number',
      sample.map((s) => s.number),
    );
    search(
      'name',
      sample.map((s) => s.name),
    );
    search(
      'id_number',
      sample.map((s) => s.id),
    );
    const listStart = performance.now();
    cases.list({ offset: 0, limit: 50 });
    out['cases.list.first_page_ms'] = Number((performance.now() - listStart).toFixed(2));

    const matter = individual[0]!;
    out['cases.insert_per_s'] = decisionsPerSecond(cases, clerk, matter, file);

    out['cases.count'] = count;
    out['cases.seed_s'] = Math.round(seedSeconds);
    ws.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    out['cases.db_mb'] = Math.round(statSync(join(dataDir, 'yichuang.db')).size / 1024 / 1024);
    await ws.close();
    // The same name searches and decisions on a decrypted copy: what encryption costs.
    const plain = await plainFigures(
      dataDir,
      join(root, 'resources'),
      sample.map((s) => s.name),
      percentile,
      (plainCases) => decisionsPerSecond(plainCases, clerk, matter, file),
    );
    out['cases.search.name_plain.p95_ms'] = plain.searchP95;
    out['cases.insert_plain_per_s'] = plain.insertPerS;
    out['db.open_plain_ms'] = plain.openMs;
    // Opening the same encrypted folder again: the passphrase's scrypt (key.unwrap_ms) apart from
    // opening the database with its key and reading its schema (db.open_ms).
    const reopened = await openBenchWorkstation(dataDir);
    out['key.unwrap_ms'] = Math.round(reopened.opened.timings.keyUnwrapMs);
    out['db.open_ms'] = Number(reopened.opened.timings.dbOpenMs.toFixed(1));
    await reopened.close();
    return out;
  } finally {
    await ws.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
