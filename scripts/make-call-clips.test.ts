import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clipFileName, clipNames } from '../central/hall/voice/clip-names';
import { durationMs, parseWav } from '../central/hall/voice/wav';
import { clipFormat, espeakInput, makeCallClips } from './make-call-clips';

// Runs espeak-ng (a Debian package that scripts/setup.sh installs), as `npm run voice-clips` does.
const out = mkdtempSync(join(tmpdir(), 'make-call-clips-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('make-call-clips', () => {
  it('gives the Chinese words as pinyin, the letters as letters', () => {
    expect(espeakInput('digit-0')).toEqual({ voice: 'cmn-latn-pinyin', input: 'ling2' });
    expect(espeakInput('hao-chuangkou-banli')).toEqual({ voice: 'cmn-latn-pinyin', input: 'hao4 chuang1kou3 ban4li3' });
    expect(espeakInput('letter-W')).toEqual({ voice: 'cmn', input: 'W' });
  });

  it('makes every clip, in one format, trimmed, with its clips.json', async () => {
    const manifest = await makeCallClips(out);
    expect(manifest.format).toEqual(clipFormat);
    expect(Object.keys(manifest.clips)).toEqual([...clipNames]);
    for (const name of clipNames) {
      const wav = parseWav(readFileSync(join(out, clipFileName(name))), name);
      expect(wav.format, name).toEqual(clipFormat);
      expect(durationMs(wav), name).toBeGreaterThan(150);
      expect(durationMs(wav), name).toBeLessThan(name === 'hao-chuangkou-banli' ? 2500 : 900);
      // Trimmed: sound (within 40 dB of the peak) starts and ends within 30 ms of the file's ends
      // (the 20 ms margin, and the resampling filter's spread).
      const samples = Array.from({ length: wav.data.length / 2 }, (_, i) => Math.abs(wav.data.readInt16LE(i * 2)));
      const loud = (s: number) => s > Math.max(...samples) / 100;
      expect(samples.findIndex(loud), name).toBeLessThan(16 * 30);
      expect(samples.length - 1 - samples.findLastIndex(loud), name).toBeLessThan(16 * 30);
    }
    expect(JSON.parse(readFileSync(join(out, 'clips.json'), 'utf8'))).toEqual(manifest);
    expect(manifest.clips['hao-dao']?.generator).toMatch(/^espeak-ng \S+ -v cmn-latn-pinyin -s 160 -a 70 "hao4 dao4"$/);
    expect(existsSync(join(out, 'letter-Z.wav'))).toBe(true);
  });
});
