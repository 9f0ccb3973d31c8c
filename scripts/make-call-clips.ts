// `npx tsx scripts/make-call-clips.ts [--out DIR]` (or `npm run voice-clips`): makes the hall's
// default call announcement clips (central/hall/voice/clip-names.ts) offline with eSpeak NG, one
// WAV a clip, all 16 kHz mono 16-bit, trimmed and brought to one loudness, and a clips.json that
// says what each file is and how it was made. Default DIR: central/hall/voice/clips (committed, so
// central runs without espeak-ng). Needs `espeak-ng` (Debian package; scripts/setup.sh installs it).
//
// Debian's eSpeak NG 1.51 reads many Chinese characters wrongly with `-v cmn` (好 as "hao two": the
// pinyin's tone number said in English, espeak-ng issue #1236), so the Chinese words are given as
// pinyin to the `cmn-latn-pinyin` voice (the same Mandarin phonemes and voice). The queue letters go
// to `-v cmn` as Latin letters, which it says by their English names in Mandarin sounds (A "ei",
// W "da-bu-liu", Y "wai"), the way a hall says them.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { clipFileName, clipNames, clipText, type ClipName } from '../central/hall/voice/clip-names';
import { defaultClipsFolder } from '../central/hall/voice/clips';
import { bytesOf, normalise, resample, samplesOf, trimSilence } from '../central/hall/voice/pcm-edit';
import { describeFormat, durationMs, encodeWav, parseWav, type WavFormat } from '../central/hall/voice/wav';

export const clipFormat: WavFormat = { sampleRate: 16_000, channels: 1, bitsPerSample: 16 };
/** Words a minute: a little slower than espeak's 175, as a hall announces (A001 at 12: about 5 s a saying). */
const speed = 160;
/** Amplitude (espeak's default 100 clips some syllables); normalise() sets the level afterwards. */
const amplitude = 70;
const loudness = { rmsDb: -18, peakLimitDb: -1 };

const pinyin: Record<Exclude<ClipName, `letter-${string}`>, string> = {
  'digit-0': 'ling2',
  'digit-1': 'yi1',
  'digit-2': 'er4',
  'digit-3': 'san1',
  'digit-4': 'si4',
  'digit-5': 'wu3',
  'digit-6': 'liu4',
  'digit-7': 'qi1',
  'digit-8': 'ba1',
  'digit-9': 'jiu3',
  qing: 'qing3',
  'hao-dao': 'hao4 dao4',
  'hao-chuangkou-banli': 'hao4 chuang1kou3 ban4li3',
  shi: 'shi2',
};

/** What espeak-ng is given for a clip: the voice and the input text. */
export function espeakInput(name: ClipName): { voice: string; input: string } {
  if (name.startsWith('letter-')) return { voice: 'cmn', input: clipText(name) };
  return { voice: 'cmn-latn-pinyin', input: pinyin[name as keyof typeof pinyin] };
}

function espeakVersion(): string {
  try {
    const banner = execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' });
    return /\d+\.\d+(\.\d+)?/.exec(banner)?.[0] ?? 'unknown version';
  } catch (error) {
    throw new Error(
      'espeak-ng is not installed: apt-get install -y espeak-ng (scripts/setup.sh installs it)' +
        (error instanceof Error ? ` — ${error.message}` : ''),
      { cause: error },
    );
  }
}

function espeakArgs(name: ClipName): string[] {
  const { voice, input } = espeakInput(name);
  return ['-v', voice, '-s', String(speed), '-a', String(amplitude), input];
}

/** The arguments as a shell would take them (for messages and clips.json). */
function commandLine(name: ClipName): string {
  return espeakArgs(name)
    .map((arg) => (arg.includes(' ') ? `"${arg}"` : arg))
    .join(' ');
}

/** One clip: espeak-ng's WAV (22050 Hz mono 16-bit), trimmed, resampled to 16 kHz, normalised. */
export function makeClip(name: ClipName, workDir: string): Buffer {
  const raw = join(workDir, clipFileName(name));
  // -w writes a file with true chunk sizes (--stdout streams with placeholder sizes).
  execFileSync('espeak-ng', ['-w', raw, ...espeakArgs(name)]);
  const wav = parseWav(readFileSync(raw), `espeak-ng output for ${name}`);
  if (wav.format.channels !== 1 || wav.format.bitsPerSample !== 16) {
    throw new Error(`espeak-ng gave ${describeFormat(wav.format)} for ${name}; 16-bit mono was expected`);
  }
  const trimmed = trimSilence(samplesOf(wav.data), wav.format.sampleRate);
  if (trimmed.length === 0) throw new Error(`espeak-ng said nothing for ${name} (espeak-ng ${commandLine(name)})`);
  const resampled = resample(trimmed, wav.format.sampleRate, clipFormat.sampleRate);
  return encodeWav(clipFormat, bytesOf(normalise(resampled, loudness.rmsDb, loudness.peakLimitDb)));
}

export type ClipsManifest = {
  generator: string;
  format: WavFormat;
  clips: Record<string, { file: string; text: string; generator: string; durationMs: number }>;
};

/** Makes every clip into `outDir` with its clips.json; returns the manifest. */
export async function makeCallClips(outDir: string): Promise<ClipsManifest> {
  const version = espeakVersion();
  mkdirSync(outDir, { recursive: true });
  const workDir = mkdtempSync(join(tmpdir(), 'call-clips-'));
  const manifest: ClipsManifest = {
    generator: `scripts/make-call-clips.ts with eSpeak NG ${version}: trimmed, resampled, normalised`,
    format: clipFormat,
    clips: {},
  };
  try {
    for (const name of clipNames) {
      const file = makeClip(name, workDir);
      writeFileSync(join(outDir, clipFileName(name)), file);
      manifest.clips[name] = {
        file: clipFileName(name),
        text: clipText(name),
        generator: `espeak-ng ${version} ${commandLine(name)}`,
        durationMs: Math.round(durationMs(parseWav(file))),
      };
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  const manifestFile = join(outDir, 'clips.json');
  // Formatted as `npm run format` would, so the committed file passes `format:check` as it is.
  const options = (await resolveConfig(manifestFile)) ?? {};
  writeFileSync(manifestFile, await format(JSON.stringify(manifest), { ...options, filepath: manifestFile }));
  return manifest;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string' } }, strict: true });
  const outDir = resolve(values.out ?? defaultClipsFolder);
  const manifest = await makeCallClips(outDir);
  let bytes = 0;
  for (const clip of Object.values(manifest.clips)) {
    bytes += readFileSync(join(outDir, clip.file)).length;
    console.log(`${clip.file.padEnd(28)} ${String(clip.durationMs).padStart(5)} ms  ${clip.text}`);
  }
  const where = relative(process.cwd(), outDir) || '.';
  console.log(`${where}: ${clipNames.length} clips, ${describeFormat(clipFormat)}, ${Math.round(bytes / 1024)} KiB`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
