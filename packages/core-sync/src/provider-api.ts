import {
  type AuthProviderId,
  computeBackoffDelay,
  type HttpClient,
  isPlayerError,
  PlayerError,
  parseRetryAfter,
  type SleepFunction,
  type TokenSource,
} from "@player/core-runtime";
import type PQueue from "p-queue";

/** Options of {@link ProviderApi}. */
export interface ProviderApiOptions {
  provider: AuthProviderId;
  accountId: string;
  /** Does retries, backoff with jitter and `Retry-After` for 429 and 5xx. */
  http: HttpClient;
  tokens: TokenSource;
  /** Bounds how many requests run at once (shared between connectors to be polite). */
  queue: PQueue;
  /**
   * Retries of what HttpClient does not retry itself: 403 rate limits and
   * bodies cut off mid-way. Default 4.
   */
  retries?: number;
  /** Wait between those retries. Default: a timer that stops on abort. */
  sleep?: SleepFunction;
  /** Jitter source in `[0, 1]`. Default `Math.random`. */
  random?: () => number;
  /** Clock for HTTP-date `Retry-After`. Default `Date.now`. */
  now?: () => number;
}

/** A JSON answer the connector has to look at: a success, or a status it handles itself. */
export interface ApiAnswer<T> {
  status: number;
  body: T;
}

/** Statuses {@link ProviderApi.getJson} returns instead of throwing. */
const PASSED_THROUGH: ReadonlySet<number> = new Set([404, 410]);
const RATE_LIMIT_REASONS: ReadonlySet<string> = new Set([
  "rateLimitExceeded",
  "userRateLimitExceeded",
  "activityLimitReached",
]);

/**
 * Authorised JSON GETs to a provider's API: a bearer token from the
 * {@link TokenSource}, one forced refresh and retry after a `401`, backoff
 * (or `Retry-After`) after a `403` rate limit, a retry when a body is cut off,
 * and at most `queue.concurrency` requests in flight.
 */
export class ProviderApi {
  readonly provider: AuthProviderId;
  readonly accountId: string;
  readonly #options: ProviderApiOptions;
  readonly #retries: number;
  readonly #sleep: SleepFunction;

  constructor(options: ProviderApiOptions) {
    this.provider = options.provider;
    this.accountId = options.accountId;
    this.#options = options;
    this.#retries = options.retries ?? 4;
    this.#sleep = options.sleep ?? defaultSleep;
  }

  /** The token to send; `forceRefresh` after a 401. */
  accessToken(forceRefresh = false): Promise<string> {
    return forceRefresh
      ? this.#options.tokens.getAccessToken(this.accountId, { forceRefresh: true })
      : this.#options.tokens.getAccessToken(this.accountId);
  }

  /** The HTTP client, for calls that are not JSON (range reads). */
  get http(): HttpClient {
    return this.#options.http;
  }

