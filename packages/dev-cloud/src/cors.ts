import type { IncomingMessage, ServerResponse } from "node:http";

/** Methods a cross-origin page may use. */
export const CORS_ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
/** Request headers a cross-origin page may send. */
// User-Agent: Firefox sends the one a MusicBrainz client sets, and asks first.
export const CORS_ALLOWED_HEADERS = "Authorization, Content-Type, Range, User-Agent";
/** Response headers a cross-origin page may read. */
export const CORS_EXPOSED_HEADERS =
  "Content-Range, Content-Length, Retry-After, Location, WWW-Authenticate, request-id, ETag";

/**
 * True for origins served from this machine over http: `http://127.0.0.1:*`
 * and `http://localhost:*`. Tests and the demo run on random local ports.
 *
 * @param origin - The value of an `Origin` request header.
 */
export function isLocalOrigin(origin: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  // An Origin header is scheme://host[:port] and nothing else.
  if (url.origin !== origin) return false;
  return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
}

/**
 * Adds CORS headers for local origins and answers preflight requests.
 *
 * @returns `true` when the request was a preflight and has been answered (204).
 */
export function handleCors(request: IncomingMessage, response: ServerResponse): boolean {
  const origin = request.headers.origin;
  response.setHeader("Vary", "Origin");
  const allowed = origin !== undefined && isLocalOrigin(origin);
  if (allowed) {
    response.setHeader("Access-Control-Allow-Origin", origin);
    response.setHeader("Access-Control-Expose-Headers", CORS_EXPOSED_HEADERS);
  }
  const isPreflight =
    request.method === "OPTIONS" && request.headers["access-control-request-method"] !== undefined;
  if (!isPreflight) return false;
  if (allowed) {
    response.setHeader("Access-Control-Allow-Methods", CORS_ALLOWED_METHODS);
    response.setHeader("Access-Control-Allow-Headers", CORS_ALLOWED_HEADERS);
    response.setHeader("Access-Control-Max-Age", "600");
  }
  // A foreign origin gets a 204 without Allow-* headers, which the browser treats as a refusal.
  response.writeHead(204, { "Content-Length": "0" });
  response.end();
  return true;
}
