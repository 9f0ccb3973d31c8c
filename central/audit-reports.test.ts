import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPrefix, type AuditBatch, type AuditEntryWire } from '@yichuang/domain/protocol';
import { buildTrail, rehashTrail, testSigner, type TestSigner } from '@yichuang/domain/testing/audit-trail';
import { workstations } from './db/schema';
import { engines, enrolWindow, startCentral, type RunningCentral } from './testing/central';

/**
 * The audit trail at central, attacked as an insider at the window would: entries edited,
 * deleted, reordered and the hashes recomputed with the key in hand, an old report replayed, the
 * chain forked, a report signed by another key or not chaining at all. Each is refused over HTTP,
 * the anchor stays where it was, and central raises one alert for it; the genuine trail goes on.
 */

describe.each(engines)('audit reports at central over %s', (engine) => {
  let c: RunningCentral;
  let authorization: string;
  let workstationId: string;
  let signer: TestSigner;
  const trail = buildTrail(12);

  beforeAll(async () => {
    c = await startCentral({ engine });
    const window = await enrolWindow(c.central, 5);
    authorization = window.authorization;
    workstationId = window.workstation.id;
    signer = window.signer;
  }, 60_000);
  afterAll(async () => {
    await c?.dispose();
  });

  const report = async (batch: AuditBatch, auth = authorization) => {
    const res = await fetch(`${c.url}${apiPrefix}/audit/entries`, {
      method: 'POST',
      headers: { authorization: auth, 'content-type': 'application/json' },
      body: JSON.stringify(batch),
    });
    return {
      status: res.status,
      body: (await res.json()) as { status: string; sequence: number | null; code?: string },
    };
  };
  const signed = (entries: AuditEntryWire[]) => signer.batch(workstationId, entries);
  const anchor = async () =>
    (await (await fetch(`${c.url}${apiPrefix}/audit/anchor`, { headers: { authorization } })).json()) as {
      sequence: number | null;
      hash: string | null;
      keyRegistered: boolean;
    };
  const alerts = async () => (await c.central.auditHeads.anomalies()).filter((a) => a.workstationId === workstationId);
  const range = (from: number, to: number) => trail.filter((e) => e.seq >= from && e.seq <= to);

  it('anchors a signed trail report by report; the entries are kept at central as sent', async () => {
    expect(await anchor()).toEqual({ sequence: null, hash: null, keyRegistered: true });
    expect((await report(signed(range(1, 5)))).body).toEqual({ status: 'ok', sequence: 5, hash: trail[4]!.hash });
    expect((await report(signed(range(6, 10)))).body).toMatchObject({ status: 'ok', sequence: 10 });
    expect(await anchor()).toMatchObject({ sequence: 10, hash: trail[9]!.hash });
    const kept = await c.central.auditHeads.entries(workstationId);
    expect(kept.map((e) => [e.seq, e.hash])).toEqual(range(1, 10).map((e) => [e.seq, e.hash]));
    expect(kept[1]).toMatchObject({ username: 'clerk1', detail: trail[1]!.detail, prevHash: trail[0]!.hash });
    // The newest report again (its answer lost on the way): nothing new, nothing wrong.
    expect((await report(signed(range(6, 10)))).body).toMatchObject({ status: 'ok', sequence: 10 });
    expect(await alerts()).toEqual([]);
  });

  it('an old report replayed is refused and raised once; the anchor stays', async () => {
    const old = signed(range(1, 5));
    expect((await report(old)).body).toEqual({ status: 'replayed', sequence: 10, hash: trail[9]!.hash });
    expect((await report(old)).body.status).toBe('replayed');
    const raised = await alerts();
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({ status: 'replayed', sequence: 5 });
    expect(JSON.parse(raised[0]!.detail)).toEqual({ reason: 'behind', seq: 5, anchor: 10 });
    const trailAtCentral = await c.central.audit.list(workstationId);
    expect(trailAtCentral.map((e) => e.action)).toContain('audit.replayed');
    expect(await anchor()).toMatchObject({ sequence: 10 });
  });

  it('an entry edited and the chain recomputed with the key in hand is refused as a fork', async () => {
    const edited = rehashTrail(trail.map((e) => (e.seq === 3 ? { ...e, username: 'someone-else' } : e)));
    // Sent whole: it differs from what central holds at entry 3.
    const whole = await report(signed(edited));
    expect(whole.body).toMatchObject({ status: 'forked', sequence: 10 });
    // Sent from the anchor on, as the workstation would: entry 11 does not follow central's entry 10.
    const onward = await report(signed(edited.slice(10)));
    expect(onward.body).toMatchObject({ status: 'forked', sequence: 10 });
    const forks = (await alerts()).filter((a) => a.status === 'forked');
    expect(forks.map((f): unknown => JSON.parse(f.detail))).toEqual([
      { reason: 'not_joined', seq: 11, anchor: 10 },
      { reason: 'differs', seq: 3 },
    ]);
  });

  it('an entry deleted (the rest renumbered and recomputed) or two swapped is refused as a fork', async () => {
    const deleted = rehashTrail(trail.filter((e) => e.seq !== 4).map((e, i) => ({ ...e, seq: i + 1 })));
    // Nine entries now, behind central's ten: the window sends its last one for central to judge.
    expect((await report(signed(deleted.slice(-1)))).body.status).toBe('forked');
    const swapped = rehashTrail(
      trail.map((e) => (e.seq === 7 ? { ...trail[7]!, seq: 7 } : e.seq === 8 ? { ...trail[6]!, seq: 8 } : e)),
    );
    expect((await report(signed(swapped.slice(6, 10)))).body.status).toBe('forked');
    expect(await anchor()).toMatchObject({ sequence: 10, hash: trail[9]!.hash });
  });

  it('a fork from the anchored head (a backup restored, then worked on) is refused', async () => {
    // The same head, then other entries 11 and 12 than the genuine ones.
    const other = buildTrail(2, { seq: 10, hash: 'f'.repeat(64) }, 'x');
    const fork = rehashTrail(other, trail[9]!.hash);
    // It extends the head, so it would be accepted: it is the genuine trail's rival only if one was accepted first.
    expect((await report(signed(range(11, 11)))).body).toMatchObject({ status: 'ok', sequence: 11 });
    expect((await report(signed(fork))).body).toMatchObject({ status: 'forked', sequence: 11 });
    expect(await anchor()).toMatchObject({ sequence: 11, hash: trail[10]!.hash });
  });

  it('a report not signed by the registered key, or signed for another workstation, is refused', async () => {
    const stranger = testSigner();
    expect((await report(stranger.batch(workstationId, range(12, 12)))).body.status).toBe('bad_signature');
    expect((await report(signer.batch('00000000-0000-4000-8000-000000000000', range(12, 12)))).body.status).toBe(
      'bad_signature',
    );
    // The entry changed after signing: the signature no longer covers it.
    const batch = signed(range(12, 12));
    const tampered = rehashTrail([{ ...batch.entries[0]!, action: 'case.deny' }], trail[10]!.hash);
    expect((await report({ ...batch, entries: tampered })).body.status).toBe('bad_signature');
  });

  it('a report whose own entries do not chain is refused as invalid', async () => {
    const edited = { ...trail[11]!, username: 'someone-else' };
    expect((await report(signed([edited]))).body.status).toBe('invalid');
    const gap = rehashTrail(buildTrail(1, { seq: 12, hash: trail[11]!.hash }), trail[11]!.hash);
    expect((await report(signed(gap))).body.status).toBe('invalid');
    expect((await alerts()).map((a) => a.status)).toEqual(
      expect.arrayContaining(['replayed', 'forked', 'bad_signature', 'invalid']),
    );
  });

  it('the genuine trail goes on after every refusal', async () => {
    expect((await report(signed(range(12, 12)))).body).toMatchObject({ status: 'ok', sequence: 12 });
    expect((await c.central.auditHeads.entries(workstationId)).map((e) => e.seq)).toEqual(
      range(1, 12).map((e) => e.seq),
    );
  });

  it('refuses a malformed report, a report without a credential, and a key already registered', async () => {
    const bad = await report({ entries: range(12, 12), signature: 'not-a-signature' });
    expect(bad.status).toBe(400);
    expect((await report(signed(range(12, 12)), '')).status).toBe(401);
    const put = (publicKey: string) =>
      fetch(`${c.url}${apiPrefix}/audit/key`, {
        method: 'PUT',
        headers: { authorization, 'content-type': 'application/json' },
        body: JSON.stringify({ publicKey }),
      });
    const replaced = await put(testSigner().publicKey);
    expect(replaced.status).toBe(409);
    expect(((await replaced.json()) as { message: string }).message).toContain('不能更换');
    expect((await put(signer.publicKey)).status).toBe(204);
  });

  it('a workstation enrolled before keys registers one once, then reports with it', async () => {
    const legacy = await enrolWindow(c.central, 6);
    await c.central.database.db
      .update(workstations)
      .set({ auditKey: null })
      .where(eq(workstations.id, legacy.workstation.id));
    const headers = { authorization: legacy.authorization, 'content-type': 'application/json' };
    const unkeyed = await fetch(`${c.url}${apiPrefix}/audit/entries`, {
      method: 'POST',
      headers,
      body: JSON.stringify(legacy.signer.batch(legacy.workstation.id, range(1, 2))),
    });
    expect(unkeyed.status).toBe(409);
    const registered = await fetch(`${c.url}${apiPrefix}/audit/key`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ publicKey: legacy.signer.publicKey }),
    });
    expect(registered.status).toBe(204);
    const accepted = await fetch(`${c.url}${apiPrefix}/audit/entries`, {
      method: 'POST',
      headers,
      body: JSON.stringify(legacy.signer.batch(legacy.workstation.id, range(1, 2))),
    });
    expect(((await accepted.json()) as { status: string }).status).toBe('ok');
    expect((await c.central.audit.list(legacy.workstation.id)).map((e) => e.action)).toContain('workstation.auditKey');
  });
});
