// Runs every check a clean machine can run, in order, and ends with one line CI can read:
// `N passed, N failed, N skipped` (lint, typecheck, format and build count as one check each).
import { spawn, spawnSync } from 'node:child_process';
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

/** Runs a step with its output kept, to be printed whole when it ends (steps that run side by side). */
function runQuietly(label, command, args) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, FORCE_COLOR: '0' } });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (status) => {
      console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
      process.stdout.write(Buffer.concat(output));
      console.log(`=== ${label}: exit ${status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(status === 0);
    });
  });
}

function count(label, ok) {
  if (ok) totals.passed += 1;
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

// The static checks and the build read the tree and write nothing the others read: on two cores
// they run side by side (about a minute less than one after another), each printed when it ends.
const staticSteps = [
  ['lint', 'npx', ['eslint', '--max-warnings', '0', '.']],
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['format', 'npx', ['prettier', '--check', '--log-level', 'warn', '.']],
  ['build', 'npm', ['run', '--silent', 'build']],
];
const staticStarted = Date.now();
const staticResults = await Promise.all(staticSteps.map(([label, command, args]) => runQuietly(label, command, args)));
console.log(`=== static checks and build: ${((Date.now() - staticStarted) / 1000).toFixed(1)} s side by side`);
staticSteps.forEach(([label], i) => count(label, staticResults[i]));
const built = staticResults[3];

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
