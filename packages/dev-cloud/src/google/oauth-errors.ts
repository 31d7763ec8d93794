/** The JSON error body of Google's token and revoke endpoints. */
export interface OAuthErrorBody {
  error: string;
  error_description: string;
}

/** A token-endpoint answer before it is written: status and JSON body. */
export interface OAuthErrorResult {
  status: number;
  body: OAuthErrorBody;
}

/**
 * Builds a token-endpoint error. The descriptions used by callers are the ones
 * Google sends (see the reference), so client code matching on them keeps working.
 *
 * @example
 * ```ts
 * oauthError(400, "invalid_grant", "Token has been expired or revoked.");
 * ```
 */
export function oauthError(status: number, error: string, description: string): OAuthErrorResult {
  return { status, body: { error, error_description: description } };
}

/** The description Google gives for a dead refresh token. */
export const EXPIRED_OR_REVOKED = "Token has been expired or revoked.";
