/**
 * Where each audio frame of an MP3 starts, learnt while reading it from the
 * start: a seek inside the indexed stretch lands on the exact frame.
 */
export class Mp3FrameIndex {
  private offsets = new Float64Array(1024);
  private count = 0;
  private nextOffset: number;

  /** @param firstAudioOffset - File offset of audio frame 0 (after any information frame). */
  constructor(firstAudioOffset: number) {
    this.nextOffset = firstAudioOffset;
  }

  /** Frames indexed: frames `0 … length - 1` have known offsets. */
  get length(): number {
    return this.count;
  }

  /** File offset where frame {@link length} (the first not indexed) starts. */
  get endOffset(): number {
    return this.nextOffset;
  }

  /**
   * Records audio frame `frame` at `offset`. Only the frame right after the
   * indexed stretch extends it; others are ignored (their numbers may be estimates).
   */
  record(frame: number, offset: number, length: number): void {
    if (frame !== this.count || offset !== this.nextOffset) return;
    if (this.count === this.offsets.length) {
      const grown = new Float64Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    this.offsets[this.count++] = offset;
    this.nextOffset = offset + length;
  }

  /** File offset of audio frame `frame`, when indexed. */
  offsetOf(frame: number): number | undefined {
    return frame >= 0 && frame < this.count ? this.offsets[frame] : undefined;
  }
}
