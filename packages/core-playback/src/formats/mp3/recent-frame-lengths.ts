/**
 * The typical length of the last frames read, to estimate how many frames a
 * run of damaged bytes held. An interquartile mean: VBR streams spike to
 * large frames at transients, which would skew a plain mean.
 */
const HISTORY = 32;

export class RecentFrameLengths {
  private readonly lengths: number[] = [];
  private next = 0;

  /** @param fallback - The answer before any frame was seen (the file's mean frame length). */
  constructor(private readonly fallback: number) {}

  add(length: number): void {
    if (this.lengths.length < HISTORY) this.lengths.push(length);
    else this.lengths[this.next] = length;
    this.next = (this.next + 1) % HISTORY;
  }

  /** The mean of the middle half of the recent lengths. */
  typical(): number {
    if (this.lengths.length === 0) return this.fallback;
    const sorted = [...this.lengths].sort((a, b) => a - b);
    const quarter = Math.floor(sorted.length / 4);
    const middle = sorted.slice(quarter, sorted.length - quarter);
    return middle.reduce((sum, length) => sum + length, 0) / middle.length;
  }
}
