/**
 * The settings of a {@link RangeByteReader}, checked and with defaults filled
 * in, and a helper for waiting on shared work with a caller's signal.
 */
import { abortableSleep, type BackoffOptions, PlayerError } from "@player/core-runtime";
import { abortedRead, type ReadRetryPolicy } from "./read-with-retry.js";

/** Options of {@link RangeByteReader.open}. */
export interface RangeByteReaderOptions {
  /** Bytes per cached block and the unit of every request. Default 64 KiB. */
  blockBytes?: number;
  /** Most block bytes held at once; at least `(readAheadBlocks + 2) * blockBytes`. Default 2 MiB. */
  cacheBytes?: number;
  /** Blocks fetched ahead of a sequential reader. Default 4; 0 turns read-ahead off. */
  readAheadBlocks?: number;
  /** Bytes of the opening read, small for a fast first sound. Default 16 KiB. */
  firstReadBytes?: number;
  /** Retries of a failed request. Default 5. */
  retries?: number;
  /** Backoff between retries. Default 200 ms doubling up to 4 s, full jitter. */
  backoff?: BackoffOptions;
  /** Wait between retries (injected by tests). Default: a timer that stops on abort. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in `[0, 1]`. Default `Math.random`. */
  random?: () => number;
}

/** {@link RangeByteReaderOptions} checked, with defaults. */
export interface ReaderSettings {
  blockBytes: number;
  readAheadBlocks: number;
  /** The opening read's size (at most one block). */
  firstReadBytes: number;
  /** Bytes the block cache may hold: the budget less the opening read's bytes. */
  blockBudget: number;
  retry: ReadRetryPolicy;
}

const KIB = 1024;

/**
 * Checks the options and fills in defaults.
 *
 * @throws PlayerError `runtime/invalid-config` for a value out of range.
 */
export function resolveReaderOptions(options: RangeByteReaderOptions): ReaderSettings {
  const blockBytes = positiveInteger(options.blockBytes ?? 64 * KIB, "blockBytes");
  const readAheadBlocks = countOption(options.readAheadBlocks ?? 4, "readAheadBlocks");
  const cacheBytes = positiveInteger(options.cacheBytes ?? 2048 * KIB, "cacheBytes");
  const firstBytes = positiveInteger(options.firstReadBytes ?? 16 * KIB, "firstReadBytes");
  const firstReadBytes = Math.min(firstBytes, blockBytes);
  // The opening read's bytes count against the budget until block 0 replaces them.
  const blockBudget = cacheBytes - firstReadBytes;
  if (blockBudget < (readAheadBlocks + 2) * blockBytes) {
    throw invalidOption("cacheBytes", "must hold the first read and readAheadBlocks + 2 blocks");
  }
  return {
    blockBytes,
    readAheadBlocks,
    firstReadBytes,
    blockBudget,
    retry: {
      retries: countOption(options.retries ?? 5, "retries"),
      backoff: options.backoff ?? { baseMs: 200, maxMs: 4000 },
      sleep: options.sleep ?? abortableSleep,
      random: options.random ?? Math.random,
    },
  };
}

/** Resolves like `promise`, or rejects with `http/aborted` as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortedRead(signal.reason));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedRead(signal.reason));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function invalidOption(name: string, rule: string): PlayerError {
  return new PlayerError("runtime/invalid-config", `RangeByteReader option ${name} ${rule}`, {
    details: { key: name },
  });
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw invalidOption(name, "must be a positive integer");
  return value;
}

function countOption(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 0)
    throw invalidOption(name, "must be an integer >= 0");
  return value;
}
