import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevCloudContext } from "../context.js";
import { readFormBody } from "../form-body.js";
import { sendJson } from "../http-response.js";
import { mintJwtShapedToken } from "../oauth/jwt-shape.js";
import { isWellFormedPkceValue, verifierMatches } from "../oauth/pkce.js";
import type { RouteHandler } from "../router.js";
import { type IdentityError, missingParameter, sendIdentityError } from "./identity-error.js";
import { formatLongScopes, parseScopes } from "./scopes.js";
import { CONSUMERS_TENANT_ID, isKnownTenant } from "./tenant.js";
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  type Grant,
  type MicrosoftTokenStore,
} from "./token-store.js";

type Outcome =
  | { kind: "tokens"; body: Record<string, unknown> }
  | { kind: "error"; error: IdentityError };

/**
 * The token endpoint of a public SPA client: no secret, `Origin` required,
 * `authorization_code` with PKCE and `refresh_token` grants.
 *
 * @param context - Clock, randomness and the registered client.
 * @param tokens - Where codes and tokens live.
 */
export function createTokenHandler(
  context: DevCloudContext,
  tokens: MicrosoftTokenStore,
): RouteHandler {
  return async (request, response, { params }) => {
    const body = await readFormBody(request);
    // A JSON or empty body has no fields; Entra then reports the first missing one.
    const fields = body.kind === "form" ? body.fields : new URLSearchParams();
    const outcome =
      body.kind === "too-large"
        ? fail("invalid_request", 90015, "The request body is too large.")
        : exchange(request, fields, params.tenant ?? "", context, tokens);
    respond(request, response, context, outcome);
  };
}

function exchange(
  request: IncomingMessage,
  fields: URLSearchParams,
  tenant: string,
  context: DevCloudContext,
  tokens: MicrosoftTokenStore,
): Outcome {
  if (!isKnownTenant(tenant)) {
    return fail("invalid_request", 90002, `Tenant '${tenant}' not found.`);
  }
  const clientId = fields.get("client_id");
  if (clientId === null || clientId === "")
    return { kind: "error", error: missingParameter("client_id") };
  if (clientId !== context.clients.microsoft.clientId) {
    return fail(
      "unauthorized_client",
      700016,
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'.`,
    );
  }
  if (fields.has("client_secret") || fields.has("client_assertion")) {
    return {
      kind: "error",
      error: {
        error: "invalid_client",
        aadsts: 700025,
        message:
          "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.",
        status: 401,
      },
    };
  }
  if (request.headers.origin === undefined) {
    return fail(
      "invalid_request",
      9002327,
      "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
    );
  }
  const grantType = fields.get("grant_type");
  if (grantType === null || grantType === "")
    return { kind: "error", error: missingParameter("grant_type") };
  if (grantType === "authorization_code") return redeemCode(fields, context, tokens);
  if (grantType === "refresh_token") return redeemRefreshToken(fields, context, tokens);
  return fail(
    "unsupported_grant_type",
    70003,
    `The app requested an unsupported grant type '${grantType}'.`,
  );
}

