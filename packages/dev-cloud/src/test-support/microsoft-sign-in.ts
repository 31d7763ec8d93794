/**
 * The browser side of Microsoft sign-in and Graph calls, over real HTTP
 * against a `startTestServer` server.
 */
import { createHash, randomBytes } from "node:crypto";
import type { DevUser } from "../context.js";
import { DEV_OAUTH_CLIENTS } from "../create-context.js";
import { parseConsentForm } from "../testing/consent-form.js";

/** The registered Microsoft client id. */
export const TEST_CLIENT_ID = DEV_OAUTH_CLIENTS.microsoft.clientId;

/**
 * The users the Microsoft tests sign in as: ids unlike anything in the name
 * or email, so a route that sends the wrong one back is caught.
 */
export const TEST_USERS: readonly DevUser[] = [
  { id: "alex-0001", displayName: "Alex Example", email: "alex@example.com" },
  { id: "sam-0002", displayName: "Sam Sample", email: "sam@example.com" },
];

/** The page that signs in, as a browser would report it in `Origin`. */
export const APP_ORIGIN = "http://localhost:5173";
/** Its registered-style SPA redirect URI. */
export const REDIRECT_URI = `${APP_ORIGIN}/auth/callback`;
/** What the player asks for. */
export const PLAYER_SCOPES = "Files.Read offline_access openid profile";

/** A PKCE verifier and its S256 challenge. */
export function createPkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** An authorize URL with sensible defaults; `undefined` overrides drop a parameter. */
export function authorizeUrl(
  baseUrl: string,
  overrides: Readonly<Record<string, string | undefined>> = {},
  tenant = "common",
): string {
  const params: Record<string, string | undefined> = {
    client_id: TEST_CLIENT_ID,
    response_type: "code",
    redirect_uri: REDIRECT_URI,
    scope: PLAYER_SCOPES,
    state: "state-123",
    code_challenge: createPkcePair().challenge,
    code_challenge_method: "S256",
    ...overrides,
  };
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) query.set(name, value);
  return `${baseUrl}/microsoft/${tenant}/oauth2/v2.0/authorize?${query}`;
}

/** Loads the consent page and posts the form back with a user and a decision. Does not follow the redirect. */
export async function consent(
  baseUrl: string,
  url: string,
  decision: "allow" | "deny",
  userId?: string,
): Promise<Response> {
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`consent page answered ${page.status}`);
  const form = parseConsentForm(await page.text());
  const fields = new URLSearchParams(form.hidden);
  fields.set("user", userId ?? form.checkedUser ?? "");
  fields.set("decision", decision);
  return fetch(`${baseUrl}${form.action}`, { method: "POST", body: fields, redirect: "manual" });
}

/** Runs the consent step and returns the code and verifier from the redirect. */
export async function obtainCode(
  baseUrl: string,
  overrides: Readonly<Record<string, string | undefined>> = {},
  userId?: string,
): Promise<{ code: string; verifier: string; location: URL }> {
  const pkce = createPkcePair();
  const response = await consent(
    baseUrl,
    authorizeUrl(baseUrl, { code_challenge: pkce.challenge, ...overrides }),
    "allow",
    userId,
  );
  const location = new URL(response.headers.get("location") ?? "");
  const code = location.searchParams.get("code");
  if (response.status !== 302 || code === null) throw new Error(`no code in ${location.href}`);
  return { code, verifier: pkce.verifier, location };
}

/** POSTs a token request; sends `Origin: APP_ORIGIN` unless `origin` is `null`. */
export function postToken(
  baseUrl: string,
  fields: Readonly<Record<string, string>>,
  origin: string | null = APP_ORIGIN,
): Promise<Response> {
  return fetch(`${baseUrl}/microsoft/common/oauth2/v2.0/token`, {
    method: "POST",
    headers: origin === null ? {} : { Origin: origin },
    body: new URLSearchParams({ client_id: TEST_CLIENT_ID, ...fields }),
  });
}

/** The success body of the token endpoint. */
export interface TokenResponseBody {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  refresh_token?: string;
  id_token?: string;
}

/** The whole browser flow: consent, code, PKCE exchange with an Origin header. */
export async function signIn(
  baseUrl: string,
  overrides: Readonly<Record<string, string | undefined>> = {},
  userId?: string,
): Promise<TokenResponseBody> {
  const { code, verifier } = await obtainCode(baseUrl, overrides, userId);
  const response = await postToken(baseUrl, {
    grant_type: "authorization_code",
    code,
    redirect_uri: REDIRECT_URI,
    code_verifier: verifier,
  });
  if (response.status !== 200) throw new Error(`token exchange failed: ${await response.text()}`);
  return (await response.json()) as TokenResponseBody;
}

/** GET a Graph path with a bearer token. */
export function graphGet(baseUrl: string, path: string, accessToken: string): Promise<Response> {
  const url = path.startsWith("http") ? path : `${baseUrl}/graph/v1.0${path}`;
  return fetch(url, { headers: { Authorization: `Bearer ${accessToken}` }, redirect: "manual" });
}
