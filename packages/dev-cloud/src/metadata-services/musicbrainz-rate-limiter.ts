/** MusicBrainz's documented limit: on average one request per second per IP address. */
export const MUSICBRAINZ_DEFAULT_REQUESTS_PER_SECOND = 1;

/**
 * A request may come this share of the interval early and still pass, so a
 * client that spaces its requests by exactly the interval never sees a 503
 * because of network jitter.
 */
const TOLERANCE_SHARE = 0.1;
/** Clients are forgotten once this many are known and their last request is old. */
const PRUNE_THRESHOLD = 1_024;

/** Options of {@link MusicBrainzRateLimiter}. */
export interface MusicBrainzRateLimiterOptions {
  /** Requests each client may make per second; `0` turns the limit off. */
  requestsPerSecond: number;
  /** A monotonic clock in ms. Default `performance.now`: the server clock stands still. */
  now?: () => number;
}

/** What {@link MusicBrainzRateLimiter.admit} decided. */
export type RateLimitDecision = { admitted: true } | { admitted: false; retryAfterMs: number };

/**
 * MusicBrainz's per-client rate limit: a client (its remote address) gets a
 * request through when its previous admitted request was at least one
 * interval ago (less a small tolerance); sooner ones are refused and do not
 * count, so a client that backs off gets through on its next try.
 *
 * @example
 * ```ts
 * const limiter = new MusicBrainzRateLimiter({ requestsPerSecond: 1 });
 * limiter.admit("127.0.0.1"); // { admitted: true }
 * limiter.admit("127.0.0.1"); // { admitted: false, retryAfterMs: 1000 }
 * ```
 */
export class MusicBrainzRateLimiter {
  readonly #intervalMs: number;
  readonly #toleranceMs: number;
  readonly #now: () => number;
  readonly #lastAdmitted = new Map<string, number>();

  /** @throws RangeError for a rate that is negative or not a finite number. */
  constructor(options: MusicBrainzRateLimiterOptions) {
    const { requestsPerSecond } = options;
    if (
      typeof requestsPerSecond !== "number" ||
      !Number.isFinite(requestsPerSecond) ||
      requestsPerSecond < 0
    ) {
      throw new RangeError(
        `musicBrainzRequestsPerSecond must be a number >= 0 (0 = unlimited), got ${String(requestsPerSecond)}.`,
      );
    }
    this.#intervalMs = requestsPerSecond === 0 ? 0 : 1000 / requestsPerSecond;
    this.#toleranceMs = this.#intervalMs * TOLERANCE_SHARE;
    this.#now = options.now ?? (() => performance.now());
  }

  /** The spacing the limit asks of each client, in ms; 0 when unlimited. */
  get intervalMs(): number {
    return this.#intervalMs;
  }

  /**
   * Admits a request from `client` or refuses it.
   *
   * @param client - Who the limit applies to: the request's remote address.
   * @returns `retryAfterMs`, when refused: how long until the client may try again.
   */
  admit(client: string): RateLimitDecision {
    if (this.#intervalMs === 0) return { admitted: true };
    const now = this.#now();
    const last = this.#lastAdmitted.get(client);
    if (last !== undefined) {
      const elapsed = now - last;
      if (elapsed < this.#intervalMs - this.#toleranceMs) {
        return { admitted: false, retryAfterMs: Math.max(0, this.#intervalMs - elapsed) };
      }
    }
    this.#lastAdmitted.set(client, now);
    if (this.#lastAdmitted.size > PRUNE_THRESHOLD) this.#prune(now);
    return { admitted: true };
  }

  /** Drops clients whose last request no longer limits them. */
  #prune(now: number): void {
    for (const [client, last] of this.#lastAdmitted) {
      if (now - last >= this.#intervalMs) this.#lastAdmitted.delete(client);
    }
  }
}
