/**
 * Sample-exact repositioning through the sample table: which sample holds a
 * target frame, how many samples to decode before it, and how many decoded
 * frames to drop to land exactly on the target.
 */
import type { GaplessTrim } from "./gapless-trim.js";
import type { SampleTable } from "./sample-table.js";

/**
 * Samples decoded (and thrown away) before the wanted one: AAC's transform
 * overlaps each frame with the previous one, so a decoder starting cold gets
 * its first frame wrong. Two covers AAC-LC with a frame to spare.
 */
export const PREROLL_SAMPLES = 2;

/** How to reposition at a target frame. */
export interface SeekPlan {
  /** The target, clamped to `0..totalFrames`, in frames after delay trimming. */
  targetFrame: number;
  /** The sample holding the target (`table.count` when the target is the end). */
  sampleIndex: number;
  /** The first sample to decode: the preroll before `sampleIndex`. */
  decodeFrom: number;
  /** File offset of `decodeFrom`, where the first read starts. */
  byteOffset: number;
  /** Decoded frames from the start of `decodeFrom` that come before the target. */
  dropFrames: number;
}

/**
 * Plans a seek to `frame` (frames after delay trimming, clamped to the track).
 *
 * @example
 * ```ts
 * const plan = planSeek(track.table, track.trim, 15.5 * 44_100);
 * // read from plan.byteOffset, decode, drop plan.dropFrames frames
 * ```
 */
export function planSeek(table: SampleTable, trim: GaplessTrim, frame: number): SeekPlan {
  const targetFrame = Math.min(Math.max(Math.round(frame), 0), trim.totalFrames);
  if (targetFrame >= trim.totalFrames || table.count === 0) {
    return {
      targetFrame: trim.totalFrames,
      sampleIndex: table.count,
      decodeFrom: table.count,
      byteOffset: Number.NaN,
      dropFrames: 0,
    };
  }
  const timelineFrame = trim.startFrame + targetFrame;
  const sampleIndex = table.indexAtFrame(timelineFrame);
  const decodeFrom = Math.max(0, sampleIndex - PREROLL_SAMPLES);
  return {
    targetFrame,
    sampleIndex,
    decodeFrom,
    byteOffset: table.offsets[decodeFrom] ?? Number.NaN,
    dropFrames: timelineFrame - (table.frames[decodeFrom] ?? 0),
  };
}
