import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkstation } from '../app/services';
import { testProtectors } from '../testing/keys';
import {
  addClerk,
  call,
  createFakeClock,
  createTestWorkstation,
  newSession,
  resourcesDir,
  setUpAdmin,
  strongPassword,
  type TestWorkstation,
} from '../testing/workstation';
import { recoverDataKey } from './data-key';

let t: TestWorkstation | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe('the recovery code for the administrator', () => {
  it('waits sealed from the first start until the sheet is printed, survives a restart, and is then forgotten', async () => {
    t = await createTestWorkstation();
    const { session } = await setUpAdmin(t.workstation);
    const status = await call(t.workstation, session, 'security.status', {});
    expect(status.ok && status.value).toMatchObject({ protectedBy: 'passphrase', recoveryPending: true });
    expect(status.ok && status.value.protectors).toEqual(['passphrase', 'recovery']);

    const first = await call(t.workstation, session, 'security.recovery', {});
    if (!first.ok || !first.value) throw new Error('no recovery code waiting');
    const { code, sheet } = first.value;
    expect(code).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(Buffer.from(sheet.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    // The waiting code is sealed on disk: not in any file in the clear.
    for (const name of readdirSync(t.dataDir)) {
      if (name.includes('.')) continue;
      const path = join(t.dataDir, name);
      try {
        expect(readFileSync(path).includes(Buffer.from(code))).toBe(false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
      }
    }
    // Each look at it is in the audit trail.
    expect(t.workstation.services.audit.list({ limit: 10 }).entries.map((e) => e.action)).toContain(
      'security.recovery',
    );

    // A restart before the sheet is printed does not lose it.
    await t.workstation.close();
    const again = await createWorkstation({
      dataDir: t.dataDir,
      resourcesDir,
      protectors: testProtectors(),
      logToFiles: false,
      logLevel: 'silent',
      clock: createFakeClock(),
      deviceSources: [],
      sync: { autoStart: false },
    });
    t = { ...t, workstation: again };
    const signed = newSession();
    expect((await call(again, signed, 'auth.signIn', { username: 'admin', password: strongPassword })).ok).toBe(true);
    const after = await call(again, signed, 'security.recovery', {});
    expect(after.ok && after.value?.code).toBe(code);

    const saved = await call(again, signed, 'security.recoverySaved', {});
    expect(saved.ok && saved.value.recoveryPending).toBe(false);
    const gone = await call(again, signed, 'security.recovery', {});
    expect(gone.ok && gone.value).toBeNull();
    // Only on paper now: and the paper's code still opens the key.
    expect(
      (await recoverDataKey({ dataDir: t.dataDir, recoveryCode: code, protectors: testProtectors() })).length,
    ).toBe(32);
  });

  it('a renewed code replaces the old sheet; only the administrator may see or renew it', async () => {
    t = await createTestWorkstation();
    const { session } = await setUpAdmin(t.workstation);
    const old = await call(t.workstation, session, 'security.recovery', {});
    const renewed = await call(t.workstation, session, 'security.renewRecovery', {});
    if (!old.ok || !old.value || !renewed.ok) throw new Error('no code');
    expect(renewed.value.code).not.toBe(old.value.code);
    await expect(
      recoverDataKey({ dataDir: t.dataDir, recoveryCode: old.value.code, protectors: testProtectors() }),
    ).rejects.toThrow(/恢复密钥不对/);

    await addClerk(t.workstation.services.staff, { username: 'clerk', displayName: '窗口', windowNumber: 7 });
    const clerk = newSession();
    expect((await call(t.workstation, clerk, 'auth.signIn', { username: 'clerk', password: strongPassword })).ok).toBe(
      true,
    );
    for (const channel of ['security.status', 'security.recovery', 'security.renewRecovery'] as const) {
      const refused = await call(t.workstation, clerk, channel, {});
      expect(refused.ok ? 'ok' : refused.error.code, channel).toBe('forbidden');
    }
  });

  it('a damaged waiting code reads as none, and a renewal makes a new one', async () => {
    t = await createTestWorkstation();
    const { session } = await setUpAdmin(t.workstation);
    writeFileSync(join(t.dataDir, 'recovery-pending'), 'garbage');
    const none = await call(t.workstation, session, 'security.recovery', {});
    expect(none.ok && none.value).toBeNull();
    const renewed = await call(t.workstation, session, 'security.renewRecovery', {});
    expect(renewed.ok).toBe(true);
  });
});
