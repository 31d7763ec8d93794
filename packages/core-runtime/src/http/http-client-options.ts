import { PlayerError, type PlayerErrorCode } from "../errors.js";
import type { Logger } from "../logger.js";
import { abortableSleep } from "./abortable-sleep.js";
import { type BackoffOptions, DEFAULT_BACKOFF } from "./backoff.js";

/** The subset of `fetch` the client uses; inject a fake or an instrumented one. */
export type FetchFunction = (input: string | URL, init?: RequestInit) => Promise<Response>;

/** Waits `ms`; should reject when `signal` aborts (the client also stops waiting itself). */
export type SleepFunction = (ms: number, signal: AbortSignal | undefined) => Promise<void>;

/** Which statuses a caller accepts: one status, a list, or a predicate. */
export type StatusMatcher = number | readonly number[] | ((status: number) => boolean);

/** Options of {@link HttpClient}. Everything with a side effect is injectable. */
export interface HttpClientOptions {
  /** Default: `globalThis.fetch`, bound when the client is built. */
  fetch?: FetchFunction;
  /** Per-attempt timeout in ms (`Infinity` disables it). Default 30000. */
  timeoutMs?: number;
  /** Retries after the first attempt. Default 3. */
  retries?: number;
  /** Backoff between retries without `Retry-After`. Default `{ baseMs: 250, maxMs: 10000 }`. */
  backoff?: Partial<BackoffOptions>;
  /** Longest `Retry-After` honoured, in ms; a longer one fails the request. Default 60000. */
  maxRetryAfterMs?: number;
  /** Jitter source in `[0, 1]`. Default `Math.random`. */
  random?: () => number;
  /** Wait between retries. Default: {@link abortableSleep}. */
  sleep?: SleepFunction;
  /** Clock for HTTP-date `Retry-After` values. Default `Date.now`. */
  now?: () => number;
  /** Receives retry logs (URLs without query string, never headers). Default: no logs. */
  logger?: Logger;
  /** Headers sent with every request; per-call headers override them. */
  headers?: HeadersInit;
}

/** `fetch` options plus the client's per-call settings. */
export interface HttpRequestInit extends RequestInit {
  /** Overrides {@link HttpClientOptions.timeoutMs} for this call. */
  timeoutMs?: number;
  /** Overrides {@link HttpClientOptions.retries} for this call. */
  retries?: number;
  /** Statuses returned instead of thrown as `http/status`. Default: any 2xx. */
  expectStatus?: StatusMatcher;
  /** Also retry POST, PATCH and other non-idempotent methods. Default false. */
  retryNonIdempotent?: boolean;
}

/** Per-call options of {@link HttpClient.readRange}; the accepted statuses are fixed. */
export type RangeRequestInit = Omit<HttpRequestInit, "expectStatus">;

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_RETRIES = 3;
const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/** {@link HttpClientOptions} with every default filled in and every number checked. */
export interface ResolvedHttpClientOptions {
  fetch: FetchFunction;
  timeoutMs: number;
  retries: number;
  backoff: Readonly<BackoffOptions>;
  maxRetryAfterMs: number;
  random: () => number;
  sleep: SleepFunction;
  now: () => number;
  logger: Logger | undefined;
  headers: Headers;
}

/** Returns `value` if it is a number `>= min` (Infinity allowed), else throws `code`. */
export function checkNumber(
  value: number,
  name: string,
  min: number,
  code: PlayerErrorCode,
): number {
  if (typeof value !== "number" || Number.isNaN(value) || value < min) {
    throw new PlayerError(code, `${name} must be a number >= ${min}, got ${String(value)}`, {
      details: { option: name },
    });
  }
  return value;
}

/** Returns `value` if it is a non-negative safe integer, else throws `code`. */
export function checkCount(value: number, name: string, code: PlayerErrorCode): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new PlayerError(code, `${name} must be a non-negative integer, got ${String(value)}`, {
      details: { option: name },
    });
  }
  return value;
}

/** Turns {@link HttpRequestInit.expectStatus} into a predicate; default: any 2xx. */
export function toStatusPredicate(expect: StatusMatcher | undefined): (status: number) => boolean {
  if (expect === undefined) return (status) => status >= 200 && status <= 299;
  if (typeof expect === "function") return expect;
  if (typeof expect === "number") return (status) => status === expect;
  return (status) => expect.includes(status);
}

/**
 * Fills in the defaults of {@link HttpClientOptions} once, at construction.
 *
 * @throws PlayerError `runtime/invalid-config` for a negative, fractional or NaN setting.
 */
export function resolveHttpClientOptions(options: HttpClientOptions): ResolvedHttpClientOptions {
  const code = "runtime/invalid-config";
  const backoff = options.backoff ?? {};
  return {
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    timeoutMs: checkNumber(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs", 1, code),
    retries: checkCount(options.retries ?? DEFAULT_RETRIES, "retries", code),
    backoff: Object.freeze({
      baseMs: checkNumber(backoff.baseMs ?? DEFAULT_BACKOFF.baseMs, "backoff.baseMs", 0, code),
      maxMs: checkNumber(backoff.maxMs ?? DEFAULT_BACKOFF.maxMs, "backoff.maxMs", 0, code),
    }),
    maxRetryAfterMs: checkNumber(
      options.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS,
      "maxRetryAfterMs",
      0,
      code,
    ),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    now: options.now ?? Date.now,
    logger: options.logger?.child("http"),
    // A copy: later changes to the caller's object must not leak into requests.
    headers: new Headers(options.headers),
  };
}
