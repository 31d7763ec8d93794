/**
 * Test-only: a {@link StorageProvider} over bytes in memory that records
 * every request, can fail chosen attempts and can hold answers back until
 * released. The package entry does not import this file.
 */
import {
  type ByteRange,
  PlayerError,
  type RangeReadResult,
  type StorageProvider,
  type StorageReadOptions,
} from "@player/core-runtime";

/** One request as the fake saw it. */
export interface FakeRequest {
  start: number;
  end: number;
  /** How it ended: answered, failed on purpose, or aborted by the caller. */
  outcome: "pending" | "answered" | "failed" | "aborted";
}

/** Makes the error of a failed attempt. */
export type FailureFactory = (request: FakeRequest) => unknown;

export class FakeStorageProvider implements StorageProvider {
  readonly provider = "google" as const;
  readonly accountId = "google:test";
  readonly requests: FakeRequest[] = [];
  #bytes: Uint8Array;
  #failures: FailureFactory[] = [];
  #permanentFailure: FailureFactory | undefined;
  #gate: Promise<void> | undefined;
  #release: (() => void) | undefined;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  /** The next `count` attempts fail with `make`. */
  failNext(count: number, make: FailureFactory): void {
    for (let i = 0; i < count; i++) this.#failures.push(make);
  }

  /** Every attempt fails with `make` from now on (`undefined` stops it). */
  failAlways(make: FailureFactory | undefined): void {
    this.#permanentFailure = make;
  }

  /** Holds every answer until {@link FakeStorageProvider.release}. */
  hold(): void {
    this.#gate ??= new Promise<void>((resolve) => {
      this.#release = resolve;
    });
  }

  /** Lets held answers (and later ones) through. */
  release(): void {
    this.#release?.();
    this.#gate = undefined;
    this.#release = undefined;
  }

  /** Bytes answered so far. */
  get bytesServed(): number {
    return this.requests
      .filter((request) => request.outcome === "answered")
      .reduce(
        (sum, request) => sum + Math.min(request.end + 1, this.#bytes.length) - request.start,
        0,
      );
  }

  async readRange(
    _remoteId: string,
    range: ByteRange,
    options: StorageReadOptions = {},
  ): Promise<RangeReadResult> {
    const request: FakeRequest = {
      start: range.start,
      end: range.end ?? this.#bytes.length - 1,
      outcome: "pending",
    };
    this.requests.push(request);
    const { signal } = options;
    try {
      if (this.#gate !== undefined) await untilAborted(this.#gate, signal);
      if (signal?.aborted) throw signal.reason;
    } catch (reason) {
      request.outcome = "aborted";
      throw new PlayerError("http/aborted", "aborted", { cause: reason });
    }
    const failure = this.#failures.shift() ?? this.#permanentFailure;
    if (failure !== undefined) {
      request.outcome = "failed";
      throw failure(request);
    }
    if (request.start >= this.#bytes.length) {
      request.outcome = "failed";
      throw new PlayerError("http/range-not-satisfiable", "past the end", {
        details: { status: 416, totalSize: this.#bytes.length },
      });
    }
    request.outcome = "answered";
    const end = Math.min(request.end, this.#bytes.length - 1);
    return {
      bytes: this.#bytes.slice(request.start, end + 1),
      start: request.start,
      end,
      totalSize: this.#bytes.length,
      partial: true,
    };
  }
}

function untilAborted(gate: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return gate;
  return new Promise<void>((resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    void gate.then(resolve);
  });
}

/** Deterministic test bytes: `byte[i] = (i * 31 + (i >> 8)) & 0xff`. */
export function patternBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + (i >> 8)) & 0xff;
  return bytes;
}
