import type { SimulatedReaderHolds } from '../../../preload/contract/devices';
import type { SimulatedDevice } from '../transport/transport';
import { encodeResponse, FrameReader } from './frame';
import { commandByCode, encodeReadReply, encodeSamId, type CommandName } from './protocol';
import { isSampleCardHolds, sampleCards } from './sample-cards';
import { encodeAppendedAddress, encodeTextBlock } from './text-block';

/**
 * A second-generation ID card reader on the far end of a simulated transport, byte for byte:
 * it parses the host's command frames and answers as a real reader does, including the rule
 * that a card, once read, is not found again until it is lifted and placed (`place`).
 */
export interface SimulatedReader extends SimulatedDevice {
  holds(): SimulatedReaderHolds;
  /** Placing (again) = a fresh card on the reader. */
  place(holds: SimulatedReaderHolds): void;
  readonly samId: string;
}

export interface SimulatedReaderOptions {
  holds?: SimulatedReaderHolds;
  /** Fingerprint bytes returned by the fingerprint read: 0 (card without), 512 or 1024. */
  fingerprint?: 0 | 512 | 1024;
  /** The appended address (住址变更) resident cards carry; null for none. */
  appendedAddress?: string | null;
}

/** Marks simulated photos, so no one mistakes them for WLT data from a card. */
export const simulatedPhotoMarker = 'YICHUANG-SIMULATED-PHOTO-NOT-WLT';

const photoLength = 1024;
const defaultSamId = '05.01-20240101-0000370303-1234567890';

/** Deterministic filler: the marker, then xorshift32 bytes seeded from the label. */
export function simulatedBytes(label: string, length: number, marker = ''): Uint8Array {
  const out = new Uint8Array(length);
  let seed = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) seed = Math.imul(seed ^ label.charCodeAt(i), 0x01000193) >>> 0;
  let i = 0;
  for (; i < Math.min(marker.length, length); i++) out[i] = marker.charCodeAt(i) & 0xff;
  for (; i < length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    seed >>>= 0;
    out[i] = seed & 0xff;
  }
  return out;
}

const ok = [0x00, 0x00, 0x90] as const;
const sw = (sw3: number) => [0x00, 0x00, sw3] as const;

export function createSimulatedReader(options: SimulatedReaderOptions = {}): SimulatedReader {
  const fingerprintLength = options.fingerprint ?? 0;
  const appendedAddress = options.appendedAddress ?? null;
  const frames = new FrameReader();
  let holds: SimulatedReaderHolds = options.holds ?? 'none';
  /** The card on the reader has not been read since it was placed. */
  let fresh = true;
  let found = false;
  let selected = false;
  let send: ((bytes: Uint8Array) => void) | null = null;
  const timers = new Set<NodeJS.Immediate>();

  const samFailed = () => holds === 'sam_failure';
  const cardPresent = () => holds !== 'none' && holds !== 'sam_failure';

  function readReply(withFingerprint: boolean): Uint8Array {
    const identity = sampleCards[isSampleCardHolds(holds) ? holds : 'resident_zhang'];
    const data = encodeReadReply({
      text: encodeTextBlock(identity),
      photo: simulatedBytes(`photo:${holds}`, photoLength, simulatedPhotoMarker),
      fingerprint: withFingerprint ? simulatedBytes(`fingerprint:${holds}`, fingerprintLength) : null,
    });
    fresh = false;
    const frame = encodeResponse(ok, data);
    if (holds === 'corrupted_frame') frame[frame.length - 1] = frame[frame.length - 1]! ^ 0xff;
    return frame;
  }

  function answer(name: CommandName | null): Uint8Array {
    if (name === null) return encodeResponse(sw(0x21));
    if (samFailed()) return encodeResponse(sw(0x60));
    switch (name) {
      case 'resetSam':
      case 'samStatus':
        return encodeResponse(ok);
      case 'samId':
        return encodeResponse(ok, encodeSamId(reader.samId));
      case 'findCard':
        found = cardPresent() && fresh;
        selected = false;
        // The four data bytes are what real readers send after 9F (devices.md).
        return found ? encodeResponse(sw(0x9f), new Uint8Array(4)) : encodeResponse(sw(0x80));
      case 'selectCard':
        if (!found) return encodeResponse(sw(0x81));
        selected = true;
        // Real readers answer select with 8 bytes (zeros on the readers seen in public traces).
        return encodeResponse(ok, new Uint8Array(8));
      case 'readText':
      case 'readTextWithFingerprint':
        if (!selected) return encodeResponse(sw(0x41));
        return readReply(name === 'readTextWithFingerprint');
      case 'readAppendedAddress':
        if (!selected) return encodeResponse(sw(0x41));
        if (appendedAddress === null || !holds.startsWith('resident_')) return encodeResponse(sw(0x91));
        return encodeResponse(ok, encodeAppendedAddress(appendedAddress));
    }
  }

  function reply(bytes: Uint8Array): void {
    const target = send;
    if (!target) return;
    // Answer later, as a device does: never from inside the host's write.
    const timer = setImmediate(() => {
      timers.delete(timer);
      if (send === target) target(bytes);
    });
    timers.add(timer);
  }

  const reader: SimulatedReader = {
    samId: defaultSamId,
    holds: () => holds,
    place(next) {
      holds = next;
      fresh = true;
      found = false;
      selected = false;
    },
    receive(bytes) {
      if (!send) return;
      for (const event of frames.push(bytes)) {
        if (event.type === 'frame') {
          const [cmd, para] = event.body;
          reply(answer(event.body.length === 2 ? commandByCode(cmd!, para!) : null));
        } else if (event.type === 'error') {
          reply(encodeResponse(sw(event.code === 'frame_checksum' ? 0x10 : 0x11)));
        }
        // Garbage gets no answer: a real reader just waits for the next preamble.
      }
    },
    attach(next) {
      send = next;
      frames.reset();
    },
    detach() {
      send = null;
      for (const timer of timers) clearImmediate(timer);
      timers.clear();
      frames.reset();
    },
  };
  return reader;
}
