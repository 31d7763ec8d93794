/**
 * The browser and app side of Google sign-in, over real HTTP against a
 * `startTestServer` server: consent page, form submission, code
 * exchange.
 */
import { createHash } from "node:crypto";
import { DEV_OAUTH_CLIENTS } from "../create-context.js";
import { parseConsentForm } from "../testing/consent-form.js";

/** The test app's redirect URI (never contacted; the test reads `Location`). */
export const REDIRECT_URI = "http://127.0.0.1:5173/callback";
/** A valid RFC 7636 verifier (43+ unreserved characters). */
export const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/** Scopes the player asks for. */
export const PLAYER_SCOPES = "openid email profile https://www.googleapis.com/auth/drive.readonly";

/** Options of {@link authorizeOverHttp}. */
export interface AuthorizeOptions {
  scope?: string;
  accessType?: "online" | "offline";
  prompt?: string;
  user?: string;
  decision?: "allow" | "deny";
  state?: string;
  /** `S256` (default), `plain`, `plain-implicit` (challenge without method) or `none`. */
  pkce?: "S256" | "plain" | "plain-implicit" | "none";
  verifier?: string;
  extra?: Record<string, string>;
}

/**
 * Walks the browser part of the flow over HTTP: open the consent page, submit
 * its form with a user and a decision, and return the redirect it answers with.
 */
export async function authorizeOverHttp(
  base: string,
  options: AuthorizeOptions = {},
): Promise<URL> {
  const verifier = options.verifier ?? VERIFIER;
  const query = new URLSearchParams({
    client_id: DEV_OAUTH_CLIENTS.google.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: "code",
    scope: options.scope ?? PLAYER_SCOPES,
    state: options.state ?? "state-123",
    access_type: options.accessType ?? "offline",
    ...options.extra,
  });
  if (options.prompt !== undefined) query.set("prompt", options.prompt);
  const pkce = options.pkce ?? "S256";
  if (pkce === "S256") {
    query.set("code_challenge", createHash("sha256").update(verifier).digest("base64url"));
    query.set("code_challenge_method", "S256");
  } else if (pkce !== "none") {
    query.set("code_challenge", verifier);
    if (pkce === "plain") query.set("code_challenge_method", "plain");
  }
  const page = await fetch(`${base}/google/o/oauth2/v2/auth?${query}`);
  if (page.status !== 200) throw new Error(`Consent page answered ${page.status}.`);
  const form = parseConsentForm(await page.text());
  const body = new URLSearchParams(form.hidden);
  body.set("user", options.user ?? form.users[0] ?? "");
  body.set("decision", options.decision ?? "allow");
  const submitted = await fetch(new URL(form.action, base), {
    method: form.method,
    body,
    redirect: "manual",
  });
  const location = submitted.headers.get("location");
  if (submitted.status !== 302 || location === null) {
    throw new Error(`Consent submission answered ${submitted.status}.`);
  }
  return new URL(location);
}

/** POSTs a form to `path` and returns status and parsed JSON. */
export async function postForm(
  base: string,
  path: string,
  fields: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    body: new URLSearchParams(fields),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === "" ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** Exchanges a code at `/google/token` with the client's secret. */
export function exchangeCode(
  base: string,
  code: string,
  overrides: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  return postForm(base, "/google/token", {
    grant_type: "authorization_code",
    code,
    client_id: DEV_OAUTH_CLIENTS.google.clientId,
    client_secret: DEV_OAUTH_CLIENTS.google.clientSecret,
    redirect_uri: REDIRECT_URI,
    code_verifier: VERIFIER,
    ...overrides,
  });
}

/** Full sign-in with the player's scopes unless told otherwise; returns the tokens. */
export async function signIn(
  base: string,
  options: AuthorizeOptions = {},
): Promise<{ accessToken: string; refreshToken: string | undefined; expiresIn: unknown }> {
  const location = await authorizeOverHttp(base, options);
  const code = location.searchParams.get("code") ?? "";
  const { status, body } = await exchangeCode(base, code, {
    code_verifier: options.pkce === "none" ? "" : (options.verifier ?? VERIFIER),
  });
  if (status !== 200) throw new Error(`Token exchange answered ${status}: ${JSON.stringify(body)}`);
  return {
    accessToken: String(body.access_token),
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : undefined,
    expiresIn: body.expires_in,
  };
}
