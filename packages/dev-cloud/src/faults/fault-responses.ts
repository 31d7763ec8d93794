import { randomUUID } from "node:crypto";
import type { ServerResponse } from "node:http";
import { sendError, sendJson } from "../http-response.js";
import { isTokenEndpoint } from "../request-log/token-endpoints.js";
import type { AppliedFault } from "./fault-types.js";

/** Whose error format a path answers in. */
export type ErrorFamily = "oauth" | "google" | "graph" | "plain";

/** Faults that answer instead of the route. */
export type AnsweringFault = Extract<
  AppliedFault,
  { kind: "status" | "rate-limit" | "user-rate-limit" }
>;

/**
 * The error format a path's real service uses: OAuth token endpoints answer
 * `{ error, error_description }`, Drive (and the host app in front of it) the
 * Google API shape, Graph and its download URLs the Graph shape.
 *
 * @param pathname - A URL path, not decoded.
 */
export function errorFamilyForPath(pathname: string): ErrorFamily {
  if (isTokenEndpoint(pathname)) return "oauth";
  if (hasPrefix(pathname, "/google") || hasPrefix(pathname, "/app")) return "google";
  if (hasPrefix(pathname, "/graph") || hasPrefix(pathname, "/graph-download")) return "graph";
  return "plain";
}

/**
 * Answers a request with the fault's error in the format of the path's service.
 *
 * @param response - The response to finish.
 * @param fault - A `status`, `rate-limit` or `user-rate-limit` fault.
 * @param pathname - Picks the error format, see {@link errorFamilyForPath}.
 * @param now - Server-clock time for Graph's `innerError.date`.
 */
export function sendFaultResponse(
  response: ServerResponse,
  fault: AnsweringFault,
  pathname: string,
  now: number,
): void {
  const family = errorFamilyForPath(pathname);
  const headers: Record<string, string> = {};
  if (fault.retryAfterSeconds !== undefined) {
    headers["Retry-After"] = String(fault.retryAfterSeconds);
  }
  switch (fault.kind) {
    case "status":
      sendStatusError(response, fault.status, family, now, headers);
      return;
    case "rate-limit":
      sendRateLimited(response, family, now, headers);
      return;
    case "user-rate-limit":
      if (family === "graph") {
        // Graph has no per-user 403 quota error; `activityLimitReached` is its nearest throttle.
        sendJson(
          response,
          403,
          graphError("activityLimitReached", "The app or user has been throttled.", now),
          headers,
        );
        return;
      }
      sendJson(
        response,
        403,
        googleError(403, "User Rate Limit Exceeded", "usageLimits", "userRateLimitExceeded"),
        headers,
      );
      return;
  }
}

function sendStatusError(
  response: ServerResponse,
  status: number,
  family: ErrorFamily,
  now: number,
  headers: Record<string, string>,
): void {
  const message =
    status === 503 ? "The service is currently unavailable." : `Backend error (HTTP ${status}).`;
  switch (family) {
    case "oauth":
      sendJson(
        response,
        status,
        { error: "temporarily_unavailable", error_description: message },
        headers,
      );
      return;
    case "google":
      sendJson(response, status, googleError(status, message, "global", "backendError"), headers);
      return;
    case "graph": {
      const code = status === 503 ? "serviceNotAvailable" : "generalException";
      sendJson(response, status, graphError(code, message, now), headers);
      return;
    }
    case "plain":
      sendError(response, status, "service_unavailable", message, headers);
      return;
  }
}

function sendRateLimited(
  response: ServerResponse,
  family: ErrorFamily,
  now: number,
  headers: Record<string, string>,
): void {
  switch (family) {
    case "oauth":
      sendJson(
        response,
        429,
        { error: "temporarily_unavailable", error_description: "Too many requests; retry later." },
        headers,
      );
      return;
    case "google":
      sendJson(
        response,
        429,
        googleError(429, "Rate Limit Exceeded", "usageLimits", "rateLimitExceeded"),
        headers,
      );
      return;
    case "graph": {
      // The shape of learn.microsoft.com/graph/throttling, status repeated as strings.
      const body = graphError("TooManyRequests", "Please retry again later.", now);
      Object.assign(body.error.innerError, {
        code: "429",
        message: "Please retry after",
        status: "429",
      });
      sendJson(response, 429, body, headers);
      return;
    }
    case "plain":
      sendError(response, 429, "rate_limited", "Too many requests; retry later.", headers);
      return;
  }
}

function googleError(status: number, message: string, domain: string, reason: string) {
  return { error: { code: status, message, errors: [{ domain, reason, message }] } };
}

function graphError(code: string, message: string, now: number) {
  const innerError: Record<string, string> = {
    date: new Date(now).toISOString().slice(0, 19),
    "request-id": randomUUID(),
  };
  return { error: { code, message, innerError } };
}

function hasPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}
