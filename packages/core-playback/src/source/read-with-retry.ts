/**
 * One range read of a cloud file with retries: a transient failure (a reset
 * connection, a 5xx the HTTP layer gave up on, a cut-off body) is tried again
 * after an exponential backoff with jitter, so playback has no gap; what
 * cannot get better (404, refused access) fails at once.
 */
import {
  type BackoffOptions,
  computeBackoffDelay,
  isPlayerError,
  PlayerError,
  type RangeReadResult,
  type StorageProvider,
} from "@player/core-runtime";

/** How a failed read is retried. */
export interface ReadRetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  backoff: BackoffOptions;
  /** Waits `ms`, or rejects when `signal` aborts. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in `[0, 1]`. */
  random: () => number;
}

type FailureKind = "transient" | "not-found" | "permanent";

/** A 404 or 410 from either provider: the file is gone (or never was). */
function isNotFound(error: PlayerError): boolean {
  const status = error.details?.status;
  return (
    error.code === "playback/track-not-found" ||
    (error.code === "http/status" && (status === 404 || status === 410))
  );
}

function classify(error: unknown): FailureKind {
  if (isPlayerError(error)) {
    if (isNotFound(error)) return "not-found";
    return error.retryable ? "transient" : "permanent";
  }
  // fetch rejects with a TypeError when the network fails.
  return error instanceof TypeError ? "transient" : "permanent";
}

/** The error for a read stopped through its signal. */
export function abortedRead(reason: unknown): PlayerError {
  return new PlayerError("http/aborted", "The read was aborted", { cause: reason });
}

/**
 * Reads `start..end` (inclusive) of a file, retrying transient failures.
 *
 * @param expectedLength - Bytes the answer must hold when the file's size is
 *   known; a shorter answer is retried like a cut-off body.
 * @throws PlayerError `playback/track-not-found` (404/410),
 *   `playback/source-failed` (`retryable: true` once the retries ran out,
 *   `false` for a refusal that retrying cannot fix), `http/aborted`.
 */
export async function readWithRetry(
  provider: StorageProvider,
  remoteId: string,
  range: { start: number; end: number },
  expectedLength: number | undefined,
  policy: ReadRetryPolicy,
  signal?: AbortSignal,
): Promise<RangeReadResult> {
  const options = signal === undefined ? {} : { signal };
  for (let attempt = 0; ; attempt++) {
    if (signal?.aborted) throw abortedRead(signal.reason);
    let failure: unknown;
    try {
      const result = await provider.readRange(remoteId, range, options);
      if (
        result.start === range.start &&
        (expectedLength === undefined || result.bytes.byteLength >= expectedLength)
      ) {
        return result;
      }
      failure = new PlayerError("http/range-mismatch", "The answer is not the range asked for", {
        retryable: true,
        details: { start: range.start, end: range.end, received: result.bytes.byteLength },
      });
    } catch (error) {
      failure = error;
    }
    if (signal?.aborted) throw abortedRead(signal.reason);
    const kind = classify(failure);
    const details = { remoteId, start: range.start, end: range.end, attempts: attempt + 1 };
    if (kind === "not-found") {
      throw new PlayerError("playback/track-not-found", `The file ${remoteId} is gone`, {
        cause: failure,
        details,
      });
    }
    if (kind === "permanent" || attempt >= policy.retries) {
      const message =
        kind === "permanent"
          ? `Reading ${remoteId} was refused`
          : `Reading ${remoteId} failed ${attempt + 1} times`;
      throw new PlayerError("playback/source-failed", message, {
        retryable: kind === "transient",
        cause: failure,
        details,
      });
    }
    try {
      await policy.sleep(computeBackoffDelay(attempt, policy.backoff, policy.random), signal);
    } catch (reason) {
      throw abortedRead(reason);
    }
  }
}
