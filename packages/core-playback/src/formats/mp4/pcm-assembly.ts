/**
 * Cuts decoded runs to a span of the track's timeline: drops preroll and
 * priming before it and padding after it, as one planar piece.
 */
import type { DecodedRun } from "./sample-decoder.js";

/**
 * Copies the parts of `runs` inside timeline frames `from..to` into `channels`
 * planar arrays of `to - from` frames. Frames no run covers stay silent; a
 * decoder that gives fewer channels has its last channel repeated.
 */
export function assembleSpan(
  runs: readonly DecodedRun[],
  from: number,
  to: number,
  channels: number,
): Float32Array[] {
  const length = Math.max(0, to - from);
  const output = Array.from({ length: channels }, () => new Float32Array(length));
  for (const run of runs) {
    const runLength = run.channels[0]?.length ?? 0;
    const start = Math.max(from, run.frame);
    const end = Math.min(to, run.frame + runLength);
    if (end <= start) continue;
    for (let channel = 0; channel < channels; channel++) {
      const source = run.channels[Math.min(channel, run.channels.length - 1)];
      if (source === undefined) continue;
      output[channel]?.set(source.subarray(start - run.frame, end - run.frame), start - from);
    }
  }
  return output;
}
