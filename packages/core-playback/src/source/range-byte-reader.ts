/**
 * The {@link ByteReader} the decoders read a cloud file through: fixed-size
 * blocks fetched with Range requests, kept in a bounded LRU cache, read ahead
 * while playback is sequential, and retried when a read fails for a reason
 * that may pass.
 */
import { isPlayerError, PlayerError, type StorageProvider } from "@player/core-runtime";
import type { ByteReader } from "../decoding/decode-contract.js";
import { BlockCache, joinBlocks } from "./block-cache.js";
import {
  type RangeByteReaderOptions,
  resolveReaderOptions,
  untilAborted,
} from "./range-byte-reader-options.js";
import { abortedRead, type ReadRetryPolicy, readWithRetry } from "./read-with-retry.js";

export type { RangeByteReaderOptions };

/** One Range request covering blocks `first..first+count-1`, shared by every reader that needs them. */
interface BlockFetch {
  first: number;
  count: number;
  controller: AbortController;
  /** The bytes of the blocks, from the start of block `first`. */
  bytes: Promise<Uint8Array>;
  /** Reads waiting for it; a read-ahead fetch nobody waits for may be cancelled. */
  waiting: number;
  readAhead: boolean;
}

/**
 * Random access to one cloud file over a {@link StorageProvider}.
 *
 * @example
 * ```ts
 * const reader = await RangeByteReader.open(connector, remoteId);
 * const stream = await mp3.open(reader);
 * ```
 */
export class RangeByteReader implements ByteReader {
  readonly #provider: StorageProvider;
  readonly #remoteId: string;
  readonly #blockBytes: number;
  readonly #readAheadBlocks: number;
  readonly #retry: ReadRetryPolicy;
  readonly #cache: BlockCache;
  readonly #firstReadBytes: number;
  readonly #fetches = new Map<number, BlockFetch>();
  #size: number | undefined;
  /** The opening read's bytes, until block 0 is fetched whole. */
  #head: Uint8Array;
  /** Where the previous read ended: a read starting near it is sequential. */
  #lastEnd = 0;
  #closed = false;

  private constructor(
    provider: StorageProvider,
    remoteId: string,
    options: RangeByteReaderOptions,
  ) {
    this.#provider = provider;
    this.#remoteId = remoteId;
    const settings = resolveReaderOptions(options);
    this.#blockBytes = settings.blockBytes;
    this.#readAheadBlocks = settings.readAheadBlocks;
    this.#firstReadBytes = settings.firstReadBytes;
    this.#cache = new BlockCache(settings.blockBudget);
    this.#retry = settings.retry;
    this.#head = new Uint8Array(0);
  }

