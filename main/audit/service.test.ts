import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorkstation, type TestWorkstation } from '../testing/workstation';
import { genesisHash, hashEntry } from '@yichuang/domain/audit-chain';

let t: TestWorkstation;

beforeEach(async () => {
  t = await createTestWorkstation();
});
afterEach(() => t.dispose());

/** Six entries, one minute apart. */
function appendSix(): void {
  const { audit } = t.workstation.services;
  const records = [
    { userId: null, username: 'admin', action: 'setup.initialize', target: 'admin', result: 'ok' as const },
    {
      userId: 1,
      username: 'admin',
      action: 'staff.create',
      target: 'zhang',
      result: 'ok' as const,
      detail: { role: 'clerk' },
    },
    {
      userId: null,
      username: 'zhang',
      action: 'auth.signIn',
      target: 'zhang',
      result: 'failed' as const,
      code: 'bad_credentials',
    },
    { userId: 2, username: 'zhang', action: 'auth.signIn', target: 'zhang', result: 'ok' as const },
    { userId: 2, username: 'zhang', action: 'staff.list', result: 'denied' as const, code: 'forbidden' },
    { userId: 2, username: 'zhang', action: 'session.lock', target: 'idle', result: 'ok' as const },
  ];
  for (const record of records) {
    audit.append(record);
    t.clock.advanceMinutes(1);
  }
}

function rawRow(seq: number): Record<string, unknown> {
  return t.workstation.sqlite.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as Record<string, unknown>;
}

