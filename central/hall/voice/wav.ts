// RIFF/WAVE PCM files: read one (chunks found by walking the file, not by assuming a 44-byte header),
// write one, and join clips of one format with silence between them. Integer PCM only (8, 16, 24 or
// 32 bits, any channel count and rate); anything else is refused with a WavError that says why.

export type WavFormat = { sampleRate: number; channels: number; bitsPerSample: number };
/** A parsed file: its format and the PCM frames of its data chunk (a view into the file's buffer). */
export type Wav = { format: WavFormat; data: Buffer };

export class WavError extends Error {
  override name = 'WavError';
}

const pcmTag = 0x0001;
const extensibleTag = 0xfffe;
const formatNames: Record<number, string> = {
  0x0002: 'Microsoft ADPCM',
  0x0003: 'IEEE float',
  0x0006: 'A-law',
  0x0007: 'µ-law',
  0x0011: 'IMA ADPCM',
  0x0055: 'MP3',
};
// WAVE_FORMAT_EXTENSIBLE's sub-format GUID for PCM: 00000001-0000-0010-8000-00aa00389b71.
const pcmSubFormat = Buffer.from('0100000000001000800000aa00389b71', 'hex');

export function frameBytes(format: WavFormat): number {
  return format.channels * (format.bitsPerSample / 8);
}

export function describeFormat(format: WavFormat): string {
  const channels = format.channels === 1 ? 'mono' : format.channels === 2 ? 'stereo' : `${format.channels} channels`;
  return `${format.sampleRate} Hz ${channels} ${format.bitsPerSample}-bit PCM`;
}

export function sameFormat(a: WavFormat, b: WavFormat): boolean {
  return a.sampleRate === b.sampleRate && a.channels === b.channels && a.bitsPerSample === b.bitsPerSample;
}

export function durationMs(wav: Wav): number {
  return (wav.data.length / frameBytes(wav.format) / wav.format.sampleRate) * 1000;
}

function readFormat(chunk: Buffer, label: string): WavFormat {
  if (chunk.length < 16) throw new WavError(`${label}: the fmt chunk is ${chunk.length} bytes, fewer than 16`);
  let tag = chunk.readUInt16LE(0);
  const channels = chunk.readUInt16LE(2);
  const sampleRate = chunk.readUInt32LE(4);
  const byteRate = chunk.readUInt32LE(8);
  const blockAlign = chunk.readUInt16LE(12);
  const bitsPerSample = chunk.readUInt16LE(14);
  if (tag === extensibleTag) {
    if (chunk.length < 40) throw new WavError(`${label}: the extensible fmt chunk is ${chunk.length} bytes, not 40`);
    if (!chunk.subarray(24, 40).equals(pcmSubFormat)) {
      throw new WavError(`${label}: not PCM (WAVE_FORMAT_EXTENSIBLE with a non-PCM sub-format)`);
    }
    tag = pcmTag;
  }
  if (tag !== pcmTag) {
    const name = formatNames[tag] ?? 'unknown';
    throw new WavError(`${label}: not PCM (format tag 0x${tag.toString(16).padStart(4, '0')}, ${name})`);
  }
  if (![8, 16, 24, 32].includes(bitsPerSample)) {
    throw new WavError(`${label}: ${bitsPerSample} bits per sample; only 8, 16, 24 or 32-bit PCM is read`);
  }
  if (channels < 1) throw new WavError(`${label}: the fmt chunk says 0 channels`);
  if (sampleRate < 1) throw new WavError(`${label}: the fmt chunk says a sample rate of 0`);
  const format = { sampleRate, channels, bitsPerSample };
  if (blockAlign !== frameBytes(format) || byteRate !== sampleRate * blockAlign) {
    throw new WavError(
      `${label}: inconsistent fmt chunk (block align ${blockAlign}, byte rate ${byteRate} for ${describeFormat(format)})`,
    );
  }
  return format;
}

/** Reads a RIFF/WAVE PCM file; `label` (the file name) starts every error message. */
export function parseWav(file: Buffer, label = 'WAV'): Wav {
  if (file.length < 12 || file.toString('latin1', 0, 4) !== 'RIFF' || file.toString('latin1', 8, 12) !== 'WAVE') {
    throw new WavError(`${label}: not a WAV file (no RIFF/WAVE header)`);
  }
  const riffEnd = 8 + file.readUInt32LE(4);
  if (riffEnd > file.length) {
    throw new WavError(`${label}: truncated (the RIFF header says ${riffEnd} bytes, the file has ${file.length})`);
  }
  let format: WavFormat | undefined;
  let offset = 12;
  while (offset + 8 <= riffEnd) {
    const id = file.toString('latin1', offset, offset + 4);
    const size = file.readUInt32LE(offset + 4);
    const start = offset + 8;
    if (start + size > riffEnd) {
      throw new WavError(`${label}: truncated (the "${id}" chunk says ${size} bytes, ${riffEnd - start} remain)`);
    }
    const body = file.subarray(start, start + size);
    if (id === 'fmt ') format = readFormat(body, label);
    if (id === 'data') {
      if (!format) throw new WavError(`${label}: the data chunk comes before any fmt chunk`);
      if (size % frameBytes(format) !== 0) {
        throw new WavError(
          `${label}: the data chunk (${size} bytes) is not a whole number of ${describeFormat(format)} frames`,
        );
      }
      return { format, data: body };
    }
    offset = start + size + (size % 2); // chunks are padded to an even length
  }
  throw new WavError(`${label}: ${format ? 'no data chunk' : 'no fmt chunk'}`);
}

/** A canonical 44-byte-header WAV file holding `data` (whole frames of `format`). */
export function encodeWav(format: WavFormat, data: Buffer): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data.length + (data.length % 2), 4);
  header.write('WAVE', 8, 'latin1');
  header.write('fmt ', 12, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(pcmTag, 20);
  header.writeUInt16LE(format.channels, 22);
  header.writeUInt32LE(format.sampleRate, 24);
  header.writeUInt32LE(format.sampleRate * frameBytes(format), 28);
  header.writeUInt16LE(frameBytes(format), 32);
  header.writeUInt16LE(format.bitsPerSample, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data, Buffer.alloc(data.length % 2)]);
}

/** `ms` of silence in `format`, rounded to whole frames (8-bit PCM is unsigned: its silence is 0x80). */
export function silence(format: WavFormat, ms: number): Buffer {
  const frames = Math.round((Math.max(0, ms) / 1000) * format.sampleRate);
  return Buffer.alloc(frames * frameBytes(format), format.bitsPerSample === 8 ? 0x80 : 0);
}

/** Joins WAV files of one format into one, with `gapMs` of silence between each two (none around). */
export function concatWav(clips: Buffer[], gapMs: number): Buffer {
  const wavs = clips.map((clip, i) => parseWav(clip, `clip ${i + 1} of ${clips.length}`));
  const first = wavs[0];
  if (!first) throw new WavError('concatWav: no clips to join');
  wavs.forEach((wav, i) => {
    if (!sameFormat(wav.format, first.format)) {
      throw new WavError(
        `concatWav: clip ${i + 1} is ${describeFormat(wav.format)}, clip 1 is ${describeFormat(first.format)}`,
      );
    }
  });
  const gap = silence(first.format, gapMs);
  const parts = wavs.flatMap((wav, i) => (i === 0 ? [wav.data] : [gap, wav.data]));
  return encodeWav(first.format, Buffer.concat(parts));
}
