import { parseHttpDate } from "./http-date.js";

const DELTA_SECONDS = /^\d+$/;

/**
 * Parses a `Retry-After` header into a delay in milliseconds.
 *
 * Both forms of RFC 9110 §10.2.3 are understood: delta-seconds (`120`) and an
 * HTTP-date, which is turned into a delay relative to `now`. A date in the past
 * gives `0`.
 *
 * @param value - The raw header value (`null` when the header is absent).
 * @param now - The current time in ms since the epoch (injected for tests).
 * @returns The delay in ms, or `undefined` when the header is absent or malformed.
 *
 * @example
 * ```ts
 * parseRetryAfter("2", Date.now()); // 2000
 * parseRetryAfter(new Date(Date.now() + 5000).toUTCString(), Date.now()); // 5000
 * ```
 */
export function parseRetryAfter(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (DELTA_SECONDS.test(text)) {
    const ms = Number(text) * 1000;
    // Absurdly long numbers still mean "a very long time", never "retry now".
    return Number.isFinite(ms) ? ms : Number.MAX_SAFE_INTEGER;
  }
  const time = parseHttpDate(text, now);
  if (time === undefined) return undefined;
  return Math.max(0, time - now);
}
