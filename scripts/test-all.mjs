// Runs every check a clean machine can run, in order, and ends with one line CI can read:
// `N passed, N failed, N skipped` (lint, typecheck, format and build count as one check each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  console.log(`=== ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

function check(label, command, args) {
  if (run(label, command, args)) totals.passed += 1;
  else {
    totals.failed += 1;
    failures.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

rmSync('test-results', { recursive: true, force: true });
mkdirSync('test-results', { recursive: true });

check('lint', 'npx', ['eslint', '--max-warnings', '0', '.']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']);
const built = run('build', 'npm', ['run', '--silent', 'build']);
if (built) totals.passed += 1;
else {
  totals.failed += 1;
  failures.push('build');
}

// vitest runs every unit test once per time-zone project (vitest.config.mts: TZ=UTC and
// TZ=America/Los_Angeles; the crash test in UTC only). Its JSON report counts each run of a test, so a
// test run in both zones counts twice here, once per zone, and a failure in either zone fails.
const vitestOk = run('vitest', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile=test-results/vitest.json',
]);
const vitest = readJson('test-results/vitest.json');
if (vitest) {
  const counted = vitest.numPassedTests + vitest.numFailedTests + vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  console.log(
    `=== vitest: ${vitest.numTotalTests} test runs over the time-zone projects: ${vitest.numPassedTests} passed, ` +
      `${vitest.numFailedTests} failed, ${vitest.numPendingTests + (vitest.numTodoTests ?? 0)} skipped`,
  );
  if (counted !== vitest.numTotalTests)
    console.log(`=== vitest: the report counts ${counted} of ${vitest.numTotalTests}`);
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  if (vitest.numFailedTests > 0 || !vitestOk) failures.push('vitest');
  if (!vitestOk && vitest.numFailedTests === 0) totals.failed += 1; // a suite that failed to load
} else {
  totals.failed += 1;
  failures.push('vitest (no report)');
}

if (built) {
  const playwrightOk = run('playwright', 'npx', ['playwright', 'test']);
  const report = readJson('test-results/playwright.json');
  if (report && existsSync('test-results/playwright.json')) {
    const { expected = 0, unexpected = 0, skipped = 0, flaky = 0 } = report.stats ?? {};
    totals.passed += expected + flaky;
    totals.failed += unexpected;
    totals.skipped += skipped;
    if (unexpected > 0 || !playwrightOk) failures.push('playwright');
    if (!playwrightOk && unexpected === 0) totals.failed += 1;
  } else {
    totals.failed += 1;
    failures.push('playwright (no report)');
  }
} else {
  console.log('=== playwright: not run, the build failed');
  totals.failed += 1;
}

if (failures.length > 0) console.log(`\nFailed: ${failures.join(', ')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
