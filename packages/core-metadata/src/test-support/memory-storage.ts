/**
 * Test-only: a {@link StorageProvider} over files held in memory that
 * records every range read. The package entry does not import this file.
 */
import {
  type ByteRange,
  PlayerError,
  type RangeReadResult,
  type StorageProvider,
} from "@player/core-runtime";

/** One range read as the storage saw it. */
export interface MemoryRead {
  remoteId: string;
  start: number;
  /** Inclusive, as asked (may be past the end of the file). */
  end: number;
  /** Bytes answered (0 for a refused read). */
  bytes: number;
}

/** Options of {@link MemoryStorage}. */
export interface MemoryStorageOptions {
  /** Leave `totalSize` out of answers, as a server without Content-Range totals would. */
  hideTotalSize?: boolean;
}

export class MemoryStorage implements StorageProvider {
  readonly provider = "google" as const;
  readonly accountId = "google:memory";
  readonly reads: MemoryRead[] = [];
  readonly #files = new Map<string, Uint8Array>();
  readonly #hideTotalSize: boolean;

  constructor(files: Record<string, Uint8Array> = {}, options: MemoryStorageOptions = {}) {
    for (const [id, bytes] of Object.entries(files)) this.#files.set(id, bytes);
    this.#hideTotalSize = options.hideTotalSize ?? false;
  }

  /** Adds or replaces a file. */
  set(remoteId: string, bytes: Uint8Array): void {
    this.#files.set(remoteId, bytes);
  }

  /** Bytes answered so far, over every file. */
  get bytesRead(): number {
    return this.reads.reduce((sum, read) => sum + read.bytes, 0);
  }

  /** Forgets the recorded reads. */
  clearReads(): void {
    this.reads.length = 0;
  }

  async readRange(remoteId: string, range: ByteRange): Promise<RangeReadResult> {
    const file = this.#files.get(remoteId);
    const end = range.end ?? Number.MAX_SAFE_INTEGER;
    const read: MemoryRead = { remoteId, start: range.start, end, bytes: 0 };
    this.reads.push(read);
    if (file === undefined) {
      throw new PlayerError("http/status", `No file ${remoteId}`, { details: { status: 404 } });
    }
    if (range.start >= file.length) {
      throw new PlayerError("http/range-not-satisfiable", "Range past the end", {
        details: { status: 416, totalSize: file.length },
      });
    }
    const last = Math.min(end, file.length - 1);
    const bytes = file.slice(range.start, last + 1);
    read.bytes = bytes.length;
    return {
      bytes,
      start: range.start,
      end: last,
      totalSize: this.#hideTotalSize ? undefined : file.length,
      partial: true,
    };
  }
}
