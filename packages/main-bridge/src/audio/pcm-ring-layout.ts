/**
 * The SharedArrayBuffer ring between the worker (writer) and the worklet
 * (reader). The same few constants live in core-playback's
 * `output/pcm-ring-layout.ts`: main-bridge bundles no core code, so they are
 * duplicated on purpose and the Chromium audio-sink test proves both agree.
 *
 * - control: `Int32Array` of {@link RING_CONTROL_INTS}; slot
 *   {@link RING_WRITE_SLOT} is the writer's frame index, slot
 *   {@link RING_READ_SLOT} the reader's. Each side only stores its own slot.
 *   Indexes count frames and wrap at 2^31 ({@link RING_INDEX_MASK}).
 * - channels: one `Float32Array` of `capacityFrames` per channel; frame index
 *   `i` lives at `i % capacityFrames`. The capacity is a power of two so that
 *   the 2^31 wrap keeps that mapping continuous.
 */

/** Slot of the write index in the control array. */
export const RING_WRITE_SLOT = 0;
/** Slot of the read index in the control array. */
export const RING_READ_SLOT = 1;
/** Length of the control `Int32Array`. */
export const RING_CONTROL_INTS = 2;
/** Frame indexes wrap at 2^31: `next = (index + n) & RING_INDEX_MASK`. */
export const RING_INDEX_MASK = 0x7fffffff;

/** Frames from `from` to `to`, both ring indexes (mod 2^31). */
export function ringDistance(from: number, to: number): number {
  return (to - from) & RING_INDEX_MASK;
}

/** `index` moved on by `frames`, wrapped at 2^31. */
export function ringAdvance(index: number, frames: number): number {
  return (index + frames) & RING_INDEX_MASK;
}

/** True for a capacity the ring accepts: a power of two from 2^7 to 2^24 frames. */
export function isValidRingCapacity(frames: unknown): frames is number {
  return (
    typeof frames === "number" &&
    Number.isInteger(frames) &&
    frames >= 128 &&
    frames <= 1 << 24 &&
    (frames & (frames - 1)) === 0
  );
}
