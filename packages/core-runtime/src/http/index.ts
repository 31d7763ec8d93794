/** The SDK's HTTP client and the parsers it is built from. */
export { abortableSleep } from "./abortable-sleep.js";
export type { BackoffOptions } from "./backoff.js";
export { computeBackoffDelay, DEFAULT_BACKOFF } from "./backoff.js";
export type {
  ContentRange,
  SatisfiedContentRange,
  UnsatisfiedContentRange,
} from "./content-range.js";
export { parseContentRange } from "./content-range.js";
export { HttpClient } from "./http-client.js";
export type {
  FetchFunction,
  HttpClientOptions,
  HttpRequestInit,
  RangeRequestInit,
  SleepFunction,
  StatusMatcher,
} from "./http-client-options.js";
export { parseHttpDate } from "./http-date.js";
export type { ByteRange, RangeReadResult } from "./range-response.js";
export { formatRangeHeader } from "./range-response.js";
export { parseRetryAfter } from "./retry-after.js";
