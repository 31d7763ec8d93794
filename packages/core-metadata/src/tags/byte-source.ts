import { PlayerError, type StorageProvider } from "@player/core-runtime";

/** Requests made and bytes received by one read, for byte-budget checks. */
export interface RangeClientStats {
  requests: number;
  bytes: number;
}

/** The most a reader may fetch from one file. */
export interface ReadBudget {
  maxBytes: number;
  maxRequests: number;
}

/** Thrown when a read would go past its {@link ReadBudget}: hostile or huge tags. */
export class ReadBudgetExceededError extends Error {
  override readonly name = "ReadBudgetExceededError";
}

/** Options of {@link StorageByteSource}. */
export interface ByteSourceOptions {
  signal?: AbortSignal;
  stats?: RangeClientStats;
  budget: ReadBudget;
}

interface Chunk {
  start: number;
  bytes: Uint8Array;
}

/** A fetch started ahead of any read ({@link StorageByteSource.prefetch}). */
interface Inflight {
  start: number;
  end: number;
  done: Promise<void>;
}

const EMPTY = new Uint8Array(0);

/** Joins byte arrays into one. */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

/**
 * A file of a drive read through `StorageProvider.readRange`, with every
 * answer kept: the parsers re-read headers and overlapping windows without
 * new requests, and the budget caps what a hostile file can make us fetch.
 */
export class StorageByteSource {
  readonly #storage: StorageProvider;
  readonly #remoteId: string;
  readonly #options: ByteSourceOptions;
  readonly #controller = new AbortController();
  readonly #signal: AbortSignal;
  #chunks: Chunk[] = [];
  #inflight: Inflight[] = [];
  #size: number | undefined;
  #requests = 0;
  #bytes = 0;
  /** The error the storage threw, so the caller can pass it on as it is. */
  storageError: unknown;

  constructor(storage: StorageProvider, remoteId: string, options: ByteSourceOptions) {
    this.#storage = storage;
    this.#remoteId = remoteId;
    this.#options = options;
    this.#signal =
      options.signal === undefined
        ? this.#controller.signal
        : AbortSignal.any([options.signal, this.#controller.signal]);
  }

  /** The file's size, once a read told it. */
  get size(): number | undefined {
    return this.#size;
  }

  get remoteId(): string {
    return this.#remoteId;
  }

  /**
   * Starts fetching `start .. start + length - 1` now, in parallel with what
   * the parser reads first (the file's end while its head is read): a read
   * of those bytes later waits for this fetch instead of making its own. A
   * failed prefetch is forgotten; the read then fetches the bytes itself.
   */
  prefetch(start: number, length: number): void {
    const end = start + length;
    if (!Number.isSafeInteger(start) || start < 0 || length <= 0) return;
    const overlaps = (from: number, to: number) => from < end && to > start;
    if (this.#chunks.some((chunk) => overlaps(chunk.start, chunk.start + chunk.bytes.length)))
      return;
    if (this.#inflight.some((other) => overlaps(other.start, other.end))) return;
    const entry: Inflight = {
      start,
      end,
      done: this.#fetch(start, length, false).then(
        () => undefined,
        () => undefined,
      ),
    };
    this.#inflight.push(entry);
    void entry.done.then(() => {
      this.#inflight = this.#inflight.filter((other) => other !== entry);
    });
  }

  /** Stops the requests in flight. */
  abort(): void {
    this.#controller.abort();
  }

  /**
   * The bytes `start .. start + length - 1`; fewer only at the end of the file.
   *
   * @param readAhead - When a request is needed, fetch at least this many
   *   bytes: the next fields or page headers usually follow.
   * @throws ReadBudgetExceededError when the request would pass the budget;
   *   the storage's own errors (kept in {@link storageError}).
   */
  async read(start: number, length: number, readAhead = 0): Promise<Uint8Array> {
    if (!Number.isSafeInteger(start) || start < 0) throw new RangeError(`Bad offset ${start}`);
    let end = start + Math.max(0, Math.floor(length));
    if (this.#size !== undefined) end = Math.min(end, this.#size);
    if (end <= start) return EMPTY;
    const parts: Uint8Array[] = [];
    let position = start;
    while (position < end) {
      const chunk = this.#chunkAt(position);
      if (chunk !== undefined) {
        const until = Math.min(end, chunk.start + chunk.bytes.length);
        parts.push(chunk.bytes.subarray(position - chunk.start, until - chunk.start));
        position = until;
        continue;
      }
      const pending = this.#inflight.find(
        (entry) => entry.start <= position && entry.end > position,
      );
      if (pending !== undefined) {
        await pending.done;
        // Its bytes are held now, or it failed and is gone: either way, look again.
        this.#inflight = this.#inflight.filter((entry) => entry !== pending);
        continue;
      }
      // Fetch only the gap up to the next chunk held, read-ahead included: no byte twice.
      const nextChunk = this.#nextChunkStart(position);
      const gapEnd = Math.min(end, nextChunk);
      const fetched = await this.#fetch(
        position,
        Math.min(nextChunk - position, Math.max(gapEnd - position, readAhead - (position - start))),
      );
      const used = fetched.subarray(0, gapEnd - position);
      if (used.length > 0) parts.push(used);
      if (used.length < gapEnd - position) break; // the end of the file
      position = gapEnd;
    }
    return parts.length === 1 ? (parts[0] as Uint8Array) : concatBytes(parts);
  }

  #chunkAt(position: number): Chunk | undefined {
    return this.#chunks.find(
      (chunk) => chunk.start <= position && chunk.start + chunk.bytes.length > position,
    );
  }

  #nextChunkStart(position: number): number {
    let next = Number.POSITIVE_INFINITY;
    for (const chunk of this.#chunks)
      if (chunk.start > position) next = Math.min(next, chunk.start);
    for (const entry of this.#inflight)
      if (entry.start > position) next = Math.min(next, entry.start);
    return next;
  }

  async #fetch(start: number, wanted: number, keepError = true): Promise<Uint8Array> {
    let length = wanted;
    if (this.#size !== undefined) length = Math.min(length, this.#size - start);
    if (length <= 0) return EMPTY;
    const { budget, stats } = this.#options;
    if (this.#requests + 1 > budget.maxRequests || this.#bytes + length > budget.maxBytes) {
      throw new ReadBudgetExceededError(
        `Reading ${length} bytes at ${start} would pass the budget of ${budget.maxBytes} bytes in ${budget.maxRequests} requests`,
      );
    }
    this.#requests++;
    if (stats !== undefined) stats.requests++;
    let bytes: Uint8Array;
    try {
      const result = await this.#storage.readRange(
        this.#remoteId,
        { start, end: start + length - 1 },
        { signal: this.#signal },
      );
      bytes = result.bytes.subarray(0, length);
      if (result.totalSize !== undefined) this.#size = result.totalSize;
      else if (bytes.length < length) this.#size = start + bytes.length;
    } catch (error) {
      if (PlayerError.isInstance(error) && error.code === "http/range-not-satisfiable") {
        // Past the end: the file is shorter than its headers claim.
        const total = error.details?.totalSize;
        this.#size = typeof total === "number" ? Math.min(total, start) : start;
        return EMPTY;
      }
      if (keepError) this.storageError = error;
      throw error;
    }
    this.#bytes += bytes.length;
    if (stats !== undefined) stats.bytes += bytes.length;
    if (bytes.length > 0) this.#chunks.unshift({ start, bytes });
    return bytes;
  }
}
