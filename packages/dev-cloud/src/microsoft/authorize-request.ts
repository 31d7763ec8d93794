import { isLocalOrigin } from "../cors.js";
import { isWellFormedPkceValue, type PkceMethod } from "../oauth/pkce.js";
import type { IdentityError } from "./identity-error.js";
import { missingParameter } from "./identity-error.js";
import { parseScopes, type ScopeSet } from "./scopes.js";
import { isKnownTenant } from "./tenant.js";

/** How the authorization response travels back: `?…` (the default for code) or `#…`. */
export type ResponseMode = "query" | "fragment";

/** A validated `/authorize` request. */
export interface AuthorizeRequest {
  tenant: string;
  clientId: string;
  redirectUri: string;
  responseMode: ResponseMode;
  scopes: ScopeSet;
  codeChallenge: string;
  codeChallengeMethod: PkceMethod;
  state: string | undefined;
  nonce: string | undefined;
  loginHint: string | undefined;
}

/** The result of {@link validateAuthorizeRequest}. */
export type AuthorizeValidation =
  | { kind: "ok"; request: AuthorizeRequest }
  /** The client or redirect URI cannot be trusted: show an error page, never redirect. */
  | { kind: "page-error"; error: IdentityError }
  /** The redirect URI is trusted: send the error back to the app. */
  | {
      kind: "redirect-error";
      error: IdentityError;
      redirectUri: string;
      responseMode: ResponseMode;
      state: string | undefined;
    };

/** RFC 7636: 43 to 128 characters from the unreserved set. */
const PROMPTS = new Set(["login", "none", "consent", "select_account", "create"]);

/**
 * True for a redirect URI this emulator's app registration accepts: any
 * `http://127.0.0.1:*` or `http://localhost:*` URI without a fragment.
 *
 * @param uri - The `redirect_uri` parameter.
 */
export function isAllowedRedirectUri(uri: string): boolean {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return url.hash === "" && url.username === "" && isLocalOrigin(url.origin);
}

/**
 * Checks an authorization request in Entra's order: tenant, client and
 * redirect URI first (failures there are shown as a page, since redirecting
 * to an unverified URI would leak), then everything else (sent back to the app).
 *
 * @param tenant - The `{tenant}` path segment.
 * @param params - The query (GET) or the consent form's fields (POST).
 * @param registeredClientId - The one client the emulator knows.
 */
export function validateAuthorizeRequest(
  tenant: string,
  params: URLSearchParams,
  registeredClientId: string,
): AuthorizeValidation {
  if (!isKnownTenant(tenant)) {
    return pageError({
      error: "invalid_request",
      aadsts: 90002,
      message: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    });
  }
  const clientId = params.get("client_id");
  if (clientId === null || clientId === "") return pageError(missingParameter("client_id"));
  if (clientId !== registeredClientId) {
    return pageError({
      error: "unauthorized_client",
      aadsts: 700016,
      message: `Application with identifier '${clientId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    });
  }
  const redirectUri = params.get("redirect_uri");
  if (redirectUri === null || redirectUri === "")
    return pageError(missingParameter("redirect_uri"));
  if (!isAllowedRedirectUri(redirectUri)) {
    return pageError({
      error: "invalid_request",
      aadsts: 50011,
      message: `The redirect URI '${redirectUri}' specified in the request does not match the redirect URIs configured for the application '${clientId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal. Navigate to https://aka.ms/redirectUriMismatchError to learn more about how to fix this.`,
    });
  }

  const state = params.get("state") ?? undefined;
  const modeParam = params.get("response_mode") ?? "query";
  const responseMode: ResponseMode = modeParam === "fragment" ? "fragment" : "query";
  const back = (error: IdentityError): AuthorizeValidation => ({
    kind: "redirect-error",
    error,
    redirectUri,
    responseMode,
    state,
  });

  if (modeParam !== "query" && modeParam !== "fragment") {
    // form_post needs a server to receive it; an spa redirect URI has none.
    return back(invalidParameter("response_mode"));
  }
  const responseType = params.get("response_type");
  if (responseType === null || responseType === "") return back(missingParameter("response_type"));
  if (responseType !== "code") {
    return back({
      error: "unsupported_response_type",
      aadsts: 700051,
      message: `response_type '${responseType}' is not enabled for the application.`,
    });
  }
  const prompt = params.get("prompt") ?? undefined;
  if (prompt !== undefined && !PROMPTS.has(prompt)) return back(invalidParameter("prompt"));
  if (prompt === "none") {
    // The emulator keeps no sign-in session, so a silent request never finds one.
    return back({
      error: "login_required",
      aadsts: 50058,
      message: "A silent sign-in request was sent but no user is signed in.",
    });
  }
  const scopeParam = params.get("scope");
  if (scopeParam === null || scopeParam.trim() === "") return back(missingParameter("scope"));
  const parsed = parseScopes(scopeParam);
  if (!parsed.ok) {
    return back({
      error: "invalid_scope",
      aadsts: 70011,
      message: `The provided value for the input parameter 'scope' is not valid. The scope '${parsed.invalid}' does not exist.`,
    });
  }
  const codeChallenge = params.get("code_challenge");
  if (codeChallenge === null || codeChallenge === "") {
    return back({
      error: "invalid_request",
      aadsts: 9002325,
      message:
        "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
    });
  }
  if (!isWellFormedPkceValue(codeChallenge)) return back(invalidParameter("code_challenge"));
  // RFC 7636: an absent method means plain.
  const method = params.get("code_challenge_method") ?? "plain";
  if (method !== "S256" && method !== "plain")
    return back(invalidParameter("code_challenge_method"));

  return {
    kind: "ok",
    request: {
      tenant,
      clientId,
      redirectUri,
      responseMode,
      scopes: parsed.scopes,
      codeChallenge,
      codeChallengeMethod: method,
      state,
      nonce: params.get("nonce") ?? undefined,
      loginHint: params.get("login_hint") ?? undefined,
    },
  };
}

/**
 * The URL the browser is sent back to: `redirect_uri` with the parameters
 * added to its query (`response_mode=query`) or fragment.
 *
 * @param redirectUri - A URI that passed {@link isAllowedRedirectUri}.
 * @param responseMode - Where the parameters go.
 * @param fields - Parameters in order; `undefined` ones are left out.
 */
export function buildAuthorizeRedirect(
  redirectUri: string,
  responseMode: ResponseMode,
  fields: Readonly<Record<string, string | undefined>>,
): string {
  const url = new URL(redirectUri);
  const extra = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value !== undefined) extra.append(name, value);
  }
  if (responseMode === "fragment") {
    url.hash = extra.toString();
  } else {
    for (const [name, value] of extra) url.searchParams.append(name, value);
  }
  return url.toString();
}

function pageError(error: IdentityError): AuthorizeValidation {
  return { kind: "page-error", error };
}

/** AADSTS90100: Entra's "parameter is empty or not valid". */
function invalidParameter(name: string): IdentityError {
  return {
    error: "invalid_request",
    aadsts: 90100,
    message: `${name} parameter is empty or not valid.`,
  };
}
