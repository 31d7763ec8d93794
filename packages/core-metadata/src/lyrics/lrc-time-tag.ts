// Time tags of LRC files. Minutes may exceed 59 (long mixes); the fraction may
// have 1 to 3 digits, after "." or, as some tools write it, after ":".

/** A line time tag at the start of a string: `[mm:ss]`, `[mm:ss.xx]`, `[mm:ss.xxx]`, `[mm:ss:xx]`. */
export const LINE_TIME_TAG = /^\[(\d{1,4}):([0-5]?\d)(?:[.:](\d{1,3}))?\]/;

/** An enhanced-LRC (A2) word time tag anywhere in a string: `<mm:ss.xx>`. */
export const WORD_TIME_TAG = /<(\d{1,4}):([0-5]?\d)(?:[.:](\d{1,3}))?>/g;

/**
 * Milliseconds of a time tag's captured parts. The fraction is scaled by its
 * digit count: ".5", ".50" and ".500" are all half a second.
 */
export function timeTagToMs(
  minutes: string | undefined,
  seconds: string | undefined,
  fraction: string | undefined,
): number {
  const fractionMs = fraction === undefined ? 0 : Number(fraction.padEnd(3, "0"));
  return Number(minutes ?? "0") * 60_000 + Number(seconds ?? "0") * 1000 + fractionMs;
}