  /**
   * Opens a file with one small read, which also tells its size.
   *
   * @throws PlayerError `playback/track-not-found`, `playback/source-failed`,
   *   `http/aborted`; `runtime/invalid-config` for a bad option.
   */
  static async open(
    provider: StorageProvider,
    remoteId: string,
    options: RangeByteReaderOptions = {},
    signal?: AbortSignal,
  ): Promise<RangeByteReader> {
    const reader = new RangeByteReader(provider, remoteId, options);
    const range = { start: 0, end: reader.#firstReadBytes - 1 };
    try {
      const first = await readWithRetry(
        provider,
        remoteId,
        range,
        undefined,
        reader.#retry,
        signal,
      );
      reader.#head = first.bytes;
      reader.#size =
        first.totalSize ??
        (first.bytes.byteLength <= range.end ? first.bytes.byteLength : undefined);
    } catch (error) {
      // An empty file answers the first range with a 416.
      const cause = isPlayerError(error) ? error.cause : undefined;
      if (!isPlayerError(cause) || cause.code !== "http/range-not-satisfiable") throw error;
      reader.#size = 0;
    }
    return reader;
  }

  /** The file's size in bytes (known after {@link RangeByteReader.open} unless the server hid it). */
  get size(): number | undefined {
    return this.#size;
  }

  /** Bytes held in memory now: cached blocks and the opening read; never above `cacheBytes`. */
  get cachedBytes(): number {
    return this.#cache.bytes + this.#head.byteLength;
  }

  async read(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array> {
    if (this.#closed) throw new PlayerError("runtime/disposed", "The reader was closed");
    if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
      throw new PlayerError("runtime/invalid-argument", `Invalid byte range ${start}..${end}`, {
        details: { argument: "range" },
      });
    }
    if (signal?.aborted) throw abortedRead(signal.reason);
    const stop = this.#size === undefined ? end : Math.min(end, this.#size);
    if (start >= stop) return new Uint8Array(0);
    const sequential =
      start >= this.#lastEnd - this.#blockBytes && start <= this.#lastEnd + this.#blockBytes;
    this.#lastEnd = stop;
    const first = Math.floor(start / this.#blockBytes);
    const last = Math.floor((stop - 1) / this.#blockBytes);
    if (!sequential) this.#cancelReadAheadOutside(first, last + this.#readAheadBlocks);
    if (stop <= this.#head.byteLength) {
      // The head is only part of block 0: read ahead from block 0 itself.
      if (sequential) this.#readAhead(first - 1);
      return this.#head.slice(start, stop);
    }
    const blocks = this.#blocksFor(first, last);
    if (sequential) this.#readAhead(last);
    const parts = await Promise.all(blocks.map((block) => block(signal)));
    return joinBlocks(parts, first * this.#blockBytes, this.#blockBytes, start, stop);
  }

  /** Cancels every request and drops the cache. The reader is unusable afterwards. */
  close(): void {
    this.#closed = true;
    for (const fetch of new Set(this.#fetches.values())) fetch.controller.abort();
    this.#fetches.clear();
    this.#cache.clear();
    this.#head = new Uint8Array(0);
  }

  /** A getter per block: cached bytes, or a share of a fetch (started here for missing runs). */
  #blocksFor(first: number, last: number): Array<(signal?: AbortSignal) => Promise<Uint8Array>> {
    const getters: Array<(signal?: AbortSignal) => Promise<Uint8Array>> = [];
    for (let index = first; index <= last; index++) {
      const cached = this.#cache.get(index);
      if (cached !== undefined) {
        getters.push(async () => cached);
        continue;
      }
      let fetch = this.#fetches.get(index);
      if (fetch === undefined) {
        let count = 1;
        while (index + count <= last && !this.#isHeldOrFetching(index + count)) count++;
        fetch = this.#startFetch(index, count, false);
      }
      getters.push(this.#shareOf(fetch, index));
    }
    return getters;
  }

  #isHeldOrFetching(index: number): boolean {
    return this.#cache.has(index) || this.#fetches.has(index);
  }

  /** Waits for block `index` of a fetch; a reader that gives up lets an unwanted fetch go. */
  #shareOf(fetch: BlockFetch, index: number): (signal?: AbortSignal) => Promise<Uint8Array> {
    fetch.waiting++;
    return async (signal) => {
      try {
        const bytes = await untilAborted(fetch.bytes, signal);
        const offset = (index - fetch.first) * this.#blockBytes;
        return bytes.subarray(offset, offset + this.#blockBytes);
      } finally {
        fetch.waiting--;
        if (fetch.waiting === 0 && !fetch.readAhead) this.#cancel(fetch);
      }
    };
  }

  #startFetch(first: number, count: number, readAhead: boolean): BlockFetch {
    const controller = new AbortController();
    const start = first * this.#blockBytes;
    let end = (first + count) * this.#blockBytes - 1;
    if (this.#size !== undefined) end = Math.min(end, this.#size - 1);
    const expected = this.#size === undefined ? undefined : end - start + 1;
    const range = { start, end };
    const fetch: BlockFetch = {
      first,
      count,
      controller,
      waiting: 0,
      readAhead,
      bytes: readWithRetry(
        this.#provider,
        this.#remoteId,
        range,
        expected,
        this.#retry,
        controller.signal,
      ).then((result) => {
        const bytes = result.bytes.subarray(0, expected ?? result.bytes.byteLength);
        this.#keep(fetch, bytes, result.totalSize);
        return bytes;
      }),
    };
    fetch.bytes.then(
      () => this.#forget(fetch),
      () => this.#forget(fetch), // read-ahead failures are not reported: a reader retries itself
    );
    for (let index = first; index < first + count; index++) this.#fetches.set(index, fetch);
    return fetch;
  }

  /** Stores the fetched blocks (copies, so each block's memory is its own). */
  #keep(fetch: BlockFetch, bytes: Uint8Array, totalSize: number | undefined): void {
    if (this.#closed || fetch.controller.signal.aborted) return;
    if (this.#size === undefined) {
      const asked = fetch.count * this.#blockBytes;
      this.#size =
        totalSize ??
        (bytes.byteLength < asked ? fetch.first * this.#blockBytes + bytes.byteLength : undefined);
    }
    for (let i = 0; i < fetch.count; i++) {
      const block = bytes.slice(i * this.#blockBytes, (i + 1) * this.#blockBytes);
      if (block.byteLength > 0) this.#cache.set(fetch.first + i, block);
    }
    if (fetch.first === 0) this.#head = new Uint8Array(0); // block 0 now covers it
  }

  #forget(fetch: BlockFetch): void {
    for (let index = fetch.first; index < fetch.first + fetch.count; index++) {
      if (this.#fetches.get(index) === fetch) this.#fetches.delete(index);
    }
  }

  #cancel(fetch: BlockFetch): void {
    this.#forget(fetch);
    fetch.controller.abort();
  }

  /**
   * Keeps `readAheadBlocks` blocks fetched or fetching after block `last`;
   * refills only once half of them were used, so requests stay large.
   */
  #readAhead(last: number): void {
    if (this.#readAheadBlocks === 0) return;
    const lastBlock =
      this.#size === undefined
        ? Number.POSITIVE_INFINITY
        : Math.ceil(this.#size / this.#blockBytes) - 1;
    const until = Math.min(last + this.#readAheadBlocks, lastBlock);
    let ready = 0;
    while (last + ready + 1 <= until && this.#isHeldOrFetching(last + ready + 1)) ready++;
    if (ready * 2 >= this.#readAheadBlocks || last + ready + 1 > until) return;
    for (let index = last + ready + 1; index <= until; ) {
      if (this.#isHeldOrFetching(index)) {
        index++;
        continue;
      }
      let count = 1;
      while (index + count <= until && !this.#isHeldOrFetching(index + count)) count++;
      const fetch = this.#startFetch(index, count, true);
      fetch.bytes.catch(() => undefined);
      index += count;
    }
  }

  /** After a jump: read-ahead nobody waits for and that ends up outside the new window is cancelled. */
  #cancelReadAheadOutside(first: number, last: number): void {
    for (const fetch of new Set(this.#fetches.values())) {
      const outside = fetch.first + fetch.count - 1 < first || fetch.first > last;
      if (fetch.readAhead && fetch.waiting === 0 && outside) this.#cancel(fetch);
    }
  }
}
