import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/*
 * Electronegativity (Doyensec's static checker for Electron apps) over main/ and preload/: no HIGH
 * finding may appear. LIMIT_NAVIGATION_GLOBAL_CHECK is the exception: it looks for the retired
 * `new-window` event, and navigation is limited by the guard in window.ts.
 */
const root = join(__dirname, '..', '..', '..');
const requireHere = createRequire(join(root, 'package.json'));
const cliPackage = requireHere.resolve('@doyensec/electronegativity/package.json');
const cli = join(
  dirname(cliPackage),
  (requireHere(cliPackage) as { bin: Record<string, string> }).bin.electronegativity!,
);
const allowedHigh = new Set(['LIMIT_NAVIGATION_GLOBAL_CHECK']);
const severities = new Set(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH']);
const confidences = new Set(['TENTATIVE', 'FIRM', 'CERTAIN']);
const header = ['issue', 'severity', 'confidence', 'filename', 'location', 'sample', 'description', 'url'];

interface Finding {
  issue: string;
  severity: string;
  confidence: string;
  filename: string;
  location: string;
}

const work = mkdtempSync(join(tmpdir(), 'yichuang-electronegativity-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) records.push([...record, field]);
  return records;
}

/** Runs the CLI as a user would (offline: the Electron version is given) and reads its CSV strictly. */
async function scan(input: string, name: string): Promise<Finding[]> {
  const out = join(work, `${name}.csv`);
  const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    // It writes the CSV's header and rows with two concurrent fs.writeFile calls; with one libuv
    // thread they land in order instead of the header sometimes overwriting the first rows.
    const child = execFile(
      process.execPath,
      [cli, '-i', input, '-e', '45.5.0', '-o', out],
      { env: { ...process.env, UV_THREADPOOL_SIZE: '1' }, timeout: 100_000 },
      (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }),
    );
  });
  expect(run.code, `electronegativity exit code; stderr: ${run.stderr}`).toBe(0);
  expect(existsSync(out), `${out} written`).toBe(true);
  const [head, ...rows] = parseCsv(readFileSync(out, 'utf8'));
  expect(head?.map((h) => h.trim())).toEqual(header);
  // Every row must be whole: a mangled table could hide a finding.
  for (const row of rows) {
    expect(row, JSON.stringify(row)).toHaveLength(header.length);
    expect(row[0]).toMatch(/^[A-Z][A-Z0-9_]*$/);
    expect(severities, JSON.stringify(row)).toContain(row[1]);
    expect(confidences, JSON.stringify(row)).toContain(row[2]);
  }
  return rows.map(([issue = '', severity = '', confidence = '', filename = '', location = '']) => ({
    issue,
    severity,
    confidence,
    filename,
    location,
  }));
}

function forbiddenHigh(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'HIGH' && !allowedHigh.has(f.issue));
}

let main: Finding[] = [];
let preload: Finding[] = [];
let planted: Finding[] = [];

beforeAll(async () => {
  // A file with a known HIGH finding proves the scan and the reading of its table work.
  const fixture = join(work, 'fixture');
  mkdirSync(fixture);
  writeFileSync(
    join(fixture, 'window.ts'),
    "import { BrowserWindow } from 'electron';\n" +
      'export const w = new BrowserWindow({ webPreferences: { contextIsolation: false } });\n',
  );
  // Side by side: each run spends most of its time failing to reach the network.
  [main, preload, planted] = await Promise.all([
    scan(join(root, 'main'), 'main'),
    scan(join(root, 'preload'), 'preload'),
    scan(fixture, 'fixture'),
  ]);
}, 180_000);

describe('electronegativity', () => {
  it('reports a HIGH finding where there is one', () => {
    expect(planted.some((f) => f.issue === 'CONTEXT_ISOLATION_JS_CHECK' && f.severity === 'HIGH')).toBe(true);
    expect(forbiddenHigh(planted)).not.toEqual([]);
  });

  // An empty table would be lost rows, not a clean scan: the global checks always report here.
  it('finds no HIGH issue in main/', () => {
    expect(main.length, 'rows in the table').toBeGreaterThan(0);
    expect(forbiddenHigh(main)).toEqual([]);
  });

  it('finds no HIGH issue in preload/', () => {
    expect(preload.length, 'rows in the table').toBeGreaterThan(0);
    expect(forbiddenHigh(preload)).toEqual([]);
  });

  it('is not silenced by inline suppression comments', () => {
    const marker = 'eng-' + 'disable';
    const silenced = ['main', 'preload'].flatMap((dir) =>
      readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(ts|tsx|js|html)$/.test(file))
        .filter((file) => readFileSync(join(root, dir, file), 'utf8').includes(marker))
        .map((file) => join(dir, file)),
    );
    expect(silenced).toEqual([]);
  });
});
