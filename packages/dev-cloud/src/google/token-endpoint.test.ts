import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  authorizeOverHttp,
  exchangeCode,
  postForm,
  REDIRECT_URI,
  VERIFIER,
} from "../test-support/google-sign-in.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

const CLIENT_ID = "dev-google-client.apps.googleusercontent.com";
const SECRET = "dev-google-secret";

describe("POST /google/token", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  async function freshCode(options: Parameters<typeof authorizeOverHttp>[1] = {}): Promise<string> {
    const location = await authorizeOverHttp(server.url, options);
    return location.searchParams.get("code") ?? "";
  }

  async function userinfoStatus(accessToken: unknown): Promise<number> {
    const response = await fetch(`${server.url}/google/oauth2/v3/userinfo`, {
      headers: { Authorization: `Bearer ${String(accessToken)}` },
    });
    return response.status;
  }

  it("refuses a Web-application code exchange without client_secret, even with PKCE", async () => {
    const code = await freshCode();
    const result = await exchangeCode(server.url, code, { client_secret: "" });
    expect(result).toEqual({
      status: 400,
      body: { error: "invalid_request", error_description: "client_secret is missing." },
    });
    // The refusal did not burn the code.
    expect((await exchangeCode(server.url, code)).status).toBe(200);
  });

  it("answers a wrong secret with 401 invalid_client and an unknown client likewise", async () => {
    const code = await freshCode();
    const wrong = await exchangeCode(server.url, code, { client_secret: "guess" });
    expect(wrong).toEqual({
      status: 401,
      body: { error: "invalid_client", error_description: "Unauthorized" },
    });
    const unknown = await exchangeCode(server.url, code, { client_id: "other.apps" });
    expect(unknown.status).toBe(401);
    expect(unknown.body.error_description).toBe("The OAuth client was not found.");
  });

  it("accepts the client credentials as HTTP Basic auth", async () => {
    const code = await freshCode();
    const response = await fetch(`${server.url}/google/token`, {
      method: "POST",
      headers: {
        Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${SECRET}`).toString("base64")}`,
      },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code,
        redirect_uri: REDIRECT_URI,
        code_verifier: VERIFIER,
      }),
    });
    expect(response.status).toBe(200);
  });

  it("refuses a wrong or missing PKCE verifier with invalid_grant", async () => {
    const code = await freshCode();
    const wrong = await exchangeCode(server.url, code, { code_verifier: `${VERIFIER}x` });
    expect(wrong).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Invalid code verifier." },
    });
    const missing = await exchangeCode(server.url, code, { code_verifier: "" });
    expect(missing.body).toEqual({
      error: "invalid_grant",
      error_description: "Missing code verifier.",
    });
  });

  it("refuses a verifier for a code that had no challenge", async () => {
    const code = await freshCode({ pkce: "none" });
    const result = await exchangeCode(server.url, code);
    expect(result.body).toEqual({
      error: "invalid_grant",
      error_description: "code_verifier or verifier is not needed.",
    });
  });

  it("treats a challenge without a method as plain", async () => {
    // Under S256 the verifier would have to hash to itself, so success proves plain.
    const code = await freshCode({ pkce: "plain-implicit" });
    expect((await exchangeCode(server.url, code)).status).toBe(200);
  });

  it("refuses a replayed code and revokes what the first exchange issued", async () => {
    const code = await freshCode();
    const first = await exchangeCode(server.url, code);
    expect(first.status).toBe(200);
    expect(await userinfoStatus(first.body.access_token)).toBe(200);

    const replay = await exchangeCode(server.url, code);
    expect(replay).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Bad Request" },
    });
    expect(await userinfoStatus(first.body.access_token)).toBe(401);
    const refresh = await postForm(server.url, "/google/token", {
      grant_type: "refresh_token",
      refresh_token: String(first.body.refresh_token),
      client_id: CLIENT_ID,
      client_secret: SECRET,
    });
    expect(refresh.body.error).toBe("invalid_grant");
  });

  it("expires codes after 10 minutes of server clock", async () => {
    const early = await freshCode();
    const late = await freshCode();
    server.context.clock.advance(9 * 60 * 1000);
    expect((await exchangeCode(server.url, early)).status).toBe(200);
    server.context.clock.advance(2 * 60 * 1000);
    expect(await exchangeCode(server.url, late)).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Bad Request" },
    });
  });

  it("answers an unknown code with Malformed auth code", async () => {
    const result = await exchangeCode(server.url, "4/0Anope");
    expect(result.body).toEqual({
      error: "invalid_grant",
      error_description: "Malformed auth code.",
    });
  });

  it("requires the same redirect_uri as the authorization request", async () => {
    const code = await freshCode();
    const result = await exchangeCode(server.url, code, {
      redirect_uri: "http://127.0.0.1:5173/other",
    });
    expect(result).toEqual({
      status: 400,
      body: { error: "redirect_uri_mismatch", error_description: "Bad Request" },
    });
  });

  it("rejects an unknown grant_type and an unknown refresh token", async () => {
    const grant = await postForm(server.url, "/google/token", { grant_type: "password" });
    expect(grant.body).toEqual({
      error: "unsupported_grant_type",
      error_description: "Invalid grant_type: password",
    });
    const refresh = await postForm(server.url, "/google/token", {
      grant_type: "refresh_token",
      refresh_token: "1//0nope",
      client_id: CLIENT_ID,
      client_secret: SECRET,
    });
    expect(refresh).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Token has been expired or revoked." },
    });
  });

  it("accepts a JSON body, as Google's endpoint does", async () => {
    const code = await freshCode();
    const response = await fetch(`${server.url}/google/token`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        grant_type: "authorization_code",
        code,
        client_id: CLIENT_ID,
        client_secret: SECRET,
        redirect_uri: REDIRECT_URI,
        code_verifier: VERIFIER,
      }),
    });
    expect(response.status).toBe(200);
  });
});

describe("POST /app/google/token (the host app's backend)", () => {
  let server: TestServer;

  beforeEach(async () => {
    server = await startTestServer();
  });

  afterEach(async () => {
    await server.close();
  });

  it("exchanges and refreshes without a secret from the browser", async () => {
    const location = await authorizeOverHttp(server.url);
    const exchanged = await postForm(server.url, "/app/google/token", {
      grant_type: "authorization_code",
      code: location.searchParams.get("code") ?? "",
      redirect_uri: REDIRECT_URI,
      code_verifier: VERIFIER,
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.access_token).toMatch(/^ya29\./);
    const refreshed = await postForm(server.url, "/app/google/token", {
      grant_type: "refresh_token",
      refresh_token: String(exchanged.body.refresh_token),
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh_token).toBeUndefined();
  });

  it("relays Google's errors unchanged and ignores a client_secret sent by the browser", async () => {
    const location = await authorizeOverHttp(server.url);
    const code = location.searchParams.get("code") ?? "";
    const badVerifier = await postForm(server.url, "/app/google/token", {
      grant_type: "authorization_code",
      code,
      redirect_uri: REDIRECT_URI,
      code_verifier: `${VERIFIER}x`,
      client_secret: "browser-made-this-up",
    });
    expect(badVerifier).toEqual({
      status: 400,
      body: { error: "invalid_grant", error_description: "Invalid code verifier." },
    });
  });
});
