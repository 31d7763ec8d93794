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
import type { PcmSource } from "./pcm-source.js";

/** Ring frames from `ringFrame` on play at track position `startFrame` and on. */
interface RingSegment {
  startFrame: number;
  ringFrame: number;
}

/**
 * The ring transport's reader: takes frames the worker wrote into the shared
 * ring (layout in `pcm-ring-layout.ts`) and labels them with track positions
 * from the `segment` markers. Until the first marker of a session arrives it
 * plays nothing and leaves the ring alone; that marker moves the read index
 * past whatever an older session left behind.
 *
 * A flush has two steps. The writer's epoch changes first ({@link flushPending}):
 * from then on the reader serves the old session only up to the flush point.
 * The `flush` message ({@link flush}) then collects the new session's markers
 * aside while the player fades the old audio out, and {@link finishFlush}
 * switches to them.
 */
export class PcmRingReader implements PcmSource {
  private readonly mask: number;
  private pending: RingSegment[] = [];
  /** Markers of the session a received `flush` started, held until {@link finishFlush}. */
  private incoming: RingSegment[] = [];
  private active: RingSegment | undefined;
  /** Position reported while no segment is active. */
  private idlePosition = 0;
  /** The writer's epoch this reader's segments belong to. */
  private epoch = 0;
  /** The epoch of a received `flush`, applied by {@link finishFlush}. */
  private nextEpoch: number | undefined;

  constructor(
    private readonly control: Int32Array,
    private readonly channels: readonly Float32Array[],
    private readonly capacityFrames: number,
  ) {
    this.mask = capacityFrames - 1;
    this.epoch = Atomics.load(control, RING_ACK_SLOT);
  }

