import { PlayerError } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import { SIGN_IN_TIMEOUT_MS } from "./auth-service.js";
import type { AuthProvidersConfig } from "./auth-service-options.js";
import { createAuthHarness } from "./test-support/auth-harness.js";
import { FakeOAuthServer, fakeEndpoints, json } from "./test-support/fake-oauth-server.js";

const REDIRECT = "http://127.0.0.1:5173/callback";
const providers: AuthProvidersConfig = {
  google: { clientId: "g-client", redirectUri: REDIRECT, ...fakeEndpoints.google },
  microsoft: { clientId: "m-client", redirectUri: REDIRECT, ...fakeEndpoints.microsoft },
};
const alex = { subject: "alex-1", name: "Alex Example", email: "alex@example.com" };

function setUp() {
  const server = new FakeOAuthServer();
  const code = server.addPerson(alex);
  const harness = createAuthHarness({ providers, fetch: server.fetch });
  return { server, code, ...harness };
}

async function sha256Base64Url(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Buffer.from(digest).toString("base64url");
}

describe("AuthService.beginSignIn", () => {
  it("builds Google's authorize URL with PKCE S256, state, offline access and consent", async () => {
    const { auth } = setUp();
    const request = await auth.beginSignIn("google");
    const url = new URL(request.url);
    expect(request.provider).toBe("google");
    expect(`${url.origin}${url.pathname}`).toBe(fakeEndpoints.google.authorizationEndpoint);
    const query = Object.fromEntries(url.searchParams);
    expect(query).toMatchObject({
      client_id: "g-client",
      redirect_uri: REDIRECT,
      response_type: "code",
      scope: "openid email profile https://www.googleapis.com/auth/drive.readonly",
      state: request.state,
      code_challenge_method: "S256",
      access_type: "offline",
      prompt: "consent",
    });
    expect(query.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(request.state.length).toBeGreaterThanOrEqual(32);
  });

  it("asks Microsoft for Files.Read offline_access User.Read and passes a login hint", async () => {
    const { auth } = setUp();
    const { url } = await auth.beginSignIn("microsoft", { loginHint: "sam@example.com" });
    const query = new URL(url).searchParams;
    expect(query.get("scope")).toBe("Files.Read offline_access User.Read");
    expect(query.get("login_hint")).toBe("sam@example.com");
    expect(query.get("access_type")).toBeNull();
  });

  it("makes a new state and verifier every time", async () => {
    const { auth } = setUp();
    const a = new URL((await auth.beginSignIn("google")).url).searchParams;
    const b = new URL((await auth.beginSignIn("google")).url).searchParams;
    expect(a.get("state")).not.toBe(b.get("state"));
    expect(a.get("code_challenge")).not.toBe(b.get("code_challenge"));
  });

  it("rejects a provider without a client configuration", async () => {
    const server = new FakeOAuthServer();
    const { auth } = createAuthHarness({
      providers: { microsoft: providers.microsoft },
      fetch: server.fetch,
    });
    expect(auth.providers).toEqual(["microsoft"]);
    await expect(auth.beginSignIn("google")).rejects.toMatchObject({
      code: "auth/provider-not-configured",
    });
  });
});

describe("AuthService.completeSignIn", () => {
  it("exchanges the code with the verifier whose challenge was sent, stores the account, emits", async () => {
    const { auth, server, code, events } = setUp();
    const { url, state } = await auth.beginSignIn("google");
    const account = await auth.completeSignIn(code, state);

    expect(account).toMatchObject({
      id: "google:alex-1",
      provider: "google",
      subject: "alex-1",
      displayName: "Alex Example",
      email: "alex@example.com",
      status: "signed-in",
    });
    const [exchange] = server.requestsTo("/app/google/token");
    expect(exchange?.form.get("grant_type")).toBe("authorization_code");
    expect(exchange?.form.get("redirect_uri")).toBe(REDIRECT);
    expect(exchange?.form.has("client_secret")).toBe(false);
    const verifier = exchange?.form.get("code_verifier") ?? "";
    expect(await sha256Base64Url(verifier)).toBe(new URL(url).searchParams.get("code_challenge"));
    expect(events).toEqual([
      [
        "auth:signed-in",
        {
          account: {
            id: "google:alex-1",
            provider: "google",
            displayName: "Alex Example",
            email: "alex@example.com",
            status: "signed-in",
          },
        },
      ],
    ]);
    expect(await auth.listAccounts()).toEqual([account]);
  });

  it("sends Microsoft's scope with the code and keeps the profile from Graph /me", async () => {
    const { auth, server, code } = setUp();
    const { state } = await auth.beginSignIn("microsoft");
    const account = await auth.completeSignIn(code, state);
    expect(account.id).toBe("microsoft:alex-1");
    expect(account.email).toBe("alex@example.com");
    expect(server.requestsTo("/microsoft/token")[0]?.form.get("scope")).toBe(
      "Files.Read offline_access User.Read",
    );
  });

  it("refuses an unknown state without any request", async () => {
    const { auth, server, code } = setUp();
    await auth.beginSignIn("google");
    await expect(auth.completeSignIn(code, "not-a-state")).rejects.toMatchObject({
      code: "auth/invalid-state",
    });
    expect(server.requests).toEqual([]);
  });

  it("refuses a state older than 10 minutes (injected clock)", async () => {
    const { auth, server, code, clock } = setUp();
    const { state } = await auth.beginSignIn("google");
    clock.advance(SIGN_IN_TIMEOUT_MS + 1);
    await expect(auth.completeSignIn(code, state)).rejects.toMatchObject({
      code: "auth/state-expired",
    });
    expect(server.requests).toEqual([]);
  });

  it("accepts a state exactly 10 minutes old", async () => {
    const { auth, code, clock } = setUp();
    const { state } = await auth.beginSignIn("google");
    clock.advance(SIGN_IN_TIMEOUT_MS);
    await expect(auth.completeSignIn(code, state)).resolves.toMatchObject({ id: "google:alex-1" });
  });

  it("refuses a state used before, even after it failed, and tells it from an unknown one", async () => {
    const { auth, server, code } = setUp();
    const { state } = await auth.beginSignIn("google");
    await auth.completeSignIn(code, state);
    await expect(auth.completeSignIn(code, state)).rejects.toMatchObject({
      code: "auth/state-reused",
    });
    const second = await auth.beginSignIn("google");
    server.nextTokenAnswers.push(() => json(503, { error: "temporarily_unavailable" }));
    await expect(auth.completeSignIn(code, second.state)).rejects.toMatchObject({
      code: "auth/exchange-failed",
    });
    await expect(auth.completeSignIn(code, second.state)).rejects.toMatchObject({
      code: "auth/state-reused",
    });
  });

  it("lets two concurrent completions of one state exchange the code only once", async () => {
    const { auth, server, code } = setUp();
    const { state } = await auth.beginSignIn("microsoft");
    const results = await Promise.allSettled([
      auth.completeSignIn(code, state),
      auth.completeSignIn(code, state),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(server.requestsTo("/token")).toHaveLength(1);
  });

  it("finishes a sign-in begun before a worker restart (the attempt is persisted)", async () => {
    const { auth, code, restart } = setUp();
    const { state } = await auth.beginSignIn("google");
    auth.destroy();
    const restarted = restart();
    await expect(restarted.completeSignIn(code, state)).resolves.toMatchObject({
      displayName: "Alex Example",
    });
    await expect(auth.listAccounts()).rejects.toMatchObject({ code: "runtime/disposed" });
  });

  it("maps an OAuth error to auth/exchange-failed with the provider's words, not the code", async () => {
    const { auth, server, code } = setUp();
    const { state } = await auth.beginSignIn("google");
    server.nextTokenAnswers.push(() =>
      json(400, { error: "invalid_grant", error_description: "Invalid code verifier." }),
    );
    const error = await auth.completeSignIn(code, state).catch((caught: unknown) => caught);
    expect(PlayerError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({
      code: "auth/exchange-failed",
      retryable: false,
      details: {
        provider: "google",
        reason: "oauth-error",
        error: "invalid_grant",
        description: "Invalid code verifier.",
        status: 400,
      },
    });
    expect(JSON.stringify((error as PlayerError).toJSON())).not.toContain(code);
  });

  it("maps a token endpoint that cannot be reached to auth/exchange-failed (network)", async () => {
    const { auth, server, code } = setUp();
    const { state } = await auth.beginSignIn("google");
    server.nextTokenAnswers.push(() => Promise.reject(new TypeError("fetch failed")));
    await expect(auth.completeSignIn(code, state)).rejects.toMatchObject({
      code: "auth/exchange-failed",
      details: { provider: "google", reason: "network" },
    });
  });

  it("fails with auth/profile-failed when the profile cannot be read, and gives the grant back", async () => {
    const { auth, server, code } = setUp();
    const { state } = await auth.beginSignIn("google");
    server.profileAnswer = () => json(500, { error: "backend" });
    await expect(auth.completeSignIn(code, state)).rejects.toMatchObject({
      code: "auth/profile-failed",
      details: { provider: "google", status: 500 },
    });
    const [revoke] = server.requestsTo("/google/revoke");
    expect(revoke?.form.get("token")).toMatch(/^rt-/);
    expect(await auth.listAccounts()).toEqual([]);
  });

  it("fails with auth/profile-failed when the profile has no subject", async () => {
    const { auth, server, code } = setUp();
    const { state } = await auth.beginSignIn("microsoft");
    server.profileAnswer = () => json(200, { displayName: "Nobody" });
    await expect(auth.completeSignIn(code, state)).rejects.toMatchObject({
      code: "auth/profile-failed",
    });
  });

  it("updates the account when the same person signs in again, keeping addedAt", async () => {
    const { auth, code, clock } = setUp();
    const first = await auth.completeSignIn(code, (await auth.beginSignIn("google")).state);
    clock.advance(5_000);
    const again = await auth.completeSignIn(code, (await auth.beginSignIn("google")).state);
    expect(again.addedAt).toBe(first.addedAt);
    expect(again.updatedAt).toBe(first.updatedAt + 5_000);
    expect(await auth.listAccounts()).toHaveLength(1);
  });

  it("holds several accounts on both providers at once", async () => {
    const { auth, server, code } = setUp();
    const samCode = server.addPerson({ subject: "sam-2", name: "Sam Sample", email: "s@x.test" });
    await auth.completeSignIn(code, (await auth.beginSignIn("google")).state);
    await auth.completeSignIn(samCode, (await auth.beginSignIn("google")).state);
    await auth.completeSignIn(code, (await auth.beginSignIn("microsoft")).state);
    const ids = (await auth.listAccounts()).map((account) => account.id);
    expect(ids.sort()).toEqual(["google:alex-1", "google:sam-2", "microsoft:alex-1"]);
  });

  it("checks its arguments", async () => {
    const { auth } = setUp();
    await expect(auth.completeSignIn("", "s")).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
    await expect(auth.completeSignIn("c", 42 as unknown as string)).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
  });
});
