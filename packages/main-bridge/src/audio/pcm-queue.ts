import type { PcmSource } from "./pcm-source.js";

/** One transferred run of PCM, planar, and how far it has been played. */
interface QueuedChunk {
  startFrame: number;
  channels: Float32Array[];
  length: number;
}

/** Compact the chunk list once this many played slots sit before the head. */
const COMPACT_AFTER = 32;

/**
 * The transfer transport's queue: runs of PCM posted by the worker, played in
 * order. Pushing may allocate (it runs in the message handler); pulling does
 * not (it runs in `process()`).
 */
export class PcmQueue implements PcmSource {
  private readonly chunks: (QueuedChunk | undefined)[] = [];
  private head = 0;
  /** Frames of the head chunk already played. */
  private offset = 0;
  private buffered = 0;
  /** Position reported while the queue is empty: just after the last frame played. */
  private idlePosition = 0;

  get position(): number {
    const chunk = this.chunks[this.head];
    return chunk === undefined ? this.idlePosition : chunk.startFrame + this.offset;
  }

  get bufferedFrames(): number {
    return this.buffered;
  }

  /** Queues a run; channels must be non-empty (the shortest channel sets the length). */
  push(startFrame: number, channels: Float32Array[]): void {
    let length = Number.POSITIVE_INFINITY;
    for (const channel of channels) length = Math.min(length, channel.length);
    if (channels.length === 0 || length === 0) return;
    if (this.head >= COMPACT_AFTER && this.head * 2 >= this.chunks.length) {
      this.chunks.copyWithin(0, this.head);
      this.chunks.length -= this.head;
      this.head = 0;
    }
    if (this.chunks[this.head] === undefined) this.idlePosition = startFrame;
    this.chunks.push({ startFrame, channels, length });
    this.buffered += length;
  }

  /** Drops everything queued; the position becomes `position`. */
  clear(position = 0): void {
    this.chunks.length = 0;
    this.head = 0;
    this.offset = 0;
    this.buffered = 0;
    this.idlePosition = position;
  }

  pull(targets: readonly Float32Array[], frames: number, offset = 0): number {
    let written = 0;
    while (written < frames) {
      const chunk = this.chunks[this.head];
      if (chunk === undefined) break;
      const count = Math.min(frames - written, chunk.length - this.offset);
      const last = chunk.channels.length - 1;
      for (let c = 0; c < targets.length; c++) {
        const target = targets[c] as Float32Array;
        const source = chunk.channels[Math.min(c, last)] as Float32Array;
        const at = offset + written;
        for (let i = 0; i < count; i++) target[at + i] = source[this.offset + i] as number;
      }
      written += count;
      this.offset += count;
      this.buffered -= count;
      if (this.offset === chunk.length) {
        this.idlePosition = chunk.startFrame + chunk.length;
        this.chunks[this.head] = undefined;
        this.head++;
        this.offset = 0;
      }
    }
    return written;
  }
}
