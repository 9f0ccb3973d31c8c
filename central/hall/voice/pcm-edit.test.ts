import { describe, expect, it } from 'vitest';
import { bytesOf, normalise, peakDb, resample, rmsDb, samplesOf, trimSilence } from './pcm-edit';

function tone(hz: number, rate: number, seconds: number, amplitude = 10_000): Int16Array {
  return Int16Array.from({ length: Math.round(rate * seconds) }, (_, i) =>
    Math.round(amplitude * Math.sin((2 * Math.PI * hz * i) / rate)),
  );
}

/** The strength of `hz` in `samples` (a single-bin DFT), as an amplitude. */
function strength(samples: Int16Array, hz: number, rate: number): number {
  let re = 0;
  let im = 0;
  samples.forEach((s, i) => {
    re += s * Math.cos((2 * Math.PI * hz * i) / rate);
    im += s * Math.sin((2 * Math.PI * hz * i) / rate);
  });
  return (2 * Math.hypot(re, im)) / samples.length;
}

describe('samplesOf and bytesOf', () => {
  it('are 16-bit little-endian both ways', () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768]);
    expect(bytesOf(samples).toString('hex')).toBe('00000100ffffff7f0080');
    expect(samplesOf(bytesOf(samples))).toEqual(samples);
  });
});

describe('trimSilence', () => {
  it('cuts the silence around the sound, keeping the margin', () => {
    const sound = tone(440, 16_000, 0.1);
    const padded = new Int16Array(16_000 + sound.length + 8_000);
    padded.set(sound, 16_000);
    const trimmed = trimSilence(padded, 16_000, { belowPeakDb: 40, marginMs: 20 });
    // The sine's first sample is 0 and its loud samples start one in: up to 2 samples of slack.
    expect(trimmed.length).toBeGreaterThanOrEqual(sound.length + 2 * 320 - 2);
    expect(trimmed.length).toBeLessThanOrEqual(sound.length + 2 * 320);
  });

  it('keeps quiet noise far below the peak out, and gives nothing for silence', () => {
    const noisy = new Int16Array(1000).fill(3); // -80 dB under a full-scale peak
    noisy[500] = 32_000;
    expect(trimSilence(noisy, 1000, { belowPeakDb: 40, marginMs: 0 })).toEqual(Int16Array.from([32_000]));
    expect(trimSilence(new Int16Array(100), 1000).length).toBe(0);
  });
});

describe('resample', () => {
  it('keeps a tone’s pitch and level, and the length in time (22050 → 16000 Hz)', () => {
    const input = tone(1000, 22_050, 0.5);
    const out = resample(input, 22_050, 16_000);
    expect(out.length).toBe(Math.floor(input.length * (16_000 / 22_050)));
    const middle = out.subarray(400, out.length - 400); // away from the edges
    expect(strength(middle, 1000, 16_000)).toBeGreaterThan(9_800);
    expect(strength(middle, 1000, 16_000)).toBeLessThan(10_200);
  });

  it('filters out what the lower rate cannot hold instead of folding it down', () => {
    // 10 kHz is above 16 kHz's Nyquist (8 kHz); sampled naively it would fold to 6 kHz.
    const out = resample(tone(10_000, 22_050, 0.5), 22_050, 16_000);
    const middle = out.subarray(400, out.length - 400);
    expect(strength(middle, 6_000, 16_000)).toBeLessThan(100); // -40 dB under the input
  });

  it('copies when the rates are the same', () => {
    const input = tone(300, 16_000, 0.01);
    expect(resample(input, 16_000, 16_000)).toEqual(input);
  });
});

describe('normalise', () => {
  it('brings the RMS to the target', () => {
    expect(rmsDb(normalise(tone(440, 16_000, 0.2, 1000), -18, -1))).toBeCloseTo(-18, 1);
  });

  it('stops at the peak limit', () => {
    const spiky = new Int16Array(1000).fill(100);
    spiky[0] = 20_000;
    const out = normalise(spiky, -10, -1);
    expect(peakDb(out)).toBeCloseTo(-1, 1);
    expect(rmsDb(out)).toBeLessThan(-10);
  });

  it('leaves silence silent', () => {
    expect(normalise(new Int16Array(10), -18, -1)).toEqual(new Int16Array(10));
  });
});
