import { afterEach, describe, expect, it } from 'vitest';
import { createWorkstation, type Workstation } from '../app/services';
import { testProtectors } from '../testing/keys';
import {
  createFakeClock,
  createTestWorkstation,
  resourcesDir,
  setUpAdmin,
  type TestWorkstation,
} from '../testing/workstation';

/**
 * The workstation checks its own audit chain at start (and before each report to central): an
 * entry edited behind the triggers' back stops the audit reports and says so; case work goes on.
 */

let t: TestWorkstation | null = null;
let again: Workstation | null = null;
afterEach(async () => {
  await again?.close();
  again = null;
  await t?.dispose();
  t = null;
});

async function restart(dataDir: string, logSink: (line: string) => void): Promise<Workstation> {
  return createWorkstation({
    dataDir,
    resourcesDir,
    protectors: testProtectors(),
    clock: createFakeClock(),
    logToFiles: false,
    logSink,
    deviceSources: [],
    sync: { autoStart: false },
  });
}

describe('the audit chain checked on this PC', () => {
  it('an intact chain reports nothing; an entry edited with the triggers dropped is found at the next start', async () => {
    t = await createTestWorkstation();
    await setUpAdmin(t.workstation);
    expect(t.workstation.services.sync.status().auditCheck).toBeNull();
    await t.workstation.close();

    const intactLines: string[] = [];
    again = await restart(t.dataDir, (line) => intactLines.push(line));
    expect(again.services.sync.status().auditCheck).toBeNull();
    // The insider's edit: drop the trigger that forbids it, change who did what.
    again.sqlite.exec('DROP TRIGGER audit_log_no_update');
    again.sqlite.prepare(`UPDATE audit_log SET username = 'someone-else' WHERE seq = 1`).run();
    await again.close();

    const lines: string[] = [];
    again = await restart(t.dataDir, (line) => lines.push(line));
    expect(again.services.sync.status().auditCheck).toBe('broken_here');
    const report = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.firstBadSeq !== undefined);
    expect(report).toMatchObject({ firstBadSeq: 1, problem: 'hash_mismatch' });
    // Case work goes on.
    expect(again.services.cases.list({ offset: 0, limit: 5 }).total).toBe(0);
  });
});
