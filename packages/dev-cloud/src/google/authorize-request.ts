import type { DevCloudContext } from "../context.js";
import { isLocalOrigin } from "../cors.js";
import { isWellFormedPkceValue } from "../oauth/pkce.js";
import type { PkceChallenge } from "./google-auth-state.js";
import { parseScopes } from "./google-scopes.js";

/** Parameters of `/o/oauth2/v2/auth` the consent form carries through unchanged. */
export const AUTHORIZE_PARAMETERS = [
  "client_id",
  "redirect_uri",
  "response_type",
  "scope",
  "state",
  "code_challenge",
  "code_challenge_method",
  "access_type",
  "prompt",
  "login_hint",
  "include_granted_scopes",
  "nonce",
] as const;

/** A validated authorization request. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  /** Normalised (`email` → `…/userinfo.email`), duplicates dropped. */
  scopes: string[];
  state: string | undefined;
  challenge: PkceChallenge | undefined;
  offline: boolean;
  prompt: string[];
  loginHint: string | undefined;
  includeGrantedScopes: boolean;
  nonce: string | undefined;
  /** The recognised raw parameters, for the consent form's hidden fields. */
  carried: Array<[string, string]>;
}

/**
 * Why a request cannot be served. Google shows these on its own error page
 * rather than redirecting: the redirect target is either untrusted or the
 * request is a developer mistake the user cannot fix.
 */
export interface AuthorizeError {
  error: string;
  description: string;
}

/** The result of {@link parseAuthorizeRequest}. */
export type AuthorizeValidation =
  | { ok: true; request: AuthorizeRequest }
  | { ok: false; problem: AuthorizeError };

const PROMPT_VALUES = new Set(["none", "consent", "select_account"]);

/**
 * Validates authorize parameters in Google's order: client, redirect URI,
 * then the rest. Used for the consent page and again for its submission,
 * since a posted form is as untrusted as a query string.
 */
export function parseAuthorizeRequest(
  params: URLSearchParams,
  context: DevCloudContext,
): AuthorizeValidation {
  const fail = (error: string, description: string): AuthorizeValidation => ({
    ok: false,
    problem: { error, description },
  });
  const value = (name: string): string | undefined => {
    const raw = params.get(name);
    return raw === null || raw === "" ? undefined : raw;
  };

  const clientId = value("client_id");
  if (clientId === undefined)
    return fail("invalid_request", "Missing required parameter: client_id");
  if (clientId !== context.clients.google.clientId) {
    return fail("invalid_client", "The OAuth client was not found.");
  }
  const redirectUri = value("redirect_uri");
  if (redirectUri === undefined) {
    return fail("invalid_request", "Missing required parameter: redirect_uri");
  }
  if (!isAllowedRedirectUri(redirectUri)) {
    return fail(
      "redirect_uri_mismatch",
      `The redirect URI in the request, ${redirectUri}, does not match the ones authorized for the OAuth client.`,
    );
  }

  const responseType = value("response_type");
  if (responseType === undefined) {
    return fail("invalid_request", "Required parameter is missing: response_type");
  }
  if (responseType !== "code") {
    return fail("unsupported_response_type", `Invalid response_type: ${responseType}`);
  }
  const scopeText = value("scope");
  if (scopeText === undefined) return fail("invalid_request", "Missing required parameter: scope");
  const scopes = parseScopes(scopeText);
  if (!scopes.ok) {
    return fail(
      "invalid_scope",
      `Some requested scopes were invalid. {invalid=[${scopes.invalid}]}`,
    );
  }
  if (scopes.scopes.length === 0)
    return fail("invalid_request", "Missing required parameter: scope");

  const challengeValue = value("code_challenge");
  const method = value("code_challenge_method");
  let challenge: PkceChallenge | undefined;
  if (challengeValue !== undefined) {
    // Google (and RFC 7636) default to plain when only the challenge is sent.
    const resolved = method ?? "plain";
    if (resolved !== "S256" && resolved !== "plain") {
      return fail("invalid_request", `Invalid code_challenge_method value: ${resolved}`);
    }
    if (!isWellFormedPkceValue(challengeValue)) {
      return fail("invalid_request", "Invalid code_challenge value.");
    }
    challenge = { value: challengeValue, method: resolved };
  } else if (method !== undefined) {
    return fail("invalid_request", "code_challenge_method requires code_challenge.");
  }

  const accessType = value("access_type") ?? "online";
  if (accessType !== "online" && accessType !== "offline") {
    return fail("invalid_request", `Invalid access_type: ${accessType}`);
  }
  const prompt = (value("prompt") ?? "").split(/\s+/).filter((part) => part !== "");
  const badPrompt = prompt.find((part) => !PROMPT_VALUES.has(part));
  if (badPrompt !== undefined) return fail("invalid_request", `Invalid prompt: ${badPrompt}`);
  if (prompt.includes("none") && prompt.length > 1) {
    return fail("invalid_request", "prompt=none cannot be combined with other values.");
  }

  const carried: Array<[string, string]> = [];
  for (const name of AUTHORIZE_PARAMETERS) {
    const raw = params.get(name);
    if (raw !== null) carried.push([name, raw]);
  }
  return {
    ok: true,
    request: {
      clientId,
      redirectUri,
      scopes: scopes.scopes,
      state: params.get("state") ?? undefined,
      challenge,
      offline: accessType === "offline",
      prompt,
      loginHint: value("login_hint"),
      // Google Identity Services defaults this to true; the plain endpoint to false.
      includeGrantedScopes: value("include_granted_scopes") === "true",
      nonce: value("nonce"),
      carried,
    },
  };
}

/**
 * The registered client accepts any http URI on 127.0.0.1 or localhost
 * (tests and demos use random ports); fragments are refused as Google does.
 */
export function isAllowedRedirectUri(uri: string): boolean {
  if (uri.includes("#")) return false;
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return false;
  }
  return url.username === "" && url.password === "" && isLocalOrigin(url.origin);
}
