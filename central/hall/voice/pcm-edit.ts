// Editing 16-bit mono samples, for making clips (scripts/make-call-clips.ts): cut the silence around
// a clip, change its sample rate, bring clips to one loudness.

const fullScale = 32767;

export function samplesOf(data: Buffer): Int16Array {
  const samples = new Int16Array(Math.floor(data.length / 2));
  for (let i = 0; i < samples.length; i++) samples[i] = data.readInt16LE(i * 2);
  return samples;
}

export function bytesOf(samples: Int16Array): Buffer {
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(s, i * 2));
  return data;
}

function peakOf(samples: Int16Array): number {
  let peak = 0;
  for (const s of samples) peak = Math.max(peak, Math.abs(s));
  return peak;
}

export type TrimOptions = {
  /** A sample within this many dB of the clip's peak is sound; anything quieter is silence. */
  belowPeakDb: number;
  /** Silence kept before the first and after the last sound, so soft onsets and tails survive. */
  marginMs: number;
};

/** Cuts the leading and trailing silence of `samples` (at `sampleRate`), keeping a margin of it. */
export function trimSilence(
  samples: Int16Array,
  sampleRate: number,
  { belowPeakDb, marginMs }: TrimOptions = { belowPeakDb: 40, marginMs: 20 },
): Int16Array {
  const threshold = peakOf(samples) * 10 ** (-belowPeakDb / 20);
  const loud = (s: number) => Math.abs(s) > threshold;
  const first = samples.findIndex(loud);
  if (first < 0) return samples.slice(0, 0);
  const last = samples.findLastIndex(loud);
  const margin = Math.round((marginMs / 1000) * sampleRate);
  return samples.slice(Math.max(0, first - margin), Math.min(samples.length, last + 1 + margin));
}

const clamp16 = (v: number) => Math.max(-32768, Math.min(fullScale, Math.round(v)));

/**
 * Changes the sample rate with a windowed-sinc (Blackman) interpolator whose low-pass sits below the
 * lower of the two Nyquist frequencies, so going down (22050 → 16000 Hz) does not alias.
 */
export function resample(samples: Int16Array, from: number, to: number, halfTaps = 24): Int16Array {
  if (from === to) return samples.slice();
  const ratio = to / from;
  const cutoff = 0.5 * Math.min(1, ratio) * 0.95; // cycles per input sample
  const half = Math.ceil(halfTaps / Math.min(1, ratio)); // input samples either side
  const out = new Int16Array(Math.floor(samples.length * ratio));
  for (let n = 0; n < out.length; n++) {
    const t = n / ratio;
    let sum = 0;
    let weights = 0;
    for (let k = Math.ceil(t - half); k <= Math.floor(t + half); k++) {
      const d = t - k;
      const x = Math.PI * 2 * cutoff * d;
      const sinc = d === 0 ? 1 : Math.sin(x) / x;
      const w = 0.42 + 0.5 * Math.cos((Math.PI * d) / half) + 0.08 * Math.cos((2 * Math.PI * d) / half);
      const h = sinc * w;
      weights += h;
      if (k >= 0 && k < samples.length) sum += (samples[k] ?? 0) * h;
    }
    out[n] = clamp16(sum / weights);
  }
  return out;
}

export function rmsDb(samples: Int16Array): number {
  let squares = 0;
  for (const s of samples) squares += s * s;
  return samples.length === 0 ? -Infinity : 20 * Math.log10(Math.sqrt(squares / samples.length) / fullScale);
}

export function peakDb(samples: Int16Array): number {
  return 20 * Math.log10(peakOf(samples) / fullScale);
}

/** Scales `samples` to an RMS of `targetDb` (dBFS), less if the peak would pass `peakLimitDb`. */
export function normalise(samples: Int16Array, targetDb: number, peakLimitDb: number): Int16Array {
  if (!samples.some((s) => s !== 0)) return samples.slice(); // silence stays silence
  const gainDb = Math.min(targetDb - rmsDb(samples), peakLimitDb - peakDb(samples));
  const gain = 10 ** (gainDb / 20);
  return samples.map((s) => clamp16(s * gain));
}
