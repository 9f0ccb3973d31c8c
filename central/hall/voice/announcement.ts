// The call announcement "请 A001 号到 3 号窗口办理": as clip names, as text (for speech synthesis and
// captions), and as one WAV file that says it twice, made from prerecorded clips (clips.ts). The
// ticket is read letter then digit by digit (A 零 零 一), the window as a number (12 → 十二).
import { callText } from '@yichuang/domain/queue';
import { type ClipName, type Digit, type Letter } from './clip-names';
import { type ClipSource } from './clips';
import { concatWav } from './wav';

export { clipNames, clipText, type ClipName } from './clip-names';
export {
  defaultClipsFolder,
  forgetLoadedClips,
  loadClips,
  ClipsError,
  type ClipSource,
  type LoadedClips,
} from './clips';
export { concatWav, parseWav, WavError, type Wav, type WavFormat } from './wav';

const ticketPattern = /^[A-Z]\d{3,4}$/;

export class AnnouncementError extends Error {
  override name = 'AnnouncementError';
}

function checkCall(ticketNumber: string, windowNumber: number): void {
  if (!ticketPattern.test(ticketNumber)) {
    throw new AnnouncementError(
      `ticket number ${JSON.stringify(ticketNumber)} is not a queue letter and 3 or 4 digits (A001)`,
    );
  }
  if (!Number.isSafeInteger(windowNumber) || windowNumber < 1) {
    throw new AnnouncementError(`window number ${String(windowNumber)} is not a positive integer`);
  }
}

const digitClip = (d: string): ClipName => `digit-${d as Digit}`;

/** 1–99 as a number (3 三, 10 十, 12 十二, 20 二十, 25 二十五); 100 and up digit by digit (一零一). */
function windowClips(windowNumber: number): ClipName[] {
  if (windowNumber >= 100) return [...String(windowNumber)].map(digitClip);
  const tens = Math.floor(windowNumber / 10);
  const units = windowNumber % 10;
  if (tens === 0) return [digitClip(String(units))];
  const ten: ClipName[] = tens === 1 ? ['shi'] : [digitClip(String(tens)), 'shi'];
  return units === 0 ? ten : [...ten, digitClip(String(units))];
}

/** The clips of "请 A001 号到 3 号窗口办理", in order. */
export function announcementClips(ticketNumber: string, windowNumber: number): ClipName[] {
  checkCall(ticketNumber, windowNumber);
  const [letter = '', ...ticketDigits] = ticketNumber;
  return [
    'qing',
    `letter-${letter as Letter}`,
    ...ticketDigits.map(digitClip),
    'hao-dao',
    ...windowClips(windowNumber),
    'hao-chuangkou-banli',
  ];
}

/** The same sentence as text: "请A001号到3号窗口办理". */
export function announcementText(ticketNumber: string, windowNumber: number): string {
  checkCall(ticketNumber, windowNumber);
  return callText(ticketNumber, windowNumber);
}

export type AnnouncementTiming = {
  /** Silence between two clips of the sentence. */
  clipGapMs: number;
  /** Silence between the sentence and its repeat. */
  repeatPauseMs: number;
  /** How many times the sentence is said. */
  times: number;
};

export const defaultTiming: AnnouncementTiming = { clipGapMs: 60, repeatPauseMs: 800, times: 2 };

/** One WAV file that says the announcement `timing.times` (2) times, from the clips of `clips`. */
export function announcementWav(
  ticketNumber: string,
  windowNumber: number,
  clips: ClipSource,
  timing: Partial<AnnouncementTiming> = {},
): Buffer {
  const { clipGapMs, repeatPauseMs, times } = { ...defaultTiming, ...timing };
  if (!Number.isSafeInteger(times) || times < 1) {
    throw new AnnouncementError(`times ${String(times)} is not a positive integer`);
  }
  const sentence = concatWav(
    announcementClips(ticketNumber, windowNumber).map((name) => clips.clip(name)),
    clipGapMs,
  );
  return concatWav(
    Array.from({ length: times }, () => sentence),
    repeatPauseMs,
  );
}
