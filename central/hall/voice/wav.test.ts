import { describe, expect, it } from 'vitest';
import { concatWav, durationMs, encodeWav, parseWav, silence, WavError, type WavFormat } from './wav';

const mono16k: WavFormat = { sampleRate: 16_000, channels: 1, bitsPerSample: 16 };

/** `frames` 16-bit frames, each sample `value`. */
function pcm16(frames: number, value: number, channels = 1): Buffer {
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames * channels; i++) data.writeInt16LE(value, i * 2);
  return data;
}

function chunk(id: string, body: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.write(id, 0, 'latin1');
  header.writeUInt32LE(body.length, 4);
  return Buffer.concat([header, body, Buffer.alloc(body.length % 2)]);
}

function riff(...chunks: Buffer[]): Buffer {
  const body = Buffer.concat([Buffer.from('WAVE', 'latin1'), ...chunks]);
  return Buffer.concat([chunk('RIFF', body)]);
}

/** A 16-byte fmt chunk body; `tag` 1 is PCM. */
function fmtBody(format: WavFormat, tag = 1): Buffer {
  const body = Buffer.alloc(16);
  const block = format.channels * (format.bitsPerSample / 8);
  body.writeUInt16LE(tag, 0);
  body.writeUInt16LE(format.channels, 2);
  body.writeUInt32LE(format.sampleRate, 4);
  body.writeUInt32LE(format.sampleRate * block, 8);
  body.writeUInt16LE(block, 12);
  body.writeUInt16LE(format.bitsPerSample, 14);
  return body;
}

describe('parseWav', () => {
  it('reads back what encodeWav wrote', () => {
    const data = pcm16(160, 1234);
    const wav = parseWav(encodeWav(mono16k, data));
    expect(wav.format).toEqual(mono16k);
    expect(wav.data.equals(data)).toBe(true);
    expect(durationMs(wav)).toBe(10);
  });

  it('finds fmt and data among other chunks, odd-sized ones padded', () => {
    const data = pcm16(3, -7, 2);
    const file = riff(
      chunk('LIST', Buffer.from('INFOISFT\x05\x00\x00\x00Lavf\x00', 'latin1')),
      chunk('junk', Buffer.alloc(3)), // odd size: one pad byte follows
      chunk('fmt ', fmtBody({ sampleRate: 44_100, channels: 2, bitsPerSample: 16 })),
      chunk('fact', Buffer.alloc(4)),
      chunk('data', data),
      chunk('id3 ', Buffer.alloc(10)),
    );
    const wav = parseWav(file);
    expect(wav.format).toEqual({ sampleRate: 44_100, channels: 2, bitsPerSample: 16 });
    expect(wav.data.equals(data)).toBe(true);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with the PCM sub-format (what many recorders write)', () => {
    const ext = Buffer.alloc(40);
    fmtBody(mono16k, 0xfffe).copy(ext);
    ext.writeUInt16LE(22, 16); // cbSize
    ext.writeUInt16LE(16, 18); // valid bits
    Buffer.from('0100000000001000800000aa00389b71', 'hex').copy(ext, 24);
    expect(parseWav(riff(chunk('fmt ', ext), chunk('data', pcm16(4, 1)))).format).toEqual(mono16k);
    Buffer.from('0300000000001000800000aa00389b71', 'hex').copy(ext, 24); // IEEE float
    expect(() => parseWav(riff(chunk('fmt ', ext), chunk('data', pcm16(4, 1))), 'x.wav')).toThrow(
      'x.wav: not PCM (WAVE_FORMAT_EXTENSIBLE with a non-PCM sub-format)',
    );
  });

  it('refuses a file that is not RIFF/WAVE', () => {
    expect(() => parseWav(Buffer.from('ID3\x04 an mp3 file'), 'qing.wav')).toThrow(
      new WavError('qing.wav: not a WAV file (no RIFF/WAVE header)'),
    );
    expect(() => parseWav(Buffer.alloc(0), 'empty.wav')).toThrow('empty.wav: not a WAV file');
  });

  it('refuses a truncated file', () => {
    const whole = encodeWav(mono16k, pcm16(100, 5));
    expect(() => parseWav(whole.subarray(0, 100), 'cut.wav')).toThrow(
      'cut.wav: truncated (the RIFF header says 244 bytes, the file has 100)',
    );
    // The RIFF size fixed up, the data chunk still claims its 200 bytes.
    const cut = Buffer.from(whole.subarray(0, 100));
    cut.writeUInt32LE(92, 4);
    expect(() => parseWav(cut, 'cut.wav')).toThrow('cut.wav: truncated (the "data" chunk says 200 bytes, 56 remain)');
  });

  it('refuses formats other than integer PCM, naming them', () => {
    const float = riff(chunk('fmt ', fmtBody({ ...mono16k, bitsPerSample: 32 }, 3)), chunk('data', Buffer.alloc(8)));
    expect(() => parseWav(float, 'f.wav')).toThrow('f.wav: not PCM (format tag 0x0003, IEEE float)');
    const mulaw = riff(chunk('fmt ', fmtBody({ ...mono16k, bitsPerSample: 8 }, 7)), chunk('data', Buffer.alloc(8)));
    expect(() => parseWav(mulaw, 'u.wav')).toThrow('u.wav: not PCM (format tag 0x0007, µ-law)');
    const twelveBit = riff(chunk('fmt ', fmtBody({ ...mono16k, bitsPerSample: 12 })), chunk('data', Buffer.alloc(8)));
    expect(() => parseWav(twelveBit, 't.wav')).toThrow('t.wav: 12 bits per sample');
  });

  it('refuses an inconsistent or incomplete file', () => {
    const badAlign = fmtBody(mono16k);
    badAlign.writeUInt16LE(4, 12);
    expect(() => parseWav(riff(chunk('fmt ', badAlign), chunk('data', pcm16(2, 0))), 'a.wav')).toThrow(
      'a.wav: inconsistent fmt chunk (block align 4, byte rate 32000 for 16000 Hz mono 16-bit PCM)',
    );
    expect(() => parseWav(riff(chunk('fmt ', fmtBody(mono16k)), chunk('data', Buffer.alloc(3))), 'b.wav')).toThrow(
      'b.wav: the data chunk (3 bytes) is not a whole number of 16000 Hz mono 16-bit PCM frames',
    );
    expect(() => parseWav(riff(chunk('data', pcm16(2, 0)), chunk('fmt ', fmtBody(mono16k))), 'c.wav')).toThrow(
      'c.wav: the data chunk comes before any fmt chunk',
    );
    expect(() => parseWav(riff(chunk('fmt ', fmtBody(mono16k))), 'd.wav')).toThrow('d.wav: no data chunk');
    expect(() => parseWav(riff(chunk('fmt ', Buffer.alloc(14))), 'e.wav')).toThrow(
      'e.wav: the fmt chunk is 14 bytes, fewer than 16',
    );
  });
});

