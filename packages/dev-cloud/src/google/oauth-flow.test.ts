import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  authorizeOverHttp,
  exchangeCode,
  PLAYER_SCOPES,
  postForm,
  REDIRECT_URI,
  signIn,
  VERIFIER,
} from "../test-support/google-sign-in.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";
import { parseConsentForm } from "../testing/consent-form.js";

const CLIENT_ID = "dev-google-client.apps.googleusercontent.com";
const SECRET = "dev-google-secret";
const DRIVE_READONLY = "https://www.googleapis.com/auth/drive.readonly";

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8")) as Record<
    string,
    unknown
  >;
}

describe("Google OAuth flow over HTTP", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it("signs in, exchanges, refreshes and revokes end to end", async () => {
    const challenge = createHash("sha256").update(VERIFIER).digest("base64url");
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: "code",
      scope: PLAYER_SCOPES,
      state: "s-1",
      access_type: "offline",
      prompt: "consent",
      code_challenge: challenge,
      code_challenge_method: "S256",
    });
    const page = await fetch(`${server.url}/google/o/oauth2/v2/auth?${query}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const form = parseConsentForm(await page.text());
    expect(form.method).toBe("POST");
    expect(form.action).toBe("/google/o/oauth2/v2/auth");
    expect(Object.fromEntries(form.hidden)).toEqual(Object.fromEntries(query));
    expect(form.users).toEqual(["alex", "sam"]);
    expect(form.decisions.sort()).toEqual(["allow", "deny"]);

    const submission = new URLSearchParams(form.hidden);
    submission.set("user", "sam");
    submission.set("decision", "allow");
    const consent = await fetch(new URL(form.action, server.url), {
      method: "POST",
      body: submission,
      redirect: "manual",
    });
    expect(consent.status).toBe(302);
    const location = new URL(consent.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get("state")).toBe("s-1");
    const grantedScope = `openid https://www.googleapis.com/auth/userinfo.email https://www.googleapis.com/auth/userinfo.profile ${DRIVE_READONLY}`;
    expect(location.searchParams.get("scope")).toBe(grantedScope);
    const code = location.searchParams.get("code") ?? "";
    expect(code).toMatch(/^4\/0A/);

    const exchanged = await exchangeCode(server.url, code);
    expect(exchanged.status).toBe(200);
    const tokens = exchanged.body;
    expect(Object.keys(tokens).sort()).toEqual(
      ["access_token", "expires_in", "id_token", "refresh_token", "scope", "token_type"].sort(),
    );
    expect(tokens.access_token).toMatch(/^ya29\./);
    expect(tokens.refresh_token).toMatch(/^1\/\//);
    expect(tokens).toMatchObject({ expires_in: 3599, token_type: "Bearer", scope: grantedScope });

    const [header, payload, signature] = String(tokens.id_token).split(".");
    expect(decodeJwtPart(header)).toEqual({ alg: "none", typ: "JWT" });
    expect(signature).toBe("");
    const claims = decodeJwtPart(payload);
    const nowS = Math.floor(server.context.clock.now() / 1000);
    expect(claims).toMatchObject({
      iss: "https://accounts.google.com",
      aud: CLIENT_ID,
      sub: "sam",
      email: "sam@example.com",
      email_verified: true,
      name: "Sam Sample",
      iat: nowS,
      exp: nowS + 3600,
    });

    const userinfo = await fetch(`${server.url}/google/oauth2/v3/userinfo`, {
      headers: { Authorization: `Bearer ${String(tokens.access_token)}` },
    });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toMatchObject({
      sub: "sam",
      name: "Sam Sample",
      given_name: "Sam",
      family_name: "Sample",
      email: "sam@example.com",
      email_verified: true,
      picture: expect.stringMatching(/^data:image\/svg\+xml,/),
    });

    const refreshed = await postForm(server.url, "/google/token", {
      grant_type: "refresh_token",
      refresh_token: String(tokens.refresh_token),
      client_id: CLIENT_ID,
      client_secret: SECRET,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
    expect(refreshed.body.access_token).toMatch(/^ya29\./);
    expect(refreshed.body.access_token).not.toBe(tokens.access_token);
    expect(refreshed.body).toMatchObject({
      expires_in: 3599,
      token_type: "Bearer",
      scope: grantedScope,
    });

    const revoke = await fetch(`${server.url}/google/revoke`, {
      method: "POST",
      body: new URLSearchParams({ token: String(tokens.refresh_token) }),
    });
    expect(revoke.status).toBe(200);
    expect(await revoke.text()).toBe("");

    const afterRevoke = await postForm(server.url, "/google/token", {
      grant_type: "refresh_token",
      refresh_token: String(tokens.refresh_token),
      client_id: CLIENT_ID,
      client_secret: SECRET,
    });
    expect(afterRevoke).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Token has been expired or revoked." },
    });
    // Revoking the refresh token ends the access tokens issued under it.
    const deadAccess = await fetch(`${server.url}/google/oauth2/v3/userinfo`, {
      headers: { Authorization: `Bearer ${String(refreshed.body.access_token)}` },
    });
    expect(deadAccess.status).toBe(401);
  });

  it("redirects a denial with access_denied and the state, without a code", async () => {
    const location = await authorizeOverHttp(server.url, { decision: "deny", state: "keep-me" });
    expect(Object.fromEntries(location.searchParams)).toEqual({
      state: "keep-me",
      error: "access_denied",
    });
  });

  it("echoes an awkward state byte for byte", async () => {
    const state = `a b&c=d/é"<x>'`;
    const location = await authorizeOverHttp(server.url, { state });
    expect(location.searchParams.get("state")).toBe(state);
  });

  it("keeps the redirect URI's own query when adding the code", async () => {
    const location = await authorizeOverHttp(server.url, {
      extra: { redirect_uri: "http://localhost:4000/cb?app=1" },
    });
    expect(location.searchParams.get("app")).toBe("1");
    expect(location.searchParams.get("code")).toMatch(/^4\/0A/);
  });

  it("gives no refresh token online and no id token without openid", async () => {
    const { refreshToken } = await signIn(server.url, { accessType: "online" });
    expect(refreshToken).toBeUndefined();
    const location = await authorizeOverHttp(server.url, { scope: DRIVE_READONLY });
    const { body } = await exchangeCode(server.url, location.searchParams.get("code") ?? "");
    expect(body.scope).toBe(DRIVE_READONLY);
    expect(body.id_token).toBeUndefined();
    expect(body.refresh_token).toMatch(/^1\/\//);
  });

  it("issues a second refresh token only with prompt=consent, as Google does", async () => {
    const first = await signIn(server.url, { user: "alex" });
    expect(first.refreshToken).toBeDefined();
    const again = await signIn(server.url, { user: "alex" });
    expect(again.refreshToken).toBeUndefined();
    const forced = await signIn(server.url, { user: "alex", prompt: "consent" });
    expect(forced.refreshToken).toMatch(/^1\/\//);
    expect(forced.refreshToken).not.toBe(first.refreshToken);
  });

  it("revoking an access token also ends its refresh token", async () => {
    const { accessToken, refreshToken } = await signIn(server.url);
    const revoke = await postForm(server.url, "/google/revoke", { token: accessToken });
    expect(revoke).toEqual({ status: 200, body: {} });
    const refresh = await postForm(server.url, "/google/token", {
      grant_type: "refresh_token",
      refresh_token: refreshToken ?? "",
      client_id: CLIENT_ID,
      client_secret: SECRET,
    });
    expect(refresh.body.error).toBe("invalid_grant");
    const again = await postForm(server.url, "/google/revoke", { token: accessToken });
    expect(again).toEqual({
      status: 400,
      body: { error: "invalid_token", error_description: "Token expired or revoked" },
    });
  });

  it("answers GET /google/revoke with 404 and an unknown token with invalid_token", async () => {
    expect((await fetch(`${server.url}/google/revoke?token=x`)).status).toBe(404);
    const unknown = await postForm(server.url, "/google/revoke", { token: "ya29.nope" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toBe("invalid_token");
  });

  it("answers prompt=none silently only after the user has consented", async () => {
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      redirect_uri: REDIRECT_URI,
      response_type: "code",
      scope: DRIVE_READONLY,
      state: "silent",
      prompt: "none",
    });
    const before = await fetch(`${server.url}/google/o/oauth2/v2/auth?${query}`, {
      redirect: "manual",
    });
    expect(before.status).toBe(302);
    expect(new URL(before.headers.get("location") ?? "").searchParams.get("error")).toBe(
      "login_required",
    );

    await signIn(server.url, { user: "sam", scope: DRIVE_READONLY, pkce: "none" });
    const after = await fetch(`${server.url}/google/o/oauth2/v2/auth?${query}`, {
      redirect: "manual",
    });
    const location = new URL(after.headers.get("location") ?? "");
    expect(location.searchParams.get("state")).toBe("silent");
    const { status, body } = await exchangeCode(
      server.url,
      location.searchParams.get("code") ?? "",
      {
        code_verifier: "",
      },
    );
    expect(status).toBe(200);
    const me = await fetch(`${server.url}/google/drive/v3/files?pageSize=1`, {
      headers: { Authorization: `Bearer ${String(body.access_token)}` },
    });
    expect(me.status).toBe(200);
  });
});
