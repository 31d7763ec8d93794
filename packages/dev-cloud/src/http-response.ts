import type { ServerResponse } from "node:http";

/**
 * Sends `body` as JSON with the given status.
 *
 * @param response - The response to finish.
 * @param status - HTTP status code.
 * @param body - Any JSON-serialisable value.
 * @param headers - Extra headers, e.g. `Retry-After`.
 */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...headers,
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
    "Cache-Control": "no-store",
  });
  response.end(text);
}

/**
 * Sends the emulator's JSON error shape: `{ error: { code, message } }`.
 *
 * @param response - The response to finish.
 * @param status - HTTP status code.
 * @param code - A short machine-readable reason such as `not_found`.
 * @param message - A human-readable explanation.
 * @param headers - Extra headers, e.g. `Allow` or `Retry-After`.
 */
export function sendError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(response, status, { error: { code, message } }, headers);
}

/**
 * Sends a `302 Found` to `location` with an empty body, never cached.
 *
 * @param response - The response to finish.
 * @param location - The absolute URL to send the client to.
 */
export function sendRedirect(response: ServerResponse, location: string): void {
  response.writeHead(302, {
    Location: location,
    "Content-Length": "0",
    "Cache-Control": "no-store",
  });
  response.end();
}
