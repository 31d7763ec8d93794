import { isPlayerError, PlayerError } from "../errors.js";
import { computeBackoffDelay } from "./backoff.js";
import { combineSignals } from "./combine-signals.js";
import {
  checkCount,
  checkNumber,
  type HttpClientOptions,
  type HttpRequestInit,
  type RangeRequestInit,
  type ResolvedHttpClientOptions,
  resolveHttpClientOptions,
  toStatusPredicate,
} from "./http-client-options.js";
import {
  type ByteRange,
  formatRangeHeader,
  type RangeReadResult,
  readRangeResponse,
} from "./range-response.js";
import { parseRetryAfter } from "./retry-after.js";
import { urlForLog } from "./url-for-log.js";

/** Statuses that are worth another try: rate limiting and transient server trouble. */
const RETRY_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set([
  "GET",
  "HEAD",
  "OPTIONS",
  "PUT",
  "DELETE",
]);
const RANGE_STATUSES: readonly number[] = [200, 206, 416];

interface RequestPlan<T> {
  url: string | URL;
  logUrl: string;
  method: string;
  init: RequestInit;
  signal: AbortSignal | undefined;
  timeoutMs: number;
  accepts: (status: number) => boolean;
  /** Whether the timeout and the abort link end with `consume` (else with the headers). */
  readsBody: boolean;
  consume: (response: Response) => Promise<T>;
}

type AttemptResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: PlayerError; transient: boolean; retryAfterMs: number | undefined };

function abortedError(url: string, reason: unknown): PlayerError {
  return new PlayerError("http/aborted", `Request to ${url} was aborted`, {
    cause: reason,
    details: { url },
  });
}

function discardBody(response: Response): void {
  // Unread bodies pin the connection; nobody will read these.
  void response.body?.cancel().catch(() => undefined);
}

/**
 * A `fetch` wrapper for the SDK's calls to Google Drive, OneDrive and the like:
 * per-attempt timeouts, caller abort, retries with backoff or `Retry-After`,
 * status checks and errors as {@link PlayerError}. Runs in a Web Worker (no DOM).
 *
 * Retries happen for 429, 500, 502, 503, 504, network failures and timeouts,
 * only for idempotent methods (GET, HEAD, OPTIONS, PUT, DELETE) unless
 * `retryNonIdempotent` is set, and never for a streamed request body.
 *
 * @example
 * ```ts
 * const http = new HttpClient({ logger, headers: { authorization: `Bearer ${token}` } });
 * const file = await http.json<DriveFile>(`${api}/files/${id}?fields=size`);
 * const head = await http.readRange(downloadUrl, { start: 0, end: 65_535 }, { signal });
 * ```
 */
export class HttpClient {
  readonly #config: ResolvedHttpClientOptions;

  /**
   * @param options - Timeouts, retries and every injectable dependency; see {@link HttpClientOptions}.
   * @throws PlayerError `runtime/invalid-config` for an invalid setting.
   */
  constructor(options: HttpClientOptions = {}) {
    this.#config = resolveHttpClientOptions(options);
  }