  /** A reader over the buffers of a `ring` message, or undefined when they are malformed. */
  static fromBuffers(
    control: unknown,
    channels: unknown,
    capacityFrames: unknown,
  ): PcmRingReader | undefined {
    if (!(control instanceof SharedArrayBuffer) || !isValidRingCapacity(capacityFrames)) return;
    if (control.byteLength < RING_CONTROL_INTS * 4 || !Array.isArray(channels)) return;
    const views: Float32Array[] = [];
    for (const buffer of channels) {
      if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < capacityFrames * 4) return;
      views.push(new Float32Array(buffer, 0, capacityFrames));
    }
    if (views.length === 0) return;
    return new PcmRingReader(new Int32Array(control, 0, RING_CONTROL_INTS), views, capacityFrames);
  }

  /** The writer flushed in shared memory past what this reader applied: stop at the flush point. */
  get flushPending(): boolean {
    return Atomics.load(this.control, RING_EPOCH_SLOT) !== this.epoch;
  }

  /** A `flush` message arrived and waits for {@link finishFlush}. */
  get flushReceived(): boolean {
    return this.nextEpoch !== undefined;
  }

  get position(): number {
    if (this.nextEpoch !== undefined) return this.incoming[0]?.startFrame ?? this.idlePosition;
    const active = this.active;
    if (active === undefined) return this.idlePosition;
    return active.startFrame + ringDistance(active.ringFrame, this.readIndex);
  }

  get bufferedFrames(): number {
    if (this.nextEpoch !== undefined) {
      const first = this.incoming[0];
      if (first === undefined) return 0;
      return ringDistance(first.ringFrame, Atomics.load(this.control, RING_WRITE_SLOT));
    }
    return this.active === undefined ? 0 : this.readable(this.readIndex);
  }

  private get readIndex(): number {
    return Atomics.load(this.control, RING_READ_SLOT);
  }

  /**
   * Frames from `ringFrame` on start at track position `startFrame`. Returns
   * true when this marker started playback (the read index jumped to it),
   * which frees the ring space older sessions held.
   */
  addSegment(startFrame: number, ringFrame: number): boolean {
    if (this.nextEpoch !== undefined) {
      this.incoming.push({ startFrame, ringFrame });
      return false;
    }
    if (this.active !== undefined) {
      this.pending.push({ startFrame, ringFrame });
      return false;
    }
    this.active = { startFrame, ringFrame };
    Atomics.store(this.control, RING_READ_SLOT, ringFrame);
    return true;
  }

  /**
   * A `flush` message with the writer's `epoch` (undefined: take the current
   * one, for a writer that sends none). The old session stays readable up to
   * the flush point until {@link finishFlush}; new markers wait.
   */
  flush(epoch: number | undefined): void {
    this.nextEpoch = epoch ?? Atomics.load(this.control, RING_EPOCH_SLOT);
    this.incoming.length = 0;
    this.idlePosition = 0;
  }

  /**
   * Applies the received flush: the old session's markers are dropped, the
   * epoch is acknowledged to the writer, and the first new marker (if any)
   * becomes active. Returns true when the read index jumped to it.
   */
  finishFlush(): boolean {
    if (this.nextEpoch === undefined) return false;
    this.epoch = this.nextEpoch;
    this.nextEpoch = undefined;
    Atomics.store(this.control, RING_ACK_SLOT, this.epoch);
    this.active = undefined;
    this.idlePosition = this.incoming[0]?.startFrame ?? 0;
    // Swap the lists rather than allocate: this runs on the render thread.
    const segments = this.incoming;
    this.incoming = this.pending;
    this.incoming.length = 0;
    this.pending = segments;
    const first = segments.shift();
    return first === undefined ? false : this.addSegment(first.startFrame, first.ringFrame);
  }

  pull(targets: readonly Float32Array[], frames: number, offset = 0): number {
    // While a received flush waits, the old session is still read (bounded) for the fade-out.
    if (this.active === undefined) return 0;
    let read = this.readIndex;
    const total = Math.min(frames, this.readable(read));
    let written = 0;
    while (written < total) {
      this.enterSegmentsAt(read);
      let count = total - written;
      const next = this.pending[0];
      if (next !== undefined) count = Math.min(count, ringDistance(read, next.ringFrame));
      this.copy(targets, offset + written, read, count);
      written += count;
      read = ringAdvance(read, count);
    }
    this.enterSegmentsAt(read);
    Atomics.store(this.control, RING_READ_SLOT, read);
    return written;
  }

  /**
   * Frames readable from `read` under this reader's epoch. The write index is
   * loaded before the epoch: a write index that covers new-session frames was
   * stored after the epoch changed, so the epoch load then sees the change.
   */
  private readable(read: number): number {
    const available = ringDistance(read, Atomics.load(this.control, RING_WRITE_SLOT));
    if (Atomics.load(this.control, RING_EPOCH_SLOT) === this.epoch) return available;
    const fence = ringDistance(read, Atomics.load(this.control, RING_FLUSH_SLOT));
    // A flush point behind the read index (the writer kept an older one) means: nothing more.
    return fence <= available ? fence : 0;
  }

  /** Makes the marker that starts at ring index `read` (if any) the active one. */
  private enterSegmentsAt(read: number): void {
    let next = this.pending[0];
    while (next !== undefined && next.ringFrame === read) {
      this.active = next;
      this.pending.shift();
      next = this.pending[0];
    }
  }

  /** Copies `count` frames from ring index `read` into the targets at `offset`, across the wrap. */
  private copy(
    targets: readonly Float32Array[],
    offset: number,
    read: number,
    count: number,
  ): void {
    const start = read & this.mask;
    const firstPart = Math.min(count, this.capacityFrames - start);
    const last = this.channels.length - 1;
    for (let c = 0; c < targets.length; c++) {
      const target = targets[c] as Float32Array;
      const source = this.channels[Math.min(c, last)] as Float32Array;
      for (let i = 0; i < firstPart; i++) target[offset + i] = source[start + i] as number;
      for (let i = firstPart; i < count; i++) target[offset + i] = source[i - firstPart] as number;
    }
  }
}
