/**
 * HTTP range requests (RFC 9110 §14) for the update feed. electron-updater downloads only the
 * blocks that changed between two installers (the blockmaps say which), asking for many byte
 * ranges in one request (`multipart/byteranges` answer) or one range per request.
 */

/** A byte range, both ends included (as in `Content-Range: bytes start-end/size`). */
export interface ByteRange {
  start: number;
  end: number;
}

export type RangeAnswer =
  /** No usable Range header: the whole file, 200. */
  | { kind: 'whole' }
  /** 206 with these ranges (one: a plain body; more: multipart/byteranges), in the order asked. */
  | { kind: 'ranges'; ranges: ByteRange[] }
  /** 416: a well-formed Range header of which no range lies inside the file. */
  | { kind: 'unsatisfiable' };

/**
 * More ranges than electron-updater ever asks for at once (it sends at most 1000 operations per
 * request, about half of them ranges); a longer list is answered with the whole file.
 */
export const maxRanges = 1000;

const spec = /^(?:(\d{1,15})-(\d{0,15})|-(\d{1,15}))$/;

/**
 * What to answer a `Range` header with, for a file of `size` bytes. A header that is not `bytes=`,
 * is malformed, lists too many ranges or overlapping ones is ignored (the whole file, as RFC 9110
 * allows), so a request can never make central send more than the file's size.
 */
export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (header === undefined) return { kind: 'whole' };
  const match = /^bytes=(.*)$/i.exec(header.trim());
  if (!match) return { kind: 'whole' };
  const specs = match[1]!
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (specs.length === 0 || specs.length > maxRanges) return { kind: 'whole' };
  const ranges: ByteRange[] = [];
  for (const text of specs) {
    const m = spec.exec(text);
    if (!m) return { kind: 'whole' };
    if (m[3] !== undefined) {
      // `-N`: the last N bytes.
      const suffix = Number(m[3]);
      if (suffix > 0 && size > 0) ranges.push({ start: Math.max(0, size - suffix), end: size - 1 });
      continue;
    }
    const first = Number(m[1]);
    const last = m[2] === '' ? null : Number(m[2]);
    if (last !== null && last < first) return { kind: 'whole' };
    if (first >= size) continue; // unsatisfiable on its own; others may still be
    ranges.push({ start: first, end: last === null ? size - 1 : Math.min(last, size - 1) });
  }
  if (ranges.length === 0) return { kind: 'unsatisfiable' };
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.start <= sorted[i - 1]!.end) return { kind: 'whole' };
  }
  return { kind: 'ranges', ranges };
}
