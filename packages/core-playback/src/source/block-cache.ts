/**
 * The blocks of one file that a {@link RangeByteReader} keeps, within a byte
 * budget: the least recently used block goes first, so the whole file is
 * never held however long the track.
 */
export class BlockCache {
  readonly #blocks = new Map<number, Uint8Array>();
  readonly #capacity: number;
  #bytes = 0;

  /** @param capacityBytes - Most bytes held at once. */
  constructor(capacityBytes: number) {
    this.#capacity = capacityBytes;
  }

  /** Bytes held now; never more than the capacity. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Block `index`, marked as just used; `undefined` when not held. */
  get(index: number): Uint8Array | undefined {
    const block = this.#blocks.get(index);
    if (block === undefined) return undefined;
    this.#blocks.delete(index);
    this.#blocks.set(index, block); // Map order is the recency order
    return block;
  }

  /** True when block `index` is held (without marking it used). */
  has(index: number): boolean {
    return this.#blocks.has(index);
  }

  /**
   * Keeps a block, dropping the least recently used ones to make room. A
   * block larger than the whole capacity is not kept.
   */
  set(index: number, block: Uint8Array): void {
    this.delete(index);
    if (block.byteLength > this.#capacity) return;
    for (const [oldest, bytes] of this.#blocks) {
      if (this.#bytes + block.byteLength <= this.#capacity) break;
      this.#blocks.delete(oldest);
      this.#bytes -= bytes.byteLength;
    }
    this.#blocks.set(index, block);
    this.#bytes += block.byteLength;
  }

  delete(index: number): void {
    const block = this.#blocks.get(index);
    if (block === undefined) return;
    this.#blocks.delete(index);
    this.#bytes -= block.byteLength;
  }

  clear(): void {
    this.#blocks.clear();
    this.#bytes = 0;
  }
}

/**
 * Copies bytes `start..stop` (exclusive) out of consecutive blocks, the first
 * of which starts at `firstStart`; stops early where the file ended.
 */
export function joinBlocks(
  blocks: readonly Uint8Array[],
  firstStart: number,
  blockBytes: number,
  start: number,
  stop: number,
): Uint8Array {
  const out = new Uint8Array(stop - start);
  let written = 0;
  for (const [i, block] of blocks.entries()) {
    const blockStart = firstStart + i * blockBytes;
    const from = Math.max(start, blockStart) - blockStart;
    const to = Math.min(stop, blockStart + block.byteLength) - blockStart;
    if (to <= from) break;
    out.set(block.subarray(from, to), written);
    written += to - from;
  }
  return written === out.byteLength ? out : out.slice(0, written);
}
