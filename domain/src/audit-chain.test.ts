import { describe, expect, it } from 'vitest';
import { genesisHash, hashEntry, verifyChain, type ChainedFields } from './audit-chain';

type Row = ChainedFields & { hash: string };

/** A correct chain of `n` entries, built independently of the service. */
function buildChain(n: number): Row[] {
  const rows: Row[] = [];
  let prevHash = genesisHash;
  for (let seq = 1; seq <= n; seq += 1) {
    const fields: ChainedFields = {
      seq,
      at: new Date(Date.UTC(2025, 5, 16, 1, seq)).toISOString(),
      userId: seq % 2 === 0 ? 1 : null,
      username: seq % 2 === 0 ? 'admin' : null,
      action: seq % 3 === 0 ? 'staff.create' : 'auth.signIn',
      target: `t${seq}`,
      result: seq === 4 ? 'failed' : 'ok',
      code: seq === 4 ? 'bad_credentials' : null,
      detail: seq === 3 ? JSON.stringify({ role: 'clerk' }) : null,
      prevHash,
    };
    const hash = hashEntry(fields);
    rows.push({ ...fields, hash });
    prevHash = hash;
  }
  return rows;
}

function rehash(row: Row): Row {
  const { hash: _old, ...fields } = row;
  return { ...fields, hash: hashEntry(fields) };
}

describe('hashEntry', () => {
  it('is a sha256 hex digest that changes with every covered field', () => {
    const [row] = buildChain(1);
    const base = row!;
    const hash = hashEntry(base);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEntry({ ...base })).toBe(hash);
    const variants: Partial<ChainedFields>[] = [
      { seq: 2 },
      { at: '2025-06-16T01:02:00.000Z' },
      { userId: 7 },
      { username: 'mallory' },
      { action: 'auth.signOut' },
      { target: 'x' },
      { result: 'denied' },
      { code: 'forbidden' },
      { detail: '{}' },
      { prevHash: 'f'.repeat(64) },
    ];
    for (const change of variants) expect(hashEntry({ ...base, ...change })).not.toBe(hash);
  });

  it('does not confuse null with the string "null"', () => {
    const [row] = buildChain(1);
    expect(hashEntry({ ...row!, target: null })).not.toBe(hashEntry({ ...row!, target: 'null' }));
  });
});

describe('verifyChain', () => {
  it('accepts an empty chain', () => {
    expect(verifyChain([])).toEqual({ ok: true, count: 0, headHash: null, firstBadSeq: null, problem: null });
  });

  it('accepts a correct chain and reports its head', () => {
    const rows = buildChain(6);
    expect(rows[0]!.prevHash).toBe(genesisHash);
    expect(verifyChain(rows)).toEqual({
      ok: true,
      count: 6,
      headHash: rows[5]!.hash,
      firstBadSeq: null,
      problem: null,
    });
  });

  it('detects an edited field of a middle entry as a hash mismatch at that entry', () => {
    const rows = buildChain(6);
    rows[2] = { ...rows[2]!, username: 'mallory' };
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'hash_mismatch', headHash: null });
  });

  it('detects an edited entry whose hash was recomputed as a broken link at the next entry', () => {
    const rows = buildChain(6);
    rows[2] = rehash({ ...rows[2]!, detail: JSON.stringify({ role: 'admin' }) });
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'link_broken' });
  });

  it('detects a deleted middle entry as a sequence gap at the entry after it', () => {
    const rows = buildChain(6);
    rows.splice(2, 1); // seq 3 gone
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBadSeq: 4, problem: 'sequence_gap' });
  });

  it('detects a deleted first entry', () => {
    const rows = buildChain(4).slice(1);
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'sequence_gap' });
  });

  it('detects two entries swapped in storage order', () => {
    const rows = buildChain(6);
    const reordered = [rows[0]!, rows[2]!, rows[1]!, rows[3]!, rows[4]!, rows[5]!];
    expect(verifyChain(reordered)).toMatchObject({ ok: false, firstBadSeq: 3, problem: 'sequence_gap' });
  });

  it('detects two entries whose seq numbers were swapped as a broken link', () => {
    const rows = buildChain(6);
    const second = rows[1]!;
    const third = rows[2]!;
    const swapped = [rows[0]!, { ...third, seq: 2 }, { ...second, seq: 3 }, rows[3]!, rows[4]!, rows[5]!];
    expect(verifyChain(swapped)).toMatchObject({ ok: false, firstBadSeq: 2, problem: 'link_broken' });
  });

  it('detects a forged genesis link', () => {
    const rows = buildChain(3);
    rows[0] = rehash({ ...rows[0]!, prevHash: 'a'.repeat(64) });
    expect(verifyChain(rows)).toMatchObject({ ok: false, firstBadSeq: 1, problem: 'link_broken' });
  });

  it('stops at the first bad entry and counts the entries read so far', () => {
    const rows = buildChain(6);
    rows[1] = { ...rows[1]!, hash: '0'.repeat(64) };
    rows[4] = { ...rows[4]!, action: 'x' };
    expect(verifyChain(rows)).toEqual({
      ok: false,
      count: 2,
      headHash: null,
      firstBadSeq: 2,
      problem: 'hash_mismatch',
    });
  });
});
