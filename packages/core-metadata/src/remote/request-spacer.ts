import { abortableSleep, type SleepFunction } from "@player/core-runtime";

/** Options of {@link RequestSpacer}. */
export interface RequestSpacerOptions {
  /** Least time between two starts, in ms; 0 lets every caller through at once. */
  intervalMs: number;
  /** A monotonic clock in ms. Default `performance.now`. */
  now?: () => number;
  /** Waits; must reject when the signal aborts. Default `abortableSleep`. */
  sleep?: SleepFunction;
}

/**
 * Spaces out the starts of requests to one service: callers get turns in the
 * order they asked, each at least `intervalMs` after the previous one, however
 * many wait at once. {@link RequestSpacer.holdFor} pushes the next turn back
 * when the service says to slow down (MusicBrainz's 503).
 *
 * @example
 * ```ts
 * const spacer = new RequestSpacer({ intervalMs: 1000 });
 * await spacer.turn(signal); // at most one caller per second gets past this line
 * const response = await http.request(url);
 * ```
 */
export class RequestSpacer {
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #sleep: SleepFunction;
  /** When the next turn may start, on the `now` clock. */
  #nextStart = Number.NEGATIVE_INFINITY;
  /** Settles when the last caller in line has had (or given up) its turn. */
  #tail: Promise<void> = Promise.resolve();

  constructor(options: RequestSpacerOptions) {
    this.#intervalMs = options.intervalMs;
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? abortableSleep;
  }

  /**
   * Resolves when the caller may start its request, and books the interval
   * after it. Rejects with the signal's reason when `signal` aborts first; an
   * aborted caller gives up its place without delaying the ones behind it.
   */
  turn(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const mine = this.#tail.then(() => this.#waitForSlot(signal));
    this.#tail = mine.catch(() => undefined);
    if (signal === undefined) return mine;
    // Leave the line at once on abort, not when the callers ahead are done.
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      mine.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  /** No turn starts before `ms` from now (on top of the interval already booked). */
  holdFor(ms: number): void {
    if (!(ms > 0)) return;
    this.#nextStart = Math.max(this.#nextStart, this.#now() + ms);
  }

  async #waitForSlot(signal: AbortSignal | undefined): Promise<void> {
    // Loops because holdFor() may move the slot while this caller sleeps.
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const now = this.#now();
      if (now >= this.#nextStart) {
        this.#nextStart = now + this.#intervalMs;
        return;
      }
      await this.#sleep(this.#nextStart - now, signal);
    }
  }
}
