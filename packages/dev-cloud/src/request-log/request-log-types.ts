import type { AppliedFault } from "../faults/fault-types.js";

/**
 * One request as the emulator saw it, reported by `GET /__admin/requests`.
 * Plain data: the admin client (which may run in a browser) imports this type.
 */
export interface RequestLogEntry {
  /** Sequential from 1 in the order requests finished; never reused, not even after a clear. */
  id: number;
  /** Server-clock time the request arrived (ms since the epoch). */
  time: number;
  method: string;
  /** The URL path as sent (not decoded). */
  path: string;
  /** The query string without `?`; values of token-like parameters are replaced by `REDACTED`. */
  query: string;
  /** The status sent, or 0 when the connection closed before any headers went out. */
  status: number;
  /** Body bytes written to the connection (0 for HEAD, 204 and 304). */
  bytes: number;
  /** The connection closed before the response ended (a `reset` fault or a client abort). */
  incomplete?: true;
  /** The fault applied to this request. */
  fault?: AppliedFault;
  /** `grant_type` of a form POST to a token endpoint; the other fields are never recorded. */
  grantType?: string;
  /** The `Range` request header. */
  range?: string;
}

/** Filters for `GET /__admin/requests`. */
export interface RequestLogQuery {
  /** Only entries with a larger id. */
  since?: number;
  /** Only entries whose path starts with this. */
  path?: string;
}
