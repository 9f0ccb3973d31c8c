import type { Symbology } from '../../../preload/contract/devices';

/**
 * Keyboard-wedge scanners type a code as keystrokes, far faster than a person, and end it with Enter.
 * This is the decision logic, free of the DOM so it can be tested with scripted timings.
 *
 * Rules:
 * - A burst is consecutive printable keys, each within `maxInterKeyMs` of the one before. A burst of at
 *   least `minLength` characters ended by Enter (also within `maxInterKeyMs`) is a scan.
 * - In an editable field (input, textarea, select, contenteditable) every printable key passes at once:
 *   nothing is delayed or lost, so typing is never disturbed. Only the Enter that ends a scan is
 *   swallowed, so a form is not submitted by it. The scanned characters stay in the field where they were
 *   typed: we cannot know a burst is a scan until its Enter arrives, and by then the keys are in; taking
 *   them back would fight the field's own editing. The scan is reported; the screen decides what to do.
 * - Outside an editable field, a key that follows the previous one within `maxInterKeyMs` belongs to a
 *   possible burst and is swallowed (so a code's characters do not fire single-key shortcuts), as is the
 *   Enter that ends a scan. The first key of a burst passes: at that moment it cannot be told from a person
 *   pressing a shortcut such as `?`. So a person's keys — always slower than the threshold — are never
 *   eaten; a slow key simply starts over.
 * - Modifier keys (Shift, which scanners send for capitals, Control, CapsLock …) pass and are ignored.
 *   Any other non-printable key (Tab, Escape, arrows, IME `Process` …) passes and ends the burst.
 */

export interface WedgeOptions {
  /** Longest gap between two keys of a scan; scanners send every 1–20 ms, people type 80 ms and slower. */
  maxInterKeyMs?: number;
  /** Shortest code that counts as a scan. */
  minLength?: number;
  terminator?: 'Enter';
}

export interface WedgeKey {
  /** `KeyboardEvent.key`. */
  key: string;
  /** Milliseconds on a monotonic clock (`event.timeStamp` / `performance.now()`). */
  time: number;
  /** The key goes to an editable field. */
  editable: boolean;
}

export interface WedgeDecision {
  action: 'pass' | 'swallow';
  scan?: { code: string };
}

export interface WedgeDetector {
  key(event: WedgeKey): WedgeDecision;
  /** Forget the burst in progress (focus change, a Ctrl/Alt combination, key repeat). */
  reset(): void;
}

export const DEFAULT_MAX_INTER_KEY_MS = 35;
export const DEFAULT_MIN_LENGTH = 4;

const modifiers = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'ScrollLock', 'Fn']);

/** One character that types itself (not `Enter`, `Tab`, `Dead`, `Process`, nor a control character). */
export function isPrintableKey(key: string): boolean {
  const chars = Array.from(key);
  return chars.length === 1 && !/\p{Cc}/u.test(key);
}

export function createWedgeDetector(options: WedgeOptions = {}): WedgeDetector {
  const maxGap = options.maxInterKeyMs ?? DEFAULT_MAX_INTER_KEY_MS;
  const minLength = options.minLength ?? DEFAULT_MIN_LENGTH;
  const terminator = options.terminator ?? 'Enter';
  let chars: string[] = [];
  let last = Number.NEGATIVE_INFINITY;

  const fast = (time: number) => time - last >= 0 && time - last <= maxGap;
  const reset = (): void => {
    chars = [];
    last = Number.NEGATIVE_INFINITY;
  };

  return {
    reset,
    key({ key, time, editable }: WedgeKey): WedgeDecision {
      if (modifiers.has(key)) return { action: 'pass' };

      if (key === terminator) {
        const isScan = chars.length >= minLength && fast(time);
        const code = chars.join('');
        reset();
        return isScan ? { action: 'swallow', scan: { code } } : { action: 'pass' };
      }

      if (!isPrintableKey(key)) {
        reset();
        return { action: 'pass' };
      }

      const continues = chars.length > 0 && fast(time);
      if (continues) chars.push(key);
      else chars = [key];
      last = time;
      return { action: continues && !editable ? 'swallow' : 'pass' };
    },
  };
}

/** EAN-13 check digit (GS1 mod 10, weights 1 and 3 from the left). */
export function isValidEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(code[12]);
}

/**
 * A wedge scanner sends no symbology, so guess: a valid EAN-13 is EAN-13; a URL, anything with non-ASCII
 * characters (Chinese) or longer than a 1D code carries in practice (48) came from a QR code; else unknown.
 */
export function symbologyGuess(code: string): Symbology {
  if (isValidEan13(code)) return 'ean13';
  // eslint-disable-next-line no-control-regex
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(code) || /[^\x00-\x7f]/.test(code) || code.length > 48) return 'qr';
  return 'unknown';
}
