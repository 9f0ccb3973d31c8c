/**
 * Framing of the ID-card reader's SAM protocol (GA 467): `AA AA AA 96 69 | LEN(2, BE) | body | CHK`.
 * LEN counts the body and CHK; CHK is the XOR of LEN and the body. Pure: no I/O, no timers.
 */

export const preamble: Uint8Array = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);

/**
 * The largest whole frame accepted. The biggest real reply is text + photo + 1024-byte
 * fingerprint: 2321 bytes; 4096 leaves room for readers that append more, and stays small
 * enough that a false preamble in line noise cannot make the reader wait for megabytes.
 */
export const maxFrameLength = 4096;

/** Preamble + LEN. */
const headerLength = 7;
/** The smallest LEN that holds anything: CMD PARA (2 bytes) + CHK. Replies need 4 (SW1-3 + CHK). */
const minLen = 3;
const maxLen = maxFrameLength - headerLength;
/** Garbage is reported in pieces of at most this many bytes, so line noise cannot grow the buffer. */
const garbagePiece = maxFrameLength;
const initialCapacity = 2 * maxFrameLength;

export function xorChecksum(bytes: Uint8Array): number {
  let chk = 0;
  for (const b of bytes) chk ^= b;
  return chk;
}

/** Wraps a body (the bytes between LEN and CHK) into a whole frame. */
export function encodeFrame(body: Uint8Array): Uint8Array {
  const len = body.length + 1;
  if (len < minLen || len > maxLen) {
    // Our own code built it: a frame our reader would reject is a bug, not bad input.
    throw new Error(`frame body of ${body.length} bytes is outside ${minLen - 1}..${maxLen - 1}`);
  }
  const frame = new Uint8Array(headerLength + len);
  frame.set(preamble, 0);
  frame[5] = len >> 8;
  frame[6] = len & 0xff;
  frame.set(body, headerLength);
  frame[frame.length - 1] = xorChecksum(frame.subarray(5, frame.length - 1));
  return frame;
}

export function encodeCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const body = new Uint8Array(2 + data.length);
  body[0] = cmd & 0xff;
  body[1] = para & 0xff;
  body.set(data, 2);
  return encodeFrame(body);
}

export function encodeResponse(
  sw: readonly [number, number, number],
  data: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const body = new Uint8Array(3 + data.length);
  body[0] = sw[0] & 0xff;
  body[1] = sw[1] & 0xff;
  body[2] = sw[2] & 0xff;
  body.set(data, 3);
  return encodeFrame(body);
}

export type FrameEvent =
  | { type: 'frame'; offset: number; raw: Uint8Array; body: Uint8Array }
  | { type: 'error'; offset: number; raw: Uint8Array; code: 'frame_checksum' | 'frame_length'; message: string }
  | { type: 'garbage'; offset: number; raw: Uint8Array };

const hex2 = (n: number) => `0x${n.toString(16).toUpperCase().padStart(2, '0')}`;

type Search = { kind: 'found'; at: number } | { kind: 'wait'; at: number } | { kind: 'none' };

/**
 * Streaming reassembly of frames from bytes that arrive in any chunks.
 *
 * The events depend only on the bytes, never on how they were chunked: where a decision needs
 * bytes that have not arrived (a possible preamble at the very end, a frame not yet complete)
 * the reader waits; `flush` decides with what is there. Every byte pushed ends up in exactly
 * one event's `raw` or is still `buffered`.
 *
 * After a bad frame (LEN out of range, wrong checksum, or truncated at flush) the error covers
 * the bytes from its preamble up to the next preamble found inside it (or its end), and the
 * search goes on from there: a real frame that starts inside a bad one is never lost.
 *
 * Linear time: each byte is scanned a bounded number of times and the buffer is compacted
 * only when full, so chunks of one byte cost no more than one big chunk.
 */
export class FrameReader {
  private buf = new Uint8Array(initialCapacity);
  /** First byte not yet reported; [head, pos) is garbage already confirmed. */
  private head = 0;
  private pos = 0;
  private tail = 0;
  /** Stream offset of buf[head]. */
  private headOffset = 0;

  push(chunk: Uint8Array): FrameEvent[] {
    this.append(chunk);
    return this.process(false);
  }

  /** End of stream: an incomplete frame becomes an error, a partial preamble garbage; the reader is then empty. */
  flush(): FrameEvent[] {
    return this.process(true);
  }

  reset(): void {
    if (this.buf.length > initialCapacity) this.buf = new Uint8Array(initialCapacity);
    this.head = 0;
    this.pos = 0;
    this.tail = 0;
    this.headOffset = 0;
  }

  /** Bytes held: a frame waiting for its rest, a possible preamble at the end, or garbage not yet reported. */
  get buffered(): number {
    return this.tail - this.head;
  }