  /**
   * GETs `url` and parses its JSON body. Returns 2xx, 404 and 410 answers;
   * throws for the rest.
   *
   * @throws PlayerError `sync/unauthorized` (401 twice), `sync/access-denied`
   *   (403 other than a rate limit), `http/rate-limited` (403 rate limits
   *   past the retries), `sync/invalid-response`, and HttpClient's errors.
   */
  async getJson<T>(url: string, signal?: AbortSignal): Promise<ApiAnswer<T>> {
    try {
      return (await this.#options.queue.add(() => this.#getJson<T>(url, signal), {
        ...(signal === undefined ? {} : { signal }),
        throwOnTimeout: true,
      })) as ApiAnswer<T>;
    } catch (error) {
      // p-queue rejects a queued task with a DOMException when its signal aborts.
      if (signal?.aborted && !isPlayerError(error)) throw abortError(signal.reason);
      throw error;
    }
  }

  async #getJson<T>(url: string, signal: AbortSignal | undefined): Promise<ApiAnswer<T>> {
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await this.accessToken(refreshed);
      const response = await this.#options.http.request(url, {
        ...(signal === undefined ? {} : { signal }),
        headers: { authorization: `Bearer ${token}`, accept: "application/json" },
        expectStatus: (status) =>
          (status >= 200 && status <= 299) ||
          status === 401 ||
          status === 403 ||
          PASSED_THROUGH.has(status),
      });
      let text: string;
      try {
        text = await response.text();
      } catch (cause) {
        if (signal?.aborted) throw abortError(signal.reason);
        // A connection reset mid-body: the same as a failed attempt.
        if (attempt >= this.#retries) {
          throw new PlayerError("http/network", `Body of ${safeUrl(url)} was cut off`, {
            retryable: true,
            cause,
          });
        }
        await this.#wait(undefined, attempt, signal);
        continue;
      }
      if (response.status === 401) {
        if (refreshed) {
          throw new PlayerError(
            "sync/unauthorized",
            `${this.provider} refused a fresh access token`,
            {
              details: { accountId: this.accountId, status: 401 },
            },
          );
        }
        refreshed = true;
        continue;
      }
      const body = parseJson(text, url);
      if (response.status === 403) {
        if (!isRateLimit(body)) {
          throw new PlayerError(
            "sync/access-denied",
            `${this.provider} denied access to ${safeUrl(url)}`,
            {
              fatal: true,
              details: { accountId: this.accountId, status: 403 },
            },
          );
        }
        const retryAfterMs = parseRetryAfter(
          response.headers.get("retry-after"),
          (this.#options.now ?? Date.now)(),
        );
        if (attempt >= this.#retries) {
          throw new PlayerError(
            "http/rate-limited",
            `${this.provider} kept rate limiting ${safeUrl(url)}`,
            {
              retryable: true,
              details: { status: 403, url: safeUrl(url), retryAfterMs: retryAfterMs ?? null },
            },
          );
        }
        await this.#wait(retryAfterMs, attempt, signal);
        continue;
      }
      return { status: response.status, body: body as T };
    }
  }

  async #wait(
    retryAfterMs: number | undefined,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const delay =
      retryAfterMs ??
      computeBackoffDelay(
        attempt,
        { baseMs: 500, maxMs: 32_000 },
        this.#options.random ?? Math.random,
      );
    await this.#sleep(delay, signal);
    if (signal?.aborted) throw abortError(signal.reason);
  }
}

function abortError(reason: unknown): PlayerError {
  return new PlayerError("http/aborted", "Request was aborted", { cause: reason });
}

function defaultSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort(): void {
      clearTimeout(timer);
      reject(abortError(signal?.reason));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function parseJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new PlayerError("sync/invalid-response", `Invalid JSON from ${safeUrl(url)}`, { cause });
  }
}

/** Google: `error.errors[].reason`; Graph: `error.code` (`activityLimitReached`). */
function isRateLimit(body: unknown): boolean {
  const error = (body as { error?: { code?: unknown; errors?: unknown } } | null)?.error;
  if (error === undefined || error === null) return false;
  if (typeof error.code === "string" && RATE_LIMIT_REASONS.has(error.code)) return true;
  if (!Array.isArray(error.errors)) return false;
  return error.errors.some(
    (entry: { reason?: unknown }) =>
      typeof entry?.reason === "string" && RATE_LIMIT_REASONS.has(entry.reason),
  );
}

/** URLs without their query (page tokens are credentials of a sort). */
export function safeUrl(url: string): string {
  const at = url.indexOf("?");
  return at < 0 ? url : url.slice(0, at);
}

/**
 * The connector settings both providers share: the ProviderApi (checked to be
 * the connector's provider), the API base URL without trailing slashes, and the page size.
 */
export function connectorBasics(
  options: { api: ProviderApi; baseUrl?: string; pageSize?: number },
  provider: AuthProviderId,
  connector: string,
  defaultBaseUrl: string,
): { api: ProviderApi; base: string; pageSize: number } {
  if (options.api.provider !== provider) {
    throw new PlayerError(
      "runtime/invalid-argument",
      `${connector} needs a ${provider} ProviderApi`,
    );
  }
  return {
    api: options.api,
    base: (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, ""),
    pageSize: options.pageSize ?? 1000,
  };
}
