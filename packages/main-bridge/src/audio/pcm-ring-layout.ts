/**
 * The SharedArrayBuffer ring between the worker (writer) and the worklet
 * (reader). The same few constants live in core-playback's
 * `output/pcm-ring-layout.ts`: main-bridge bundles no core code, so they are
 * duplicated on purpose and the Chromium audio-sink test proves both agree.
 *
 * - control: `Int32Array` of {@link RING_CONTROL_INTS}. Each side only stores
 *   its own slots:
 *   - writer: {@link RING_WRITE_SLOT} (frame index of the next frame to
 *     write), {@link RING_EPOCH_SLOT} (the flush count, bumped by every
 *     flush before any frame of the new session is written) and
 *     {@link RING_FLUSH_SLOT} (the write index at the first flush the reader
 *     has not acknowledged yet);
 *   - reader: {@link RING_READ_SLOT} (frame index of the next frame to play)
 *     and {@link RING_ACK_SLOT} (the epoch of the last flush it applied).
 *
 *   Frame indexes and epochs wrap at 2^31 ({@link RING_INDEX_MASK}).
 * - channels: one `Float32Array` of `capacityFrames` per channel; frame index
 *   `i` lives at `i % capacityFrames`. The capacity is a power of two so that
 *   the 2^31 wrap keeps that mapping continuous.
 *
 * Why the epoch: `flush`/`segment` messages reach the worklet later than the
 * frames written into shared memory. A reader whose last applied epoch
 * differs from {@link RING_EPOCH_SLOT} knows a flush is on its way and reads
 * no further than {@link RING_FLUSH_SLOT}, so no frame of a new session is
 * ever played under an old one. The writer moves the flush slot only when
 * the reader has acknowledged every earlier flush, which keeps it at or
 * before the first flush the reader has not seen (a value behind the read
 * index means "stop now").
 */

/** Slot of the write index in the control array (writer). */
export const RING_WRITE_SLOT = 0;
/** Slot of the read index in the control array (reader). */
export const RING_READ_SLOT = 1;
/** Slot of the flush epoch: how many flushes the writer made, wrapping at 2^31 (writer). */
export const RING_EPOCH_SLOT = 2;
/** Slot of the write index at the first flush the reader has not acknowledged (writer). */
export const RING_FLUSH_SLOT = 3;
/** Slot of the last epoch the reader applied from a `flush` message (reader). */
export const RING_ACK_SLOT = 4;
/** Length of the control `Int32Array`. */
export const RING_CONTROL_INTS = 5;
/** Frame indexes and epochs wrap at 2^31: `next = (index + n) & RING_INDEX_MASK`. */
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
