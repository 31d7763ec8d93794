/**
 * Signs in to a running dev-cloud over real HTTP, as the browser and the
 * player would (consent form, code exchange with PKCE), and hands the tokens
 * out through a token source (the player's `TokenSource` shape) that
 * refreshes with the refresh token. For tests and benchmarks of the player.
 */
import { createHash, randomBytes } from "node:crypto";
import { DEV_OAUTH_CLIENTS } from "../create-context.js";
import { approveSignIn } from "./approve-sign-in.js";

/** The provider of a test account (the player's `AuthProviderId`). */
export type TestProvider = "google" | "microsoft";

/** Options of {@link TestTokenSource.getAccessToken} (the player's `AccessTokenOptions`). */
export interface TestAccessTokenOptions {
  forceRefresh?: boolean;
}

const GOOGLE_REDIRECT = "http://127.0.0.1:5173/callback";
const MICROSOFT_ORIGIN = "http://localhost:5173";
const MICROSOFT_REDIRECT = `${MICROSOFT_ORIGIN}/auth/callback`;

/** A signed-in test account: its id and a refreshing token source. */
export interface TestAccount {
  accountId: string;
  provider: TestProvider;
  tokens: TestTokenSource;
}

/** Tokens from a real sign-in; `forceRefresh` uses the refresh token. Counts refreshes. */
export class TestTokenSource {
  refreshes = 0;
  #access: string;
  #refresh: string;
  #pending: Promise<string> | undefined;

  constructor(
    private readonly refreshWith: (
      refreshToken: string,
    ) => Promise<{ access: string; refresh?: string }>,
    access: string,
    refresh: string,
  ) {
    this.#access = access;
    this.#refresh = refresh;
  }

  async getAccessToken(_accountId: string, options: TestAccessTokenOptions = {}): Promise<string> {
    if (options.forceRefresh !== true) return this.#access;
    this.#pending ??= this.refreshWith(this.#refresh)
      .then(({ access, refresh }) => {
        this.refreshes++;
        this.#access = access;
        if (refresh !== undefined) this.#refresh = refresh;
        return access;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }
}

function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

async function postForm(
  url: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(url, { method: "POST", headers, body: new URLSearchParams(fields) });
  const body = (await response.json()) as Record<string, unknown>;
  if (response.status !== 200)
    throw new Error(`token endpoint answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** Signs in to the dev-cloud's Google with Drive read access. */
export async function signInGoogle(base: string): Promise<TestAccount> {
  const { verifier, challenge } = pkce();
  const client = DEV_OAUTH_CLIENTS.google;
  const query = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: GOOGLE_REDIRECT,
    response_type: "code",
    scope: "openid email profile https://www.googleapis.com/auth/drive.readonly",
    state: "s",
    access_type: "offline",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const code = await approvedCode(`${base}/google/o/oauth2/v2/auth?${query}`);
  const secret = { client_id: client.clientId, client_secret: client.clientSecret ?? "" };
  const body = await postForm(`${base}/google/token`, {
    grant_type: "authorization_code",
    code,
    redirect_uri: GOOGLE_REDIRECT,
    code_verifier: verifier,
    ...secret,
  });
  const tokens = new TestTokenSource(
    async (refreshToken) => {
      const refreshed = await postForm(`${base}/google/token`, {
        grant_type: "refresh_token",
        refresh_token: refreshToken,
        ...secret,
      });
      return { access: String(refreshed.access_token) };
    },
    String(body.access_token),
    String(body.refresh_token),
  );
  return { accountId: "google:alex", provider: "google", tokens };
}

/** Signs in to the dev-cloud's Microsoft identity platform with Files.Read. */
export async function signInMicrosoft(base: string): Promise<TestAccount> {
  const { verifier, challenge } = pkce();
  const clientId = DEV_OAUTH_CLIENTS.microsoft.clientId;
  const query = new URLSearchParams({
    client_id: clientId,
    response_type: "code",
    redirect_uri: MICROSOFT_REDIRECT,
    scope: "Files.Read offline_access openid profile",
    state: "s",
    code_challenge: challenge,
    code_challenge_method: "S256",
  });
  const code = await approvedCode(`${base}/microsoft/common/oauth2/v2.0/authorize?${query}`);
  const tokenUrl = `${base}/microsoft/common/oauth2/v2.0/token`;
  const origin = { Origin: MICROSOFT_ORIGIN };
  const body = await postForm(
    tokenUrl,
    {
      client_id: clientId,
      grant_type: "authorization_code",
      code,
      redirect_uri: MICROSOFT_REDIRECT,
      code_verifier: verifier,
    },
    origin,
  );
  const tokens = new TestTokenSource(
    async (refreshToken) => {
      const refreshed = await postForm(
        tokenUrl,
        { client_id: clientId, grant_type: "refresh_token", refresh_token: refreshToken },
        origin,
      );
      const access = String(refreshed.access_token);
      return typeof refreshed.refresh_token === "string"
        ? { access, refresh: refreshed.refresh_token }
        : { access };
    },
    String(body.access_token),
    String(body.refresh_token),
  );
  return { accountId: "microsoft:alex", provider: "microsoft", tokens };
}

/** Allows the consent page as its first user and returns the code. */
async function approvedCode(authorizeUrl: string): Promise<string> {
  const { code, location } = await approveSignIn(authorizeUrl);
  if (code === undefined) throw new Error(`consent redirected without a code: ${location}`);
  return code;
}

/** Signs in to the dev-cloud at `base` with either provider. */
export function signInTestAccount(base: string, provider: TestProvider): Promise<TestAccount> {
  return provider === "google" ? signInGoogle(base) : signInMicrosoft(base);
}
