/**
 * Which tone each generated track plays. The audio module renders exactly
 * these tones; tests detect them to tell which track is playing.
 */

/** 24 semitones from A3 (220 Hz) up two octaves, rounded to 0.01 Hz. */
export const TONE_FREQUENCIES_HZ: readonly number[] = Object.freeze(
  Array.from({ length: 24 }, (_, step) => Math.round(220 * 2 ** (step / 12) * 100) / 100),
);

/** Every generated track's audio lasts this long. */
export const TONE_DURATION_MS = 3_000;

/** The tone of track `index`: unique within any 24 consecutive tracks. */
export function toneForTrack(index: number): number {
  return TONE_FREQUENCIES_HZ[index % TONE_FREQUENCIES_HZ.length] ?? 220;
}