describe('concatWav', () => {
  it('joins clips with gaps of silence between them (none around), into a valid WAV', () => {
    const clips = [pcm16(100, 1), pcm16(50, 2), pcm16(30, 3)].map((d) => encodeWav(mono16k, d));
    const joined = parseWav(concatWav(clips, 10)); // 10 ms = 160 frames at 16 kHz
    expect(joined.format).toEqual(mono16k);
    expect(joined.data.length).toBe((100 + 50 + 30 + 2 * 160) * 2);
    const samples = Array.from({ length: joined.data.length / 2 }, (_, i) => joined.data.readInt16LE(i * 2));
    expect(samples.slice(0, 100).every((s) => s === 1)).toBe(true);
    expect(samples.slice(100, 260).every((s) => s === 0)).toBe(true);
    expect(samples.slice(260, 310).every((s) => s === 2)).toBe(true);
    expect(samples.slice(470).every((s) => s === 3)).toBe(true);
  });

  it('uses the format’s own silence (8-bit PCM is unsigned)', () => {
    const u8: WavFormat = { sampleRate: 8000, channels: 1, bitsPerSample: 8 };
    expect(silence(u8, 1).equals(Buffer.alloc(8, 0x80))).toBe(true);
    const joined = parseWav(concatWav([encodeWav(u8, Buffer.alloc(3, 200)), encodeWav(u8, Buffer.alloc(3, 50))], 1));
    expect([...joined.data]).toEqual([200, 200, 200, ...Array<number>(8).fill(0x80), 50, 50, 50]);
  });

  it('refuses clips of two formats, and no clips at all', () => {
    const a = encodeWav(mono16k, pcm16(10, 1));
    const b = encodeWav({ ...mono16k, sampleRate: 22_050 }, pcm16(10, 1));
    expect(() => concatWav([a, a, b], 10)).toThrow(
      'concatWav: clip 3 is 22050 Hz mono 16-bit PCM, clip 1 is 16000 Hz mono 16-bit PCM',
    );
    expect(() => concatWav([], 10)).toThrow('concatWav: no clips to join');
    expect(() => concatWav([a, Buffer.from('nonsense')], 10)).toThrow('clip 2 of 2: not a WAV file');
  });
});