function redeemCode(
  fields: URLSearchParams,
  context: DevCloudContext,
  tokens: MicrosoftTokenStore,
): Outcome {
  for (const name of ["code", "redirect_uri", "code_verifier"]) {
    if ((fields.get(name) ?? "") === "") return { kind: "error", error: missingParameter(name) };
  }
  const verifier = fields.get("code_verifier") ?? "";
  if (!isWellFormedPkceValue(verifier)) {
    return fail("invalid_request", 501491, "Invalid size of Code_Verifier parameter.");
  }
  const redemption = tokens.redeemCode(fields.get("code") ?? "");
  if (redemption.kind === "unknown") {
    return fail("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
  }
  if (redemption.kind === "redeemed") {
    return fail(
      "invalid_grant",
      54005,
      "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
    );
  }
  if (redemption.kind === "expired") {
    return fail(
      "invalid_grant",
      70008,
      "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
    );
  }
  const code = redemption.record;
  if (code.grant.clientId !== fields.get("client_id")) {
    return fail(
      "invalid_grant",
      70000,
      "The provided value for the 'code' parameter is not valid.",
    );
  }
  if (code.redirectUri !== fields.get("redirect_uri")) {
    return fail(
      "invalid_grant",
      50011,
      `The redirect URI '${fields.get("redirect_uri") ?? ""}' specified in the request does not match the redirect URI used to request the authorization code.`,
    );
  }
  if (!verifierMatches(verifier, code.codeChallenge, code.codeChallengeMethod)) {
    return fail(
      "invalid_grant",
      501481,
      "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
    );
  }
  const scopeProblem = checkRequestedScopes(fields, code.grant);
  if (scopeProblem !== undefined) return { kind: "error", error: scopeProblem };
  return { kind: "tokens", body: issueTokens(code.grant, context.clock.now(), context, tokens) };
}

function redeemRefreshToken(
  fields: URLSearchParams,
  context: DevCloudContext,
  tokens: MicrosoftTokenStore,
): Outcome {
  const token = fields.get("refresh_token") ?? "";
  if (token === "") return { kind: "error", error: missingParameter("refresh_token") };
  const check = tokens.checkRefreshToken(token);
  if (check.kind === "unknown") {
    return fail("invalid_grant", 9002313, "Invalid request. Request is malformed or invalid.");
  }
  const issued = new Date(check.record.grantedAt).toISOString();
  if (check.kind === "revoked") {
    return fail(
      "invalid_grant",
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${issued}' and the TokensValidFrom date for this user is '${new Date(check.revokedAt).toISOString()}'.`,
    );
  }
  if (check.kind === "expired") {
    return fail(
      "invalid_grant",
      700084,
      `The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page. The token was issued on ${issued}.`,
    );
  }
  if (check.record.grant.clientId !== fields.get("client_id")) {
    return fail("invalid_grant", 70000, "Provided grant is invalid or malformed.");
  }
  const scopeProblem = checkRequestedScopes(fields, check.record.grant);
  if (scopeProblem !== undefined) return { kind: "error", error: scopeProblem };
  return {
    kind: "tokens",
    body: issueTokens(check.record.grant, check.record.grantedAt, context, tokens),
  };
}

/**
 * The token request's `scope` is optional here; when sent it must be known
 * and within what was consented. The access token still carries every
 * consented Graph scope, as v2 tokens do.
 */
function checkRequestedScopes(fields: URLSearchParams, grant: Grant): IdentityError | undefined {
  const raw = fields.get("scope");
  if (raw === null) return undefined;
  const parsed = parseScopes(raw);
  if (!parsed.ok) {
    return {
      error: "invalid_scope",
      aadsts: 70011,
      message: `The provided value for the input parameter 'scope' is not valid. The scope '${parsed.invalid}' does not exist.`,
    };
  }
  const missing = parsed.scopes.graph.find((scope) => !grant.scopes.graph.includes(scope));
  if (missing === undefined) return undefined;
  return {
    error: "invalid_grant",
    aadsts: 65001,
    message: `The user or administrator has not consented to use the application with ID '${grant.clientId}'. Send an interactive authorization request for this user and resource.`,
  };
}

function issueTokens(
  grant: Grant,
  grantedAt: number,
  context: DevCloudContext,
  tokens: MicrosoftTokenStore,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    token_type: "Bearer",
    scope: formatLongScopes(grant.scopes.graph),
    expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
    access_token: tokens.issueAccessToken(grant, grant.scopes.graph),
  };
  if (grant.scopes.oidc.includes("offline_access")) {
    body.refresh_token = tokens.issueRefreshToken(grant, grantedAt);
  }
  if (grant.scopes.oidc.includes("openid")) body.id_token = mintIdToken(grant, context);
  return body;
}

function mintIdToken(grant: Grant, context: DevCloudContext): string {
  const now = Math.floor(context.clock.now() / 1000);
  const claims: Record<string, unknown> = {
    aud: grant.clientId,
    iss: `https://login.microsoftonline.com/${CONSUMERS_TENANT_ID}/v2.0`,
    iat: now,
    nbf: now,
    exp: now + 3600,
    oid: grant.user.id,
    sub: grant.user.id,
    tid: CONSUMERS_TENANT_ID,
    ver: "2.0",
  };
  if (grant.scopes.oidc.includes("profile")) {
    claims.name = grant.user.displayName;
    claims.preferred_username = grant.user.email;
  }
  if (grant.scopes.oidc.includes("email")) claims.email = grant.user.email;
  if (grant.nonce !== undefined) claims.nonce = grant.nonce;
  return mintJwtShapedToken(claims, context.random);
}

function respond(
  request: IncomingMessage,
  response: ServerResponse,
  context: DevCloudContext,
  outcome: Outcome,
): void {
  if (outcome.kind === "error") {
    sendIdentityError(request, response, context, outcome.error);
    return;
  }
  sendJson(response, 200, outcome.body, { Pragma: "no-cache" });
}

function fail(error: string, aadsts: number, message: string): Outcome {
  return { kind: "error", error: { error, aadsts, message } };
}