function dropTriggers(): void {
  t.workstation.sqlite.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('audit service: append and list', () => {
  it('appends entries chained from the genesis hash with the clock time', () => {
    const { audit } = t.workstation.services;
    const first = audit.append({
      userId: null,
      username: 'admin',
      action: 'setup.initialize',
      result: 'ok',
      detail: { a: 1 },
    });
    expect(first).toEqual({
      seq: 1,
      at: '2025-06-16T01:00:00.000Z',
      userId: null,
      username: 'admin',
      action: 'setup.initialize',
      target: null,
      result: 'ok',
      code: null,
      detail: { a: 1 },
    });
    t.clock.advanceMinutes(5);
    const second = audit.append({ userId: 1, username: 'admin', action: 'auth.signOut', result: 'ok' });
    expect(second.seq).toBe(2);
    expect(second.at).toBe('2025-06-16T01:05:00.000Z');

    const row1 = rawRow(1);
    const row2 = rawRow(2);
    expect(row1.prev_hash).toBe(genesisHash);
    expect(row2.prev_hash).toBe(row1.hash);
    expect(row1.detail).toBe('{"a":1}');
    expect(row1.hash).toBe(
      hashEntry({
        seq: 1,
        at: '2025-06-16T01:00:00.000Z',
        userId: null,
        username: 'admin',
        action: 'setup.initialize',
        target: null,
        result: 'ok',
        code: null,
        detail: '{"a":1}',
        prevHash: genesisHash,
      }),
    );
  });

  it('lists newest first with filters, paging and a total', () => {
    appendSix();
    const { audit } = t.workstation.services;
    const all = audit.list({ limit: 100 });
    expect(all.total).toBe(6);
    expect(all.entries.map((e) => e.seq)).toEqual([6, 5, 4, 3, 2, 1]);

    const page = audit.list({ limit: 2, beforeSeq: 5 });
    expect(page.entries.map((e) => e.seq)).toEqual([4, 3]);
    expect(page.total).toBe(6);

    const signIns = audit.list({ limit: 100, action: 'auth.signIn' });
    expect(signIns.entries.map((e) => e.seq)).toEqual([4, 3]);
    expect(signIns.total).toBe(2);

    const zhangFailed = audit.list({ limit: 100, username: 'ZHANG', result: 'failed' });
    expect(zhangFailed.entries).toHaveLength(1);
    expect(zhangFailed.entries[0]).toMatchObject({ seq: 3, code: 'bad_credentials', target: 'zhang' });
    expect(zhangFailed.total).toBe(1);

    expect(audit.list({ limit: 100, result: 'denied' }).entries[0]).toMatchObject({ seq: 5, action: 'staff.list' });
    expect(audit.list({ limit: 100, action: 'staff.create' }).entries[0]!.detail).toEqual({ role: 'clerk' });
  });
});

describe('audit service: verify', () => {
  it('verifies an empty trail', () => {
    expect(t.workstation.services.audit.verify()).toEqual({
      ok: true,
      count: 0,
      headHash: null,
      firstBadSeq: null,
      problem: null,
    });
  });

  it('verifies a fresh chain of several entries', () => {
    appendSix();
    expect(t.workstation.services.audit.verify()).toEqual({
      ok: true,
      count: 6,
      headHash: rawRow(6).hash,
      firstBadSeq: null,
      problem: null,
    });
  });

  it('goes on from an entry verified before: new entries checked, a changed anchor found', () => {
    appendSix();
    const { audit } = t.workstation.services;
    const anchor = { seq: 4, hash: rawRow(4).hash as string };
    expect(audit.verify(anchor)).toEqual({
      ok: true,
      count: 6,
      headHash: rawRow(6).hash,
      firstBadSeq: null,
      problem: null,
    });
    expect(audit.verify({ seq: 6, hash: rawRow(6).hash as string })).toMatchObject({ ok: true, count: 6 });
    dropTriggers();
    t.workstation.sqlite.prepare("UPDATE audit_log SET username = 'mallory' WHERE seq = 5").run();
    expect(audit.verify(anchor)).toMatchObject({ ok: false, firstBadSeq: 5, problem: 'hash_mismatch' });
    // The anchor itself rewritten (its hash recomputed): no longer the entry verified before.
    t.workstation.sqlite.prepare("UPDATE audit_log SET hash = 'x' WHERE seq = 4").run();
    expect(audit.verify(anchor)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'hash_mismatch' });
  });

  it('the database refuses UPDATE and DELETE on audit_log (append-only triggers)', () => {
    appendSix();
    const { sqlite } = t.workstation;
    expect(() => sqlite.prepare("UPDATE audit_log SET username = 'mallory' WHERE seq = 3").run()).toThrow(
      'audit_log is append-only',
    );
    expect(() => sqlite.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow('audit_log is append-only');
    expect(() => sqlite.prepare('DELETE FROM audit_log').run()).toThrow('audit_log is append-only');
    expect(rawRow(3).username).toBe('zhang');
    expect(sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 6 });
    expect(t.workstation.services.audit.verify().ok).toBe(true);
  });

  describe('after an attacker drops the triggers', () => {
    beforeEach(() => {
      appendSix();
      dropTriggers();
    });

    it('detects an edited field of a middle entry', () => {
      t.workstation.sqlite.prepare("UPDATE audit_log SET result = 'ok', code = NULL WHERE seq = 3").run();
      expect(t.workstation.services.audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 3,
        problem: 'hash_mismatch',
        headHash: null,
      });
    });

    it('detects an edited entry whose hash was recomputed (the next link breaks)', () => {
      const { sqlite } = t.workstation;
      sqlite.prepare("UPDATE audit_log SET username = 'mallory' WHERE seq = 3").run();
      const row = sqlite
        .prepare(
          `SELECT seq, at, user_id AS userId, username, action, target, result, code, detail, prev_hash AS prevHash
             FROM audit_log WHERE seq = 3`,
        )
        .get() as Parameters<typeof hashEntry>[0];
      sqlite.prepare('UPDATE audit_log SET hash = ? WHERE seq = 3').run(hashEntry(row));
      expect(t.workstation.services.audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 4,
        problem: 'link_broken',
      });
    });

    it('detects a deleted middle entry', () => {
      t.workstation.sqlite.prepare('DELETE FROM audit_log WHERE seq = 3').run();
      expect(t.workstation.services.audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 4,
        problem: 'sequence_gap',
      });
    });

    it('detects a deleted first entry', () => {
      t.workstation.sqlite.prepare('DELETE FROM audit_log WHERE seq = 1').run();
      expect(t.workstation.services.audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 2,
        problem: 'sequence_gap',
      });
    });

    it('detects two entries reordered by swapping their seq numbers', () => {
      t.workstation.sqlite.exec(`
        UPDATE audit_log SET seq = -1 WHERE seq = 2;
        UPDATE audit_log SET seq = 2 WHERE seq = 3;
        UPDATE audit_log SET seq = 3 WHERE seq = -1;
      `);
      expect(rawRow(2).action).toBe('auth.signIn');
      expect(t.workstation.services.audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 2,
        problem: 'link_broken',
      });
    });

    it('detects a forged entry inserted in the middle', () => {
      const { sqlite } = t.workstation;
      // Make room at seq 4 by moving 4..6 up one, then insert a forged seq 4 with a self-consistent hash.
      sqlite.exec(
        'UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4; UPDATE audit_log SET seq = seq - 99 WHERE seq >= 104;',
      );
      const prev = rawRow(3);
      const forged = {
        seq: 4,
        at: '2025-06-16T01:03:30.000Z',
        userId: 1,
        username: 'admin',
        action: 'staff.update',
        target: 'zhang',
        result: 'ok',
        code: null,
        detail: null,
        prevHash: prev.hash as string,
      };
      sqlite
        .prepare(
          `INSERT INTO audit_log (seq, at, user_id, username, action, target, result, code, detail, prev_hash, hash)
           VALUES (@seq, @at, @userId, @username, @action, @target, @result, @code, @detail, @prevHash, @hash)`,
        )
        .run({ ...forged, hash: hashEntry(forged) });
      expect(t.workstation.services.audit.verify()).toMatchObject({
        ok: false,
        firstBadSeq: 5,
        problem: 'link_broken',
      });
    });
  });
});
