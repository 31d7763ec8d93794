import { RING_READ_SLOT, RING_WRITE_SLOT, ringAdvance, ringDistance } from "./pcm-ring-layout.js";
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
 */
export class PcmRingReader implements PcmSource {
  private readonly mask: number;
  private readonly pending: RingSegment[] = [];
  private active: RingSegment | undefined;
  /** Position reported while no segment is active. */
  private idlePosition = 0;

  constructor(
    private readonly control: Int32Array,
    private readonly channels: readonly Float32Array[],
    private readonly capacityFrames: number,
  ) {
    this.mask = capacityFrames - 1;
  }

  get position(): number {
    const active = this.active;
    if (active === undefined) return this.idlePosition;
    return active.startFrame + ringDistance(active.ringFrame, this.readIndex);
  }

  get bufferedFrames(): number {
    if (this.active === undefined) return 0;
    return ringDistance(this.readIndex, Atomics.load(this.control, RING_WRITE_SLOT));
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
    if (this.active !== undefined) {
      this.pending.push({ startFrame, ringFrame });
      return false;
    }
    this.active = { startFrame, ringFrame };
    Atomics.store(this.control, RING_READ_SLOT, ringFrame);
    return true;
  }

  /** Forgets every segment: nothing plays until the next one (after a flush). */
  reset(position = 0): void {
    this.active = undefined;
    this.pending.length = 0;
    this.idlePosition = position;
  }

  pull(targets: readonly Float32Array[], frames: number): number {
    if (this.active === undefined) return 0;
    let read = this.readIndex;
    const available = ringDistance(read, Atomics.load(this.control, RING_WRITE_SLOT));
    const total = Math.min(frames, available);
    let written = 0;
    while (written < total) {
      this.enterSegmentsAt(read);
      let count = total - written;
      const next = this.pending[0];
      if (next !== undefined) count = Math.min(count, ringDistance(read, next.ringFrame));
      this.copy(targets, written, read, count);
      written += count;
      read = ringAdvance(read, count);
    }
    this.enterSegmentsAt(read);
    Atomics.store(this.control, RING_READ_SLOT, read);
    return written;
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
