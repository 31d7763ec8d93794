/**
 * A track's sample table in compact typed arrays: where each sample's bytes
 * are and where it sits on the track's timeline, in output frames.
 */

/** A range of consecutive samples and the bytes that hold them. */
export interface SampleRun {
  /** First sample (inclusive). */
  first: number;
  /** Last sample (exclusive). */
  end: number;
  byteStart: number;
  byteEnd: number;
}

/** One track's samples: byte offsets, sizes and timeline positions. */
export class SampleTable {
  /**
   * @param offsets - File offset of each sample.
   * @param sizes - Byte size of each sample.
   * @param frames - Track-timeline frame each sample starts at (non-decreasing).
   * @param endFrame - Where the last sample ends on the timeline.
   */
  constructor(
    readonly offsets: Float64Array,
    readonly sizes: Uint32Array,
    readonly frames: Float64Array,
    readonly endFrame: number,
  ) {}

  /** Number of samples. */
  get count(): number {
    return this.sizes.length;
  }

  /** Frames sample `index` lasts. */
  durationOf(index: number): number {
    return (this.frames[index + 1] ?? this.endFrame) - (this.frames[index] ?? 0);
  }

  /** The sample whose span holds timeline frame `frame` (clamped to the first and last sample). */
  indexAtFrame(frame: number): number {
    let low = 0;
    let high = this.count - 1;
    // Binary search for the last sample starting at or before `frame`.
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((this.frames[middle] ?? 0) <= frame) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /**
   * The samples from `first` on whose bytes follow each other in the file
   * and fit in `maxBytes` (always at least one sample), to read in one range.
   */
  runFrom(first: number, maxBytes: number): SampleRun {
    const byteStart = this.offsets[first] ?? 0;
    let byteEnd = byteStart + (this.sizes[first] ?? 0);
    let end = first + 1;
    for (; end < this.count; end++) {
      const offset = this.offsets[end] ?? 0;
      const sampleEnd = offset + (this.sizes[end] ?? 0);
      // Samples of other tracks may sit between ours; backwards jumps end the run.
      if (offset < byteEnd || sampleEnd - byteStart > maxBytes) break;
      byteEnd = sampleEnd;
    }
    return { first, end, byteStart, byteEnd };
  }
}
