import type { DevCloudContext } from "../context.js";
import { verifierMatches } from "../oauth/pkce.js";
import { timingSafeTextEqual } from "../oauth/timing-safe-text.js";
import {
  ADVERTISED_ACCESS_TOKEN_LIFETIME_S,
  type GoogleAuthState,
  type Grant,
  type StoredCode,
} from "./google-auth-state.js";
import { GOOGLE_SCOPES } from "./google-scopes.js";
import { createIdToken } from "./id-token.js";
import {
  EXPIRED_OR_REVOKED,
  type OAuthErrorBody,
  type OAuthErrorResult,
  oauthError,
} from "./oauth-errors.js";

/** A successful token response, field for field as Google sends it. */
export interface TokenSuccessBody {
  access_token: string;
  expires_in: number;
  /** Only from an `access_type=offline` code exchange. */
  refresh_token?: string;
  scope: string;
  token_type: "Bearer";
  /** Only when `openid` was granted. */
  id_token?: string;
}

/** What the token endpoint answers: a status and a JSON body. */
export interface TokenEndpointResult {
  status: number;
  body: TokenSuccessBody | OAuthErrorBody;
}

/** What the token logic needs from the server. */
export interface TokenEndpointDeps {
  state: GoogleAuthState;
  context: DevCloudContext;
}

/**
 * Runs one request to Google's token endpoint (`authorization_code` or
 * `refresh_token` grant) and returns the answer Google would give. Shared by
 * `/google/token` and the host app's `/app/google/token`, which calls it
 * in-process with the secret added.
 *
 * @param params - The form fields, with `client_id`/`client_secret` already
 *   merged in from HTTP Basic auth if the client used it.
 */
export function runTokenRequest(
  params: URLSearchParams,
  deps: TokenEndpointDeps,
): TokenEndpointResult {
  const grantType = params.get("grant_type") ?? "";
  if (grantType !== "authorization_code" && grantType !== "refresh_token") {
    return oauthError(400, "unsupported_grant_type", `Invalid grant_type: ${grantType}`);
  }
  const clientError = checkClient(params, deps.context);
  if (clientError !== undefined) return clientError;
  return grantType === "authorization_code"
    ? exchangeCode(params, deps)
    : refreshAccessToken(params, deps);
}

function checkClient(
  params: URLSearchParams,
  context: DevCloudContext,
): OAuthErrorResult | undefined {
  const clientId = params.get("client_id") ?? "";
  if (clientId === "") {
    return oauthError(400, "invalid_request", "Could not determine client ID from request.");
  }
  const client = context.clients.google;
  if (clientId !== client.clientId) {
    return oauthError(401, "invalid_client", "The OAuth client was not found.");
  }
  const secret = params.get("client_secret") ?? "";
  // A "Web application" client must prove itself even with PKCE (reference §1).
  if (secret === "") return oauthError(400, "invalid_request", "client_secret is missing.");
  if (!timingSafeTextEqual(secret, client.clientSecret)) {
    return oauthError(401, "invalid_client", "Unauthorized");
  }
  return undefined;
}

function exchangeCode(params: URLSearchParams, deps: TokenEndpointDeps): TokenEndpointResult {
  const code = params.get("code") ?? "";
  if (code === "") return oauthError(400, "invalid_request", "Missing required parameter: code");
  const stored = deps.state.findCode(code);
  if (stored === undefined) return oauthError(400, "invalid_grant", "Malformed auth code.");
  if (stored.clientId !== params.get("client_id")) {
    return oauthError(400, "invalid_grant", "Unauthorized");
  }
  if (stored.redeemedAs !== undefined) {
    // A replayed code may mean it leaked; like Google, end what it already produced.
    deps.state.revokeGrant(stored.redeemedAs);
    return oauthError(400, "invalid_grant", "Bad Request");
  }
  if (deps.state.isCodeExpired(stored)) return oauthError(400, "invalid_grant", "Bad Request");
  const redirectUri = params.get("redirect_uri") ?? "";
  if (redirectUri === "") {
    return oauthError(400, "invalid_request", "Missing required parameter: redirect_uri");
  }
  if (redirectUri !== stored.redirectUri) {
    return oauthError(400, "redirect_uri_mismatch", "Bad Request");
  }
  const pkceError = checkVerifier(stored, params.get("code_verifier") ?? "");
  // A failed redirect_uri or PKCE check leaves the code usable: the caller may
  // be a confused client rather than a thief, and the code still expires.
  if (pkceError !== undefined) return pkceError;

  const grant = deps.state.redeemCode(stored);
  return issueTokens(grant, deps, true);
}

function checkVerifier(stored: StoredCode, verifier: string): OAuthErrorResult | undefined {
  const challenge = stored.challenge;
  if (challenge === undefined) {
    return verifier === ""
      ? undefined
      : oauthError(400, "invalid_grant", "code_verifier or verifier is not needed.");
  }
  if (verifier === "") return oauthError(400, "invalid_grant", "Missing code verifier.");
  return verifierMatches(verifier, challenge.value, challenge.method)
    ? undefined
    : oauthError(400, "invalid_grant", "Invalid code verifier.");
}

function refreshAccessToken(params: URLSearchParams, deps: TokenEndpointDeps): TokenEndpointResult {
  const refreshToken = params.get("refresh_token") ?? "";
  if (refreshToken === "") {
    return oauthError(400, "invalid_request", "Missing required parameter: refresh_token");
  }
  const grant = deps.state.grantForRefreshToken(refreshToken);
  if (grant === undefined) return oauthError(400, "invalid_grant", EXPIRED_OR_REVOKED);
  if (grant.clientId !== params.get("client_id")) {
    return oauthError(400, "unauthorized_client", "Unauthorized");
  }
  return issueTokens(grant, deps, false);
}

function issueTokens(
  grant: Grant,
  deps: TokenEndpointDeps,
  includeRefreshToken: boolean,
): TokenEndpointResult {
  const user = deps.context.users.find((candidate) => candidate.id === grant.userId);
  if (user === undefined) return oauthError(400, "invalid_grant", EXPIRED_OR_REVOKED);
  const access = deps.state.issueAccessToken(grant);
  const body: TokenSuccessBody = {
    access_token: access.token,
    expires_in: ADVERTISED_ACCESS_TOKEN_LIFETIME_S,
    scope: grant.scopes.join(" "),
    token_type: "Bearer",
  };
  // The refresh response omits refresh_token: the client keeps the one it has.
  if (includeRefreshToken && grant.refreshToken !== undefined) {
    body.refresh_token = grant.refreshToken;
  }
  if (grant.scopes.includes(GOOGLE_SCOPES.openid)) {
    body.id_token = createIdToken({
      clientId: grant.clientId,
      user,
      scopes: grant.scopes,
      issuedAtMs: access.issuedAt,
      nonce: grant.nonce,
    });
  }
  return { status: 200, body };
}

/** Constant-time comparison, so the emulator does not model a timing oracle. */
