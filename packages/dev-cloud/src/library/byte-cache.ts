/**
 * A least-recently-used cache of byte arrays bounded by their total size,
 * not their count: rendered tracks range from a few KB to a few hundred.
 */
export class ByteLruCache {
  /** Map order is recency order: the first key is the least recently used. */
  readonly #entries = new Map<string, Uint8Array>();
  #totalBytes = 0;
  readonly #maxBytes: number;

  /**
   * @param maxBytes - Upper bound of the summed `byteLength` of cached arrays; 0 caches nothing.
   * @throws RangeError when `maxBytes` is not a non-negative integer.
   */
  constructor(maxBytes: number) {
    if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) {
      throw new RangeError(`cache size must be a non-negative integer, got ${String(maxBytes)}.`);
    }
    this.#maxBytes = maxBytes;
  }

  /** Summed `byteLength` of the cached arrays; never above the bound. */
  get totalBytes(): number {
    return this.#totalBytes;
  }

  /** Number of cached arrays. */
  get size(): number {
    return this.#entries.size;
  }

  /** Whether `key` is cached, without touching its recency. */
  has(key: string): boolean {
    return this.#entries.has(key);
  }

  /** The cached array, which becomes the most recently used; `undefined` on a miss. */
  get(key: string): Uint8Array | undefined {
    const bytes = this.#entries.get(key);
    if (bytes === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, bytes);
    return bytes;
  }

  /**
   * Caches `bytes` under `key`, evicting the least recently used arrays until
   * the total fits. An array larger than the whole bound is not cached.
   */
  set(key: string, bytes: Uint8Array): void {
    this.delete(key);
    if (bytes.byteLength > this.#maxBytes) return;
    this.#entries.set(key, bytes);
    this.#totalBytes += bytes.byteLength;
    for (const [oldestKey, oldest] of this.#entries) {
      if (this.#totalBytes <= this.#maxBytes) break;
      this.#entries.delete(oldestKey);
      this.#totalBytes -= oldest.byteLength;
    }
  }

  /** Drops `key` if cached. */
  delete(key: string): void {
    const bytes = this.#entries.get(key);
    if (bytes === undefined) return;
    this.#entries.delete(key);
    this.#totalBytes -= bytes.byteLength;
  }
}
