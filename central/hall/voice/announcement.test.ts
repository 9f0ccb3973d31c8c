import { describe, expect, it } from 'vitest';
import {
  announcementClips,
  announcementText,
  announcementWav,
  AnnouncementError,
  clipNames,
  type ClipName,
  type ClipSource,
} from './announcement';
import { encodeWav, parseWav, type WavFormat } from './wav';

describe('announcementClips', () => {
  it('reads the ticket letter then digit by digit, and the window as a number', () => {
    expect(announcementClips('A001', 3)).toEqual([
      'qing',
      'letter-A',
      'digit-0',
      'digit-0',
      'digit-1',
      'hao-dao',
      'digit-3',
      'hao-chuangkou-banli',
    ]);
    expect(announcementClips('C1024', 1)).toEqual([
      'qing',
      'letter-C',
      'digit-1',
      'digit-0',
      'digit-2',
      'digit-4',
      'hao-dao',
      'digit-1',
      'hao-chuangkou-banli',
    ]);
  });

  it.each([
    [1, ['digit-1']],
    [9, ['digit-9']],
    [10, ['shi']],
    [12, ['shi', 'digit-2']],
    [19, ['shi', 'digit-9']],
    [20, ['digit-2', 'shi']],
    [25, ['digit-2', 'shi', 'digit-5']],
    [99, ['digit-9', 'shi', 'digit-9']],
    [100, ['digit-1', 'digit-0', 'digit-0']],
    [101, ['digit-1', 'digit-0', 'digit-1']],
  ])('says window %i as %j', (window, clips) => {
    expect(announcementClips('B017', window).slice(6, -1)).toEqual(clips);
  });

  it('uses only clips the clip set has', () => {
    const used = new Set<string>();
    for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
      for (let window = 1; window <= 120; window++) {
        for (const clip of announcementClips(`${letter}0123`, window)) used.add(clip);
        for (const clip of announcementClips(`${letter}4567`, window)) used.add(clip);
        for (const clip of announcementClips(`${letter}890`, window)) used.add(clip);
      }
    }
    expect([...used].sort()).toEqual([...clipNames].sort());
  });

  it.each(['a001', 'A01', 'A00001', 'AB001', '001', 'A 001', 'Ａ001', 'A001\n', ''])(
    'refuses the ticket number %j',
    (ticket) => {
      expect(() => announcementClips(ticket, 1)).toThrow(AnnouncementError);
      expect(() => announcementClips(ticket, 1)).toThrow('is not a queue letter and 3 or 4 digits (A001)');
    },
  );

  it.each([0, -3, 1.5, Number.NaN, Infinity])('refuses the window number %d', (window) => {
    expect(() => announcementClips('A001', window)).toThrow(`window number ${window} is not a positive integer`);
    expect(() => announcementText('A001', window)).toThrow(AnnouncementError);
  });
});

describe('announcementText', () => {
  it('is the sentence for speech synthesis and captions', () => {
    expect(announcementText('A001', 3)).toBe('请A001号到3号窗口办理');
    expect(announcementText('C1024', 12)).toBe('请C1024号到12号窗口办理');
  });

  it('checks its input as announcementClips does', () => {
    expect(() => announcementText('x', 3)).toThrow('ticket number "x" is not a queue letter');
  });
});

describe('announcementWav', () => {
  const format: WavFormat = { sampleRate: 8000, channels: 1, bitsPerSample: 16 };
  // Each clip is a run of its own sample value (its index + 1), 20 + index frames long.
  const frames = (name: ClipName) => 20 + clipNames.indexOf(name);
  const value = (name: ClipName) => clipNames.indexOf(name) + 1;
  const source: ClipSource = {
    clip: (name) => {
      const data = Buffer.alloc(frames(name) * 2);
      for (let i = 0; i < frames(name); i++) data.writeInt16LE(value(name), i * 2);
      return encodeWav(format, data);
    },
  };

  /** The runs of equal samples in a 16-bit mono WAV, as [value, length] pairs. */
  function runs(file: Buffer): [number, number][] {
    const { data } = parseWav(file);
    const out: [number, number][] = [];
    for (let i = 0; i < data.length; i += 2) {
      const s = data.readInt16LE(i);
      const last = out.at(-1);
      if (last && last[0] === s) last[1]++;
      else out.push([s, 1]);
    }
    return out;
  }

  it('says the sentence twice: the clips in order, gaps between them, a pause between the two', () => {
    const clips = announcementClips('A001', 12);
    const sentence = clips.flatMap((name, i): [number, number][] =>
      i === 0
        ? [[value(name), frames(name)]]
        : [
            [0, 8 * 60],
            [value(name), frames(name)],
          ],
    );
    expect(runs(announcementWav('A001', 12, source))).toEqual([...sentence, [0, 8 * 800], ...sentence]);
  });

  it('is as long as the clips and the silences together', () => {
    const clips = announcementClips('Z9999', 25);
    const clipFrames = clips.reduce((sum, name) => sum + frames(name), 0);
    const wav = parseWav(announcementWav('Z9999', 25, source, { clipGapMs: 100, repeatPauseMs: 500, times: 3 }));
    const expected = 3 * (clipFrames + (clips.length - 1) * 800) + 2 * 4000;
    expect(wav.format).toEqual(format);
    expect(wav.data.length / 2).toBe(expected);
  });

  it('refuses a bad call before reading any clip', () => {
    const untouchable: ClipSource = {
      clip: () => {
        throw new Error('read a clip');
      },
    };
    expect(() => announcementWav('A1', 3, untouchable)).toThrow(AnnouncementError);
    expect(() => announcementWav('A001', 3, source, { times: 0 })).toThrow('times 0 is not a positive integer');
  });
});