  private append(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    if (this.tail + n > this.buf.length) {
      const live = this.tail - this.head;
      // Keep at least half the buffer free after compaction, so compaction (which copies at most
      // one pending frame) happens only after as many new bytes again: amortised O(1) a byte.
      let target = this.buf.length;
      if (live + n > target / 2) target = 2 * (live + n);
      else if (target > 8 * initialCapacity && live + n <= initialCapacity / 2) target = initialCapacity;
      if (target !== this.buf.length) {
        const next = new Uint8Array(target);
        next.set(this.buf.subarray(this.head, this.tail), 0);
        this.buf = next;
      } else {
        this.buf.copyWithin(0, this.head, this.tail);
      }
      this.pos -= this.head;
      this.tail = live;
      this.head = 0;
    }
    this.buf.set(chunk, this.tail);
    this.tail += n;
  }

  /** First full preamble starting in [from, limit); `wait` when one may start there but its bytes have not arrived. */
  private findPreamble(from: number, limit: number, final: boolean): Search {
    const { buf, tail } = this;
    const end = Math.min(limit, tail);
    for (let p = from; p < end; p++) {
      if (buf[p] !== 0xaa) continue;
      let k = 1;
      while (k < 5 && p + k < tail && buf[p + k] === preamble[k]) k++;
      if (k === 5) return { kind: 'found', at: p };
      if (p + k >= tail && !final) return { kind: 'wait', at: p };
    }
    return { kind: 'none' };
  }

  private emit(events: FrameEvent[], event: FrameEvent, to: number): void {
    events.push(event);
    this.headOffset += to - this.head;
    this.head = to;
    if (this.pos < to) this.pos = to;
  }

  private emitGarbage(events: FrameEvent[], to: number): void {
    if (to > this.head) {
      events.push({ type: 'garbage', offset: this.headOffset, raw: this.buf.slice(this.head, to) });
      this.headOffset += to - this.head;
      this.head = to;
    }
  }

  /** Extends the confirmed garbage to `to`, reporting whole pieces as they fill. */
  private growGarbage(events: FrameEvent[], to: number): void {
    this.pos = to;
    while (this.pos - this.head >= garbagePiece) this.emitGarbage(events, this.head + garbagePiece);
  }

  private process(final: boolean): FrameEvent[] {
    const events: FrameEvent[] = [];
    const { buf } = this;
    for (;;) {
      // Here [head, pos) is garbage; look for the next preamble from pos.
      const found = this.findPreamble(this.pos, this.tail, final);
      if (found.kind !== 'found') {
        this.growGarbage(events, found.kind === 'wait' ? found.at : this.tail);
        if (final) this.emitGarbage(events, this.tail);
        break;
      }
      this.growGarbage(events, found.at);
      this.emitGarbage(events, found.at);

      const p = this.head;
      const available = this.tail - p;
      if (available < headerLength) {
        if (!final) break;
        if (!this.badFrame(events, p, available, 'frame_length', `帧不完整：只收到帧头的 ${available} 个字节`, final))
          break;
        continue;
      }
      const len = (buf[p + 5]! << 8) | buf[p + 6]!;
      if (len < minLen || len > maxLen) {
        const message = `帧长度无效：LEN=${len}，允许 ${minLen}..${maxLen}`;
        if (!this.badFrame(events, p, headerLength, 'frame_length', message, final)) break;
        continue;
      }
      const size = headerLength + len;
      if (available < size) {
        if (!final) break;
        const message = `帧不完整：声明 ${size} 字节，只收到 ${available} 字节`;
        if (!this.badFrame(events, p, available, 'frame_length', message, final)) break;
        continue;
      }
      let chk = 0;
      for (let i = p + 5; i < p + size - 1; i++) chk ^= buf[i]!;
      const got = buf[p + size - 1]!;
      if (chk !== got) {
        const message = `校验和错误：应为 ${hex2(chk)}，收到 ${hex2(got)}`;
        if (!this.badFrame(events, p, size, 'frame_checksum', message, final)) break;
        continue;
      }
      const raw = buf.slice(p, p + size);
      this.emit(
        events,
        { type: 'frame', offset: this.headOffset, raw, body: raw.subarray(headerLength, size - 1) },
        p + size,
      );
    }
    return events;
  }

  /**
   * Reports the bad frame at `p` spanning `extent` bytes, cut at the first preamble inside it.
   * Returns false when that cannot be decided yet (a possible preamble runs past the bytes received).
   */
  private badFrame(
    events: FrameEvent[],
    p: number,
    extent: number,
    code: 'frame_checksum' | 'frame_length',
    message: string,
    final: boolean,
  ): boolean {
    const inner = this.findPreamble(p + 1, p + extent, final);
    if (inner.kind === 'wait') return false;
    const to = inner.kind === 'found' ? inner.at : p + extent;
    const note = inner.kind === 'found' ? `；第 ${to - p} 字节处另有帧头，从那里重新同步` : '';
    this.emit(
      events,
      { type: 'error', offset: this.headOffset, raw: this.buf.slice(p, to), code, message: message + note },
      to,
    );
    return true;
  }
}