  /**
   * Sends a request and resolves with the response once its headers arrived
   * with an accepted status. The timeout stops at the headers; the caller's
   * signal still aborts reading the body.
   *
   * @param url - Absolute URL.
   * @param init - `fetch` options plus `timeoutMs`, `retries`, `expectStatus`,
   *   `retryNonIdempotent`; `signal` aborts the request and any retry wait.
   * @throws PlayerError `http/aborted`, `http/timeout`, `http/network`,
   *   `http/status` (details `status`, `url`), `http/rate-limited` (details
   *   `status`, `url`, `retryAfterMs`).
   */
  request(url: string | URL, init: HttpRequestInit = {}): Promise<Response> {
    return this.#run(url, init, this.#headersFor(init.headers), {
      accepts: toStatusPredicate(init.expectStatus),
      readsBody: false,
      consume: async (response) => response,
    });
  }

  /**
   * Sends a request and parses the body as JSON; the timeout covers the body.
   * Sends `Accept: application/json` unless `init.headers` sets `Accept`.
   *
   * @throws PlayerError as {@link HttpClient.request}; invalid JSON is
   *   `http/status` with details `{ status, url, reason: "invalid-json" }`.
   */
  json<T = unknown>(url: string | URL, init: HttpRequestInit = {}): Promise<T> {
    const headers = this.#headersFor(init.headers);
    if (!headers.has("accept")) headers.set("accept", "application/json");
    const logUrl = urlForLog(url);
    return this.#run(url, init, headers, {
      accepts: toStatusPredicate(init.expectStatus),
      readsBody: true,
      consume: async (response) => {
        const text = await response.text();
        try {
          return JSON.parse(text) as T;
        } catch (cause) {
          throw new PlayerError("http/status", `Invalid JSON from ${logUrl}`, {
            cause,
            details: { status: response.status, url: logUrl, reason: "invalid-json" },
          });
        }
      },
    });
  }

  /**
   * Reads the bytes `range.start..range.end` (inclusive) with a `Range`
   * request. A `206` is checked against `Content-Range`; a `200` (server
   * ignored `Range`) is sliced while streaming and cancelled once the range is
   * read. The timeout covers the body. Truncated bodies are retried.
   *
   * @param range - `start` and optional inclusive `end`; omit `end` to read to the end.
   * @throws PlayerError as {@link HttpClient.request}, plus `http/range-mismatch`
   *   and `http/range-not-satisfiable` (details `totalSize` when known);
   *   `runtime/invalid-argument` for a malformed range.
   *
   * @example
   * ```ts
   * const { bytes, totalSize } = await http.readRange(url, { start: 0, end: 9 });
   * ```
   */
  async readRange(
    url: string | URL,
    range: ByteRange,
    init: RangeRequestInit = {},
  ): Promise<RangeReadResult> {
    const { start, end } = range;
    if (!Number.isSafeInteger(start) || start < 0) {
      throw new PlayerError("runtime/invalid-argument", `range.start must be an integer >= 0`, {
        details: { argument: "range.start" },
      });
    }
    if (end !== undefined && (!Number.isSafeInteger(end) || end < start)) {
      throw new PlayerError("runtime/invalid-argument", `range.end must be an integer >= start`, {
        details: { argument: "range.end" },
      });
    }
    const asked: ByteRange = end === undefined ? { start } : { start, end };
    const headers = this.#headersFor(init.headers);
    headers.set("range", formatRangeHeader(asked));
    // Offsets must count the stored bytes, not a compressed encoding of them.
    if (!headers.has("accept-encoding")) headers.set("accept-encoding", "identity");
    const logUrl = urlForLog(url);
    return this.#run(url, init, headers, {
      accepts: (status) => RANGE_STATUSES.includes(status),
      readsBody: true,
      consume: (response) => readRangeResponse(response, asked, logUrl),
    });
  }

  #headersFor(extra: HeadersInit | undefined): Headers {
    const headers = new Headers(this.#config.headers);
    if (extra === undefined) return headers;
    new Headers(extra).forEach((value, key) => {
      headers.set(key, value);
    });
    return headers;
  }

  async #run<T>(
    url: string | URL,
    init: HttpRequestInit,
    headers: Headers,
    handling: Pick<RequestPlan<T>, "accepts" | "readsBody" | "consume">,
  ): Promise<T> {
    const {
      timeoutMs = this.#config.timeoutMs,
      retries = this.#config.retries,
      expectStatus: _expectStatus,
      retryNonIdempotent = false,
      signal: callerSignal,
      headers: _headers,
      ...fetchInit
    } = init;
    const code = "runtime/invalid-argument";
    checkNumber(timeoutMs, "timeoutMs", 1, code);
    checkCount(retries, "retries", code);
    const signal = callerSignal ?? undefined;
    const method = (fetchInit.method ?? "GET").toUpperCase();
    const logUrl = urlForLog(url);
    if (signal?.aborted) throw abortedError(logUrl, signal.reason);

    // A stream body is consumed by the first attempt and cannot be sent again.
    const replayable = !(
      typeof ReadableStream !== "undefined" && fetchInit.body instanceof ReadableStream
    );
    const mayRetry = replayable && (retryNonIdempotent || IDEMPOTENT_METHODS.has(method));
    const maxRetries = mayRetry ? retries : 0;
    const plan: RequestPlan<T> = {
      ...handling,
      url,
      logUrl,
      method,
      init: { ...fetchInit, headers },
      signal,
      timeoutMs,
    };

    for (let retry = 0; ; retry += 1) {
      const result = await this.#attempt(plan);
      if (result.ok) return result.value;
      const { error, retryAfterMs } = result;
      if (!result.transient) throw error;
      const context = {
        url: logUrl,
        method,
        attempt: retry + 1,
        code: error.code,
        status: error.details?.status ?? null,
      };
      if (retry >= maxRetries) {
        if (maxRetries > 0)
          this.#config.logger?.warn(`${method} failed after ${retry + 1} attempts`, context);
        throw error;
      }
      if (retryAfterMs !== undefined && retryAfterMs > this.#config.maxRetryAfterMs) {
        this.#config.logger?.warn(`${method} not retried: Retry-After exceeds the limit`, {
          ...context,
          retryAfterMs,
          maxRetryAfterMs: this.#config.maxRetryAfterMs,
        });
        throw error;
      }
      const delayMs =
        retryAfterMs ?? computeBackoffDelay(retry, this.#config.backoff, this.#config.random);
      this.#config.logger?.debug(`Retrying ${method} in ${delayMs} ms`, { ...context, delayMs });
      await this.#pause(delayMs, signal, logUrl);
    }
  }

  async #attempt<T>(plan: RequestPlan<T>): Promise<AttemptResult<T>> {
    const { signal, logUrl } = plan;
    const controller = new AbortController();
    const combined = combineSignals(signal, controller);
    let timedOut = false;
    const timer = Number.isFinite(plan.timeoutMs)
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(
            new DOMException(`Timed out after ${plan.timeoutMs} ms`, "TimeoutError"),
          );
        }, plan.timeoutMs)
      : undefined;
    let keepAbortLink = false;
    try {
      const response = await this.#config.fetch(plan.url, {
        ...plan.init,
        signal: combined.signal,
      });
      if (!plan.accepts(response.status)) return this.#statusFailure(response, plan);
      if (!plan.readsBody) {
        // The caller reads the body: no timeout for it, but its signal must still abort it.
        clearTimeout(timer);
        keepAbortLink = true;
      }
      return { ok: true, value: await plan.consume(response) };
    } catch (error) {
      if (signal?.aborted) throw abortedError(logUrl, signal.reason);
      if (timedOut) {
        const timeout = new PlayerError(
          "http/timeout",
          `${plan.method} ${logUrl} timed out after ${plan.timeoutMs} ms`,
          { retryable: true, cause: error, details: { url: logUrl, timeoutMs: plan.timeoutMs } },
        );
        return { ok: false, error: timeout, transient: true, retryAfterMs: undefined };
      }
      if (isPlayerError(error)) {
        return { ok: false, error, transient: error.retryable, retryAfterMs: undefined };
      }
      // fetch rejects with TypeError for DNS failures, resets and refused connections.
      const transient = error instanceof TypeError;
      const network = new PlayerError(
        "http/network",
        `${plan.method} ${logUrl} failed: network error`,
        {
          retryable: transient,
          cause: error,
          details: { url: logUrl },
        },
      );
      return { ok: false, error: network, transient, retryAfterMs: undefined };
    } finally {
      clearTimeout(timer);
      if (!keepAbortLink) combined.unlink();
    }
  }

  #statusFailure(response: Response, plan: RequestPlan<unknown>): AttemptResult<never> {
    const { status } = response;
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), this.#config.now());
    discardBody(response);
    const transient = RETRY_STATUSES.has(status);
    const error =
      status === 429
        ? new PlayerError(
            "http/rate-limited",
            `${plan.method} ${plan.logUrl} was rate limited (429)`,
            {
              retryable: true,
              details: { status, url: plan.logUrl, retryAfterMs: retryAfterMs ?? null },
            },
          )
        : new PlayerError("http/status", `${plan.method} ${plan.logUrl} answered ${status}`, {
            retryable: status >= 500,
            details:
              retryAfterMs === undefined
                ? { status, url: plan.logUrl }
                : { status, url: plan.logUrl, retryAfterMs },
          });
    return { ok: false, error, transient, retryAfterMs: transient ? retryAfterMs : undefined };
  }

  /** Sleeps between retries; a caller abort ends the wait at once, whatever `sleep` does. */
  async #pause(ms: number, signal: AbortSignal | undefined, logUrl: string): Promise<void> {
    if (signal === undefined) {
      await this.#config.sleep(ms, undefined);
      return;
    }
    if (signal.aborted) throw abortedError(logUrl, signal.reason);
    let onAbort = (): void => undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortedError(logUrl, signal.reason));
      signal.addEventListener("abort", onAbort, { once: true });
    });
    try {
      await Promise.race([this.#config.sleep(ms, signal), aborted]);
    } catch (error) {
      if (signal.aborted) throw abortedError(logUrl, signal.reason);
      throw error;
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }
}
