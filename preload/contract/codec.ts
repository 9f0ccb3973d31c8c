/**
 * The browser host's wire format: bytes travel as bytes. A message is one binary WebSocket frame:
 *
 *   [header length: uint32, big-endian][header: UTF-8 JSON][byte arrays, one after another]
 *
 * The header is the value as JSON with each `Uint8Array` replaced by `{ "$bytes": i }`, plus the
 * lengths of the arrays in order. No base64, no copying of the payload into text: a 20 MB scan
 * costs one JSON header and one memory copy each way. (Electron IPC needs none of this: its
 * structured clone carries `Uint8Array` as is.) Only TextEncoder/TextDecoder and DataView are
 * used, so it runs in the sandboxed renderer and in Node alike.
 */
const BYTES_KEY = '$bytes';
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

interface Header {
  /** The value, byte arrays replaced by their index. */
  v: unknown;
  /** Byte length of each array, in index order. */
  b: number[];
}

/** Packs a value (JSON data with any number of `Uint8Array`s in it) into one frame. */
export function encodeMessage(value: unknown): Uint8Array {
  const blobs: Uint8Array[] = [];
  // A function, not an arrow: `this[key]` is the value before toJSON (Buffer has one).
  const json = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    const raw = this[key];
    if (raw instanceof Uint8Array) {
      blobs.push(raw);
      return { [BYTES_KEY]: blobs.length - 1 };
    }
    return escapeKeys(v);
  });
  const header = utf8.encode(`{"v":${json ?? 'null'},"b":${JSON.stringify(blobs.map((b) => b.length))}}`);
  const total = 4 + header.length + blobs.reduce((sum, b) => sum + b.length, 0);
  const frame = new Uint8Array(total);
  new DataView(frame.buffer).setUint32(0, header.length);
  frame.set(header, 4);
  let offset = 4 + header.length;
  for (const blob of blobs) {
    frame.set(blob, offset);
    offset += blob.length;
  }
  return frame;
}

/** Unpacks a frame; byte arrays come back as views into it (no copy). Throws on any malformed frame. */
export function decodeMessage(frame: Uint8Array): unknown {
  if (frame.length < 4) throw new Error('frame too short');
  const headerLength = new DataView(frame.buffer, frame.byteOffset, frame.byteLength).getUint32(0);
  if (4 + headerLength > frame.length) throw new Error('header runs past the frame');
  const header = JSON.parse(fromUtf8.decode(frame.subarray(4, 4 + headerLength))) as Partial<Header>;
  const lengths = header.b;
  if (!Array.isArray(lengths) || !lengths.every((n) => Number.isSafeInteger(n) && n >= 0)) {
    throw new Error('bad byte table');
  }
  const blobs: Uint8Array[] = [];
  let offset = 4 + headerLength;
  for (const length of lengths) {
    if (offset + length > frame.length) throw new Error('bytes run past the frame');
    blobs.push(frame.subarray(offset, offset + length));
    offset += length;
  }
  if (offset !== frame.length) throw new Error('trailing bytes after the message');
  return revive(header.v, blobs);
}

/**
 * Data of our own may have keys that start with `$` (a form field, a catalog key): every such key
 * gets one more `$` on the wire, so `{ "$bytes": n }` is never anything but a byte reference.
 */
function escapeKeys(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  if (!keys.some((key) => key.startsWith('$'))) return value;
  const record = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key.startsWith('$') ? `$${key}` : key] = record[key];
  return out;
}

function revive(value: unknown, blobs: readonly Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((item) => revive(item, blobs));
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const index = record[BYTES_KEY];
  if (keys.length === 1 && typeof index === 'number') {
    const blob = blobs[index];
    if (!blob) throw new Error('byte reference out of range');
    return blob;
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key.startsWith('$') ? key.slice(1) : key] = revive(record[key], blobs);
  return out;
}
