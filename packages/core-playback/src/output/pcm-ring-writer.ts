import { PlayerError } from "@player/core-runtime";
import {
  isValidRingCapacity,
  RING_ACK_SLOT,
  RING_CONTROL_INTS,
  RING_EPOCH_SLOT,
  RING_FLUSH_SLOT,
  RING_READ_SLOT,
  RING_WRITE_SLOT,
  ringAdvance,
  ringDistance,
} from "./pcm-ring-layout.js";

/** The shared buffers of a ring, as sent to the sink in the `ring` message. */
export interface PcmRingBuffers {
  control: SharedArrayBuffer;
  channels: SharedArrayBuffer[];
  capacityFrames: number;
}

/**
 * The writing end of the PCM ring (layout in `pcm-ring-layout.ts`). It never
 * blocks and never drops: `write()` takes what fits and says how much, and
 * the caller keeps the rest for later.
 */
export class PcmRingWriter {
  /** The buffers to send to the sink. */
  readonly buffers: PcmRingBuffers;
  private readonly control: Int32Array;
  private readonly channels: Float32Array[];
  private readonly mask: number;

  /**
   * @param channelCount - channels in the ring (the sink's output channels).
   * @param capacityFrames - a power of two from 128 to 2^24.
   */
  constructor(channelCount: number, capacityFrames: number) {
    if (!isValidRingCapacity(capacityFrames)) {
      throw new PlayerError(
        "playback/output-failed",
        `The PCM ring capacity must be a power of two from 128 to 2^24 frames, not ${capacityFrames}`,
      );
    }
    if (!Number.isInteger(channelCount) || channelCount < 1 || channelCount > 32) {
      throw new PlayerError("playback/output-failed", `Bad ring channel count ${channelCount}`);
    }
    const control = new SharedArrayBuffer(RING_CONTROL_INTS * 4);
    const channels = Array.from(
      { length: channelCount },
      () => new SharedArrayBuffer(capacityFrames * 4),
    );
    this.buffers = { control, channels, capacityFrames };
    this.control = new Int32Array(control);
    this.channels = channels.map((buffer) => new Float32Array(buffer));
    this.mask = capacityFrames - 1;
  }

  /** The ring index the next written frame gets (what a `segment` marker points at). */
  get writeIndex(): number {
    return Atomics.load(this.control, RING_WRITE_SLOT);
  }

  /** The current flush epoch (0 until the first {@link beginFlush}). */
  get epoch(): number {
    return Atomics.load(this.control, RING_EPOCH_SLOT);
  }

  /**
   * Marks a flush in shared memory before any frame of the new session is
   * written, so the reader stops at this point even before the `flush`
   * message reaches it. Returns the new epoch, which the `flush` message
   * carries.
   */
  beginFlush(): number {
    const epoch = Atomics.load(this.control, RING_EPOCH_SLOT);
    // While an earlier flush is unacknowledged, its point stays: that is where the reader stops.
    if (Atomics.load(this.control, RING_ACK_SLOT) === epoch) {
      Atomics.store(this.control, RING_FLUSH_SLOT, this.writeIndex);
    }
    const next = ringAdvance(epoch, 1);
    // Stored after the flush point, so a reader that sees the new epoch also sees a valid point.
    Atomics.store(this.control, RING_EPOCH_SLOT, next);
    return next;
  }

  /** Frames that fit now. */
  get freeFrames(): number {
    const used = ringDistance(
      Atomics.load(this.control, RING_READ_SLOT),
      Atomics.load(this.control, RING_WRITE_SLOT),
    );
    return this.buffers.capacityFrames - used;
  }

  /**
   * Writes up to `frames` frames of `source` from `offset` on (planar; a
   * source with fewer channels than the ring repeats its last channel) and
   * publishes them. Returns the frames written: fewer when the ring is full.
   */
  write(source: readonly Float32Array[], offset: number, frames: number): number {
    const count = Math.min(frames, this.freeFrames);
    if (count <= 0 || source.length === 0) return 0;
    const write = this.writeIndex;
    const start = write & this.mask;
    const firstPart = Math.min(count, this.buffers.capacityFrames - start);
    const last = source.length - 1;
    for (let c = 0; c < this.channels.length; c++) {
      const target = this.channels[c] as Float32Array;
      const input = source[Math.min(c, last)] as Float32Array;
      target.set(input.subarray(offset, offset + firstPart), start);
      if (count > firstPart) target.set(input.subarray(offset + firstPart, offset + count), 0);
    }
    // Publishing the index after the samples: Atomics orders the stores for the reader.
    Atomics.store(this.control, RING_WRITE_SLOT, ringAdvance(write, count));
    return count;
  }
}
