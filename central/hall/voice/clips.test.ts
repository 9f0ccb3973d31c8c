import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { announcementWav } from './announcement';
import { clipFileName, clipNames, clipText } from './clip-names';
import { ClipsError, defaultClipsFolder, forgetLoadedClips, loadClips } from './clips';
import { durationMs, encodeWav, parseWav, sameFormat, type WavFormat } from './wav';

const mono16k: WavFormat = { sampleRate: 16_000, channels: 1, bitsPerSample: 16 };

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'clips-test-'));
  forgetLoadedClips();
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A folder with the given clips, each `frames` long, its samples all `value`. */
function folder(name: string, clips: readonly string[], value: number, format = mono16k, frames = 16): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const clip of clips) {
    const data = Buffer.alloc(frames * format.channels * 2);
    for (let i = 0; i < data.length; i += 2) data.writeInt16LE(value, i);
    writeFileSync(join(dir, `${clip}.wav`), encodeWav(format, data));
  }
  return dir;
}

const firstSample = (file: Buffer) => parseWav(file).data.readInt16LE(0);

describe('loadClips', () => {
  it('takes a later folder’s clip over an earlier one, clip by clip', async () => {
    const defaults = folder('default', clipNames, 1);
    const center = folder('center', ['qing', 'digit-3', 'not-a-clip', 'letter-a'], 2);
    const clips = await loadClips([defaults, center]);
    expect(firstSample(clips.clip('qing'))).toBe(2);
    expect(firstSample(clips.clip('digit-3'))).toBe(2);
    expect(firstSample(clips.clip('digit-4'))).toBe(1);
    expect(firstSample(clips.clip('letter-A'))).toBe(1); // letter-a.wav is not letter-A.wav
    expect(clips.file('qing')).toBe(join(center, 'qing.wav'));
    expect(clips.file('hao-dao')).toBe(join(defaults, 'hao-dao.wav'));
    expect(clips.ignored.sort()).toEqual([join(center, 'letter-a.wav'), join(center, 'not-a-clip.wav')]);
    expect(clips.format).toEqual(mono16k);
  });

  it('keeps what it loaded: the same folders again do not read the disk', async () => {
    const dir = folder('default', clipNames, 1);
    const first = await loadClips([dir]);
    rmSync(join(dir, 'qing.wav'));
    const again = await loadClips([dir]);
    expect(again).toBe(first);
    expect(firstSample(again.clip('qing'))).toBe(1);
    forgetLoadedClips();
    await expect(loadClips([dir])).rejects.toThrow(`clips missing from ${dir}: qing.wav`);
  });

  it('does not keep a failed load: fixing the files and loading again works', async () => {
    const dir = folder('default', clipNames.slice(1), 1);
    await expect(loadClips([dir])).rejects.toThrow(ClipsError);
    folder('default', ['digit-0'], 1);
    await expect(loadClips([dir])).resolves.toBeTruthy();
  });

  it('refuses a center clip of another format, naming both files', async () => {
    const defaults = folder('default', clipNames, 1);
    const center = folder('center', ['hao-dao'], 2, { sampleRate: 44_100, channels: 2, bitsPerSample: 16 });
    await expect(loadClips([defaults, center])).rejects.toThrow(
      `${join(center, 'hao-dao.wav')} is 44100 Hz stereo 16-bit PCM, but the clips must share one format: ` +
        `${join(defaults, 'digit-0.wav')} is 16000 Hz mono 16-bit PCM`,
    );
  });

  it('refuses a corrupt clip with the file’s name', async () => {
    const defaults = folder('default', clipNames, 1);
    const center = folder('center', [], 0);
    writeFileSync(join(center, 'shi.wav'), Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1'));
    await expect(loadClips([defaults, center])).rejects.toThrow(`${join(center, 'shi.wav')}: truncated`);
  });

  it('refuses a folder it cannot read', async () => {
    const missing = join(root, 'no-such-folder');
    await expect(loadClips([folder('default', clipNames, 1), missing])).rejects.toThrow(
      `clips folder ${missing} cannot be read`,
    );
  });
});

describe('the committed default clips', () => {
  it('are there for every clip an announcement can need, all in one format', async () => {
    const clips = await loadClips([defaultClipsFolder]);
    expect(clips.format).toEqual(mono16k);
    expect(clips.ignored).toEqual([]);
    for (const name of clipNames) {
      const wav = parseWav(clips.clip(name), name);
      expect(sameFormat(wav.format, mono16k), name).toBe(true);
      // A spoken syllable or phrase, its long silences trimmed: not empty, not a long recording.
      expect(durationMs(wav), name).toBeGreaterThan(150);
      expect(durationMs(wav), name).toBeLessThan(name === 'hao-chuangkou-banli' ? 2500 : 900);
    }
    // Said twice with a pause: each saying of "请A001号到12号窗口办理" takes 3 to 7 seconds.
    const once = durationMs(parseWav(announcementWav('A001', 12, clips, { times: 1 })));
    expect(once).toBeGreaterThan(3000);
    expect(once).toBeLessThan(7000);
  });

  it('are described by clips.json, and small', () => {
    const manifest = JSON.parse(readFileSync(join(defaultClipsFolder, 'clips.json'), 'utf8')) as {
      format: WavFormat;
      clips: Record<string, { file: string; text: string; generator: string; durationMs: number }>;
    };
    expect(manifest.format).toEqual(mono16k);
    expect(Object.keys(manifest.clips).sort()).toEqual([...clipNames].sort());
    let bytes = 0;
    for (const name of clipNames) {
      const entry = manifest.clips[name];
      expect(entry?.file).toBe(clipFileName(name));
      expect(entry?.text).toBe(clipText(name));
      expect(entry?.generator).toMatch(/^espeak-ng /);
      const file = readFileSync(join(defaultClipsFolder, clipFileName(name)));
      expect(Math.abs(durationMs(parseWav(file)) - (entry?.durationMs ?? 0))).toBeLessThan(1);
      bytes += file.length;
    }
    expect(bytes).toBeLessThan(1024 * 1024);
  });
});
