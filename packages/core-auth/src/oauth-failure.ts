import { type PlayerErrorDetails, redactText } from "@player/core-runtime";
import * as oauth from "oauth4webapi";

/** OAuth `error` values that mean the grant is gone and only an interactive sign-in helps. */
const REFUSED_GRANT_ERRORS: ReadonlySet<string> = new Set([
  "invalid_grant",
  "interaction_required",
  "consent_required",
  "login_required",
]);

/** OAuth `error` values that say "try again later". */
const TRANSIENT_ERRORS: ReadonlySet<string> = new Set(["temporarily_unavailable", "server_error"]);

/** What went wrong with a request to a token or revocation endpoint, without any token. */
export interface OAuthFailure {
  /** `oauth-error` (the server said why), `http-status`, `network`, `invalid-response`. */
  reason: "oauth-error" | "http-status" | "network" | "invalid-response";
  /** The provider's `error`, e.g. `invalid_grant`. */
  error?: string;
  /** The provider's `error_description`. */
  description?: string;
  /** The HTTP status, when there was an answer. */
  status?: number;
  /** The grant was refused for good (refresh token expired or revoked). */
  refused: boolean;
  /** Trying again later may work (network trouble, 5xx, 429). */
  transient: boolean;
}

/**
 * Classifies an error thrown by oauth4webapi (or by `fetch` under it).
 * Response bodies are not kept: they may hold tokens.
 */
export function describeOAuthFailure(error: unknown): OAuthFailure {
  if (error instanceof oauth.ResponseBodyError) {
    const failure: OAuthFailure = {
      reason: "oauth-error",
      error: error.error,
      status: error.status,
      refused: REFUSED_GRANT_ERRORS.has(error.error),
      transient: error.status >= 500 || error.status === 429 || TRANSIENT_ERRORS.has(error.error),
    };
    if (error.error_description !== undefined) {
      failure.description = redactText(error.error_description);
    }
    return failure;
  }
  if (error instanceof oauth.OperationProcessingError) {
    const response = error.cause;
    if (error.code === oauth.RESPONSE_IS_NOT_CONFORM && response instanceof Response) {
      const { status } = response;
      return {
        reason: "http-status",
        status,
        refused: false,
        transient: status >= 500 || status === 429,
      };
    }
    return { reason: "invalid-response", refused: false, transient: false };
  }
  if (error instanceof TypeError || isAbortOrTimeout(error)) {
    // fetch rejects with TypeError when no HTTP answer came (DNS, reset, offline).
    return { reason: "network", refused: false, transient: true };
  }
  return { reason: "invalid-response", refused: false, transient: false };
}

/** The failure as error details (strings, numbers and booleans only). */
export function failureDetails(failure: OAuthFailure): PlayerErrorDetails {
  const details: Record<string, string | number | boolean> = { reason: failure.reason };
  if (failure.error !== undefined) details.error = failure.error;
  if (failure.description !== undefined) details.description = failure.description;
  if (failure.status !== undefined) details.status = failure.status;
  return details;
}

/** A short human summary such as `invalid_grant: Token has been expired or revoked.`. */
export function failureSummary(failure: OAuthFailure): string {
  if (failure.error !== undefined) {
    return failure.description === undefined
      ? failure.error
      : `${failure.error}: ${failure.description}`;
  }
  if (failure.status !== undefined) return `HTTP ${failure.status}`;
  return failure.reason;
}

function isAbortOrTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}
