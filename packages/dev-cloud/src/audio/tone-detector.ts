/**
 * Tells which tone plan tone a decoded signal plays, by Goertzel power at
 * each of the 24 tones. Used by the tests to check the audio itself.
 */
import { TONE_FREQUENCIES_HZ } from "../library/tone-plan.js";

/** The strongest tone and how far it stands out. */
export interface DetectedTone {
  frequencyHz: number;
  /** Power of the strongest tone over that of the runner-up. */
  dominance: number;
}

/**
 * Measures each tone's power over the middle of the signal (away from the
 * fades and any encoder delay) and returns the strongest.
 *
 * @param samples - Mono samples, any scale.
 * @param sampleRate - Samples per second.
 * @param windowSeconds - How much of the middle to analyse; 1 s gives 1 Hz
 * resolution, far finer than the ≥ 13 Hz between neighbouring tones.
 */
export function detectTone(
  samples: Float32Array,
  sampleRate: number,
  windowSeconds = 1,
): DetectedTone {
  const length = Math.min(samples.length, Math.round(windowSeconds * sampleRate));
  const start = Math.floor((samples.length - length) / 2);
  const window = samples.subarray(start, start + length);
  const powers = TONE_FREQUENCIES_HZ.map((f) => goertzelPower(window, sampleRate, f));
  const ranked = powers.map((power, i) => ({ power, i })).sort((a, b) => b.power - a.power);
  const best = ranked[0];
  const second = ranked[1];
  if (best === undefined || second === undefined) throw new Error("No tones to compare.");
  return {
    frequencyHz: TONE_FREQUENCIES_HZ[best.i] ?? Number.NaN,
    dominance: second.power === 0 ? Number.POSITIVE_INFINITY : best.power / second.power,
  };
}

/** Squared magnitude of the signal's component at `frequencyHz`. */
export function goertzelPower(
  samples: Float32Array,
  sampleRate: number,
  frequencyHz: number,
): number {
  const coefficient = 2 * Math.cos((2 * Math.PI * frequencyHz) / sampleRate);
  let previous = 0;
  let beforePrevious = 0;
  for (const sample of samples) {
    const current = sample + coefficient * previous - beforePrevious;
    beforePrevious = previous;
    previous = current;
  }
  return (
    previous * previous + beforePrevious * beforePrevious - coefficient * previous * beforePrevious
  );
}
