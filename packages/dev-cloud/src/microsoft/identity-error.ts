import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevCloudContext } from "../context.js";
import { sendJson } from "../http-response.js";
import { isGuid, newGuid } from "./guid.js";

/** One identity-platform failure: the OAuth `error`, the AADSTS number and its text. */
export interface IdentityError {
  /** OAuth error code, e.g. `invalid_grant`. */
  error: string;
  /** The AADSTS number, e.g. `70008`. */
  aadsts: number;
  /** The text after `AADSTSnnnn: `. */
  message: string;
  /** HTTP status for the token endpoint; 400 unless stated. */
  status?: number;
}

/** The ids and time that Entra stamps on every error. */
export interface IdentityErrorStamp {
  traceId: string;
  correlationId: string;
  /** `2016-01-09 02:02:12Z`: Entra's format, not ISO 8601. */
  timestamp: string;
}

/** Formats a server-clock time the way Entra's error bodies do (`2016-01-09 02:02:12Z`). */
export function formatAadTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")}Z`;
}

/**
 * Trace and correlation ids for an error. Entra echoes a GUID sent in
 * `client-request-id` as the correlation id (MSAL sends one), so we do too.
 */
export function stampIdentityError(
  request: IncomingMessage,
  context: DevCloudContext,
): IdentityErrorStamp {
  const sent = request.headers["client-request-id"];
  const correlationId =
    typeof sent === "string" && isGuid(sent) ? sent.toLowerCase() : newGuid(context.random);
  return {
    traceId: newGuid(context.random),
    correlationId,
    timestamp: formatAadTimestamp(context.clock.now()),
  };
}

/**
 * The `error_description` text: `AADSTSnnnn: message` then the trace id,
 * correlation id and timestamp on `\r\n`-separated lines, as Entra writes it.
 */
export function describeIdentityError(error: IdentityError, stamp: IdentityErrorStamp): string {
  return [
    `AADSTS${error.aadsts}: ${error.message}`,
    `Trace ID: ${stamp.traceId}`,
    `Correlation ID: ${stamp.correlationId}`,
    `Timestamp: ${stamp.timestamp}`,
  ].join("\r\n");
}

/**
 * Answers a token request with Entra's JSON error body: `error`,
 * `error_description`, `error_codes`, `timestamp`, `trace_id`, `correlation_id`.
 *
 * @param request - The token request (for `client-request-id`).
 * @param response - The response to finish.
 * @param context - Clock and randomness for the stamp.
 * @param error - What went wrong.
 */
export function sendIdentityError(
  request: IncomingMessage,
  response: ServerResponse,
  context: DevCloudContext,
  error: IdentityError,
): void {
  const stamp = stampIdentityError(request, context);
  sendJson(response, error.status ?? 400, {
    error: error.error,
    error_description: describeIdentityError(error, stamp),
    error_codes: [error.aadsts],
    timestamp: stamp.timestamp,
    trace_id: stamp.traceId,
    correlation_id: stamp.correlationId,
    // Points at the real help page, as Entra does; the emulator does not serve it.
    error_uri: `https://login.microsoftonline.com/error?code=${error.aadsts}`,
  });
}

/** AADSTS900144: a required parameter is missing. */
export function missingParameter(name: string): IdentityError {
  return {
    error: "invalid_request",
    aadsts: 900144,
    message: `The request body must contain the following parameter: '${name}'.`,
  };
}
