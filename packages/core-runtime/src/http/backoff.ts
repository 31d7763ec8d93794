/** Exponential backoff settings for {@link computeBackoffDelay}. */
export interface BackoffOptions {
  /** Delay ceiling of the first retry, in ms. */
  baseMs: number;
  /** Largest delay ceiling, in ms. */
  maxMs: number;
}

/** The backoff used when none is configured: 250 ms doubling up to 10 s. */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = Object.freeze({
  baseMs: 250,
  maxMs: 10_000,
});

/**
 * Delay before a retry: exponential backoff with full jitter, i.e.
 * `random() * min(maxMs, baseMs * 2 ** retry)`. Full jitter spreads clients that
 * failed together (a 503 burst) over the whole window instead of bunching them.
 *
 * @param retry - Zero-based index of the retry (0 before the second attempt).
 * @param backoff - Base and maximum delay.
 * @param random - Source of randomness in `[0, 1]`, injected for tests.
 * @returns The delay in ms.
 *
 * @example
 * ```ts
 * computeBackoffDelay(2, { baseMs: 250, maxMs: 10_000 }, () => 1); // 1000
 * ```
 */
export function computeBackoffDelay(
  retry: number,
  backoff: BackoffOptions,
  random: () => number,
): number {
  const ceiling = Math.min(backoff.maxMs, backoff.baseMs * 2 ** retry);
  const jitter = Math.min(1, Math.max(0, random()));
  return jitter * ceiling;
}
