import { describe, expect, it } from "vitest";
import type { AuthProvidersConfig } from "./auth-service-options.js";
import type { AuthProviderId } from "./providers.js";
import { createAuthHarness } from "./test-support/auth-harness.js";
import {
  FakeOAuthServer,
  fakeEndpoints,
  holdAnswer,
  json,
} from "./test-support/fake-oauth-server.js";

const REDIRECT = "http://127.0.0.1:5173/callback";
const providers: AuthProvidersConfig = {
  google: { clientId: "g-client", redirectUri: REDIRECT, ...fakeEndpoints.google },
  microsoft: { clientId: "m-client", redirectUri: REDIRECT, ...fakeEndpoints.microsoft },
};
const HOUR = 3_600_000;

async function signedIn(provider: AuthProviderId) {
  const server = new FakeOAuthServer();
  server.rotateRefreshTokens = provider === "microsoft";
  const code = server.addPerson({ subject: "p1", name: "Pat", email: "pat@example.com" });
  const harness = createAuthHarness({ providers, fetch: server.fetch });
  const { state } = await harness.auth.beginSignIn(provider);
  const account = await harness.auth.completeSignIn(code, state);
  harness.events.length = 0;
  return { server, account, ...harness };
}

const tokenPosts = (server: FakeOAuthServer) =>
  server.requests.filter((request) => request.form.get("grant_type") === "refresh_token");

describe("AuthService.getAccessToken", () => {
  it("returns the stored token while it is valid beyond the 60 s skew", async () => {
    const { auth, account, server, clock } = await signedIn("google");
    const first = await auth.getAccessToken(account.id);
    expect(first).toMatch(/^at-p1-/);
    clock.advance(HOUR - 61_000);
    expect(await auth.getAccessToken(account.id)).toBe(first);
    expect(tokenPosts(server)).toHaveLength(0);
  });

  it("refreshes once the token expires within the skew, and keeps Google's refresh token", async () => {
    const { auth, account, server, clock } = await signedIn("google");
    const first = await auth.getAccessToken(account.id);
    clock.advance(HOUR - 60_000);
    const second = await auth.getAccessToken(account.id);
    expect(second).not.toBe(first);
    clock.advance(HOUR);
    await auth.getAccessToken(account.id);
    const posts = tokenPosts(server);
    expect(posts).toHaveLength(2);
    expect(posts[0]?.url).toBe(fakeEndpoints.google.tokenExchangeEndpoint);
    // Google sends no new refresh token: the first one is used again.
    expect(posts[1]?.form.get("refresh_token")).toBe(posts[0]?.form.get("refresh_token"));
  });

  it("stores the new refresh token Microsoft sends with every refresh", async () => {
    const { auth, account, server, clock } = await signedIn("microsoft");
    clock.advance(HOUR);
    await auth.getAccessToken(account.id);
    clock.advance(HOUR);
    await auth.getAccessToken(account.id);
    const [first, second] = tokenPosts(server);
    expect(second?.form.get("refresh_token")).not.toBe(first?.form.get("refresh_token"));
    expect(second?.form.get("scope")).toBe("Files.Read offline_access User.Read");
  });

  it("shares one refresh among concurrent callers (single flight)", async () => {
    const { auth, account, server, clock } = await signedIn("microsoft");
    clock.advance(HOUR);
    const held = holdAnswer();
    server.nextTokenAnswers.push(held.answer);
    const calls = Array.from({ length: 20 }, () => auth.getAccessToken(account.id));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(tokenPosts(server)).toHaveLength(1);
    held.release(json(200, { access_token: "fresh-at", token_type: "Bearer", expires_in: 3600 }));
    expect(new Set(await Promise.all(calls))).toEqual(new Set(["fresh-at"]));
    expect(tokenPosts(server)).toHaveLength(1);
    // The next caller after the flight reads the stored token.
    expect(await auth.getAccessToken(account.id)).toBe("fresh-at");
    expect(tokenPosts(server)).toHaveLength(1);
  });

  it("forceRefresh refreshes a token that still looks valid, once for all forced callers", async () => {
    const { auth, account, server } = await signedIn("google");
    const refused = await auth.getAccessToken(account.id);
    const forced = await Promise.all(
      Array.from({ length: 10 }, () => auth.getAccessToken(account.id, { forceRefresh: true })),
    );
    expect(new Set(forced).size).toBe(1);
    expect(forced[0]).not.toBe(refused);
    expect(tokenPosts(server)).toHaveLength(1);
    // Without the flag, the fresh token is served from the vault.
    expect(await auth.getAccessToken(account.id)).toBe(forced[0]);
    expect(tokenPosts(server)).toHaveLength(1);
  });

  it("keeps flights of different accounts apart", async () => {
    const { auth, account, server, clock } = await signedIn("google");
    const samCode = server.addPerson({ subject: "p2", name: "Sam", email: "sam@example.com" });
    const sam = await auth.completeSignIn(samCode, (await auth.beginSignIn("google")).state);
    clock.advance(HOUR);
    const [a, b] = await Promise.all([
      auth.getAccessToken(account.id),
      auth.getAccessToken(sam.id),
    ]);
    expect(a).toMatch(/^at-p1-/);
    expect(b).toMatch(/^at-p2-/);
    expect(tokenPosts(server)).toHaveLength(2);
  });

  it("turns a refused refresh into auth/session-expired, once, and marks the account", async () => {
    const { auth, account, server, clock, events } = await signedIn("microsoft");
    clock.advance(HOUR);
    server.nextTokenAnswers.push(() =>
      json(400, { error: "invalid_grant", error_description: "AADSTS700084: expired" }),
    );
    const calls = [auth.getAccessToken(account.id), auth.getAccessToken(account.id)];
    for (const call of calls) {
      await expect(call).rejects.toMatchObject({
        code: "auth/session-expired",
        fatal: true,
        retryable: false,
        details: { accountId: account.id, provider: "microsoft", error: "invalid_grant" },
      });
    }
    expect(events).toEqual([
      ["auth:session-expired", { accountId: account.id, provider: "microsoft" }],
    ]);
    expect((await auth.getAccount(account.id))?.status).toBe("needs-sign-in");
    // Later calls fail at once, without a request or another event.
    await expect(auth.getAccessToken(account.id)).rejects.toMatchObject({
      code: "auth/session-expired",
    });
    expect(tokenPosts(server)).toHaveLength(1);
    expect(events).toHaveLength(1);
  });

  it("signs a needs-sign-in account in again as signed-in", async () => {
    const { auth, account, server, clock } = await signedIn("google");
    clock.advance(HOUR);
    server.nextTokenAnswers.push(() => json(400, { error: "invalid_grant" }));
    await expect(auth.getAccessToken(account.id)).rejects.toThrow();
    const again = await auth.completeSignIn("code-p1", (await auth.beginSignIn("google")).state);
    expect(again.status).toBe("signed-in");
    expect(await auth.getAccessToken(account.id)).toMatch(/^at-p1-/);
  });

  it.each([
    ["a 503", () => json(503, { error: "temporarily_unavailable" }), true],
    ["a 500 without a body", () => new Response("oops", { status: 500 }), true],
    ["a network failure", () => Promise.reject(new TypeError("fetch failed")), true],
    ["an invalid_client", () => json(401, { error: "invalid_client" }), false],
  ])("reports %s as auth/refresh-failed and keeps the account", async (_label, answer, retry) => {
    const { auth, account, server, clock, events } = await signedIn("google");
    clock.advance(HOUR);
    server.nextTokenAnswers.push(answer);
    await expect(auth.getAccessToken(account.id)).rejects.toMatchObject({
      code: "auth/refresh-failed",
      retryable: retry,
      fatal: false,
    });
    expect(events).toEqual([]);
    expect((await auth.getAccount(account.id))?.status).toBe("signed-in");
    // The next call tries again and succeeds.
    await expect(auth.getAccessToken(account.id)).resolves.toMatch(/^at-p1-/);
  });

  it("rejects an unknown account with auth/unknown-account", async () => {
    const { auth } = await signedIn("google");
    await expect(auth.getAccessToken("google:nobody")).rejects.toMatchObject({
      code: "auth/unknown-account",
      details: { accountId: "google:nobody" },
    });
    await expect(auth.getAccessToken(7 as unknown as string)).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
  });
});

describe("AuthService.signOut", () => {
  it("revokes Google's refresh token, deletes the account and emits auth:signed-out", async () => {
    const { auth, account, server, events, vault } = await signedIn("google");
    const stored = await vault.readTokens(account.id);
    expect(stored?.refreshToken).toMatch(/^rt-p1-/);
    await auth.signOut(account.id);
    const [revoke] = server.requestsTo("/google/revoke");
    expect(revoke?.form.get("token")).toBe(stored?.refreshToken);
    expect(await auth.listAccounts()).toEqual([]);
    expect(await vault.readTokens(account.id)).toBeUndefined();
    expect(events).toEqual([["auth:signed-out", { accountId: account.id }]]);
    await expect(auth.getAccessToken(account.id)).rejects.toMatchObject({
      code: "auth/unknown-account",
    });
  });

  it("signs out even when revocation fails, and logs it", async () => {
    const { auth, account, server, logs } = await signedIn("google");
    server.revokeAnswer = () => json(400, { error: "invalid_token" });
    await auth.signOut(account.id);
    expect(await auth.listAccounts()).toEqual([]);
    expect(
      logs.some((record) => record.level === "warn" && /Revocation failed/.test(record.message)),
    ).toBe(true);
  });

  it("sends nothing to Microsoft, which has no revocation", async () => {
    const { auth, account, server } = await signedIn("microsoft");
    const before = server.requests.length;
    await auth.signOut(account.id);
    expect(server.requests.length).toBe(before);
    await expect(auth.signOut(account.id)).rejects.toMatchObject({ code: "auth/unknown-account" });
  });

  it("waits for a refresh under way and does not let it bring tokens back", async () => {
    const { auth, account, server, clock, vault } = await signedIn("microsoft");
    clock.advance(HOUR);
    const held = holdAnswer();
    server.nextTokenAnswers.push(held.answer);
    const refreshing = auth.getAccessToken(account.id);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const signingOut = auth.signOut(account.id);
    held.release(json(200, { access_token: "late", token_type: "Bearer", expires_in: 3600 }));
    await expect(refreshing).resolves.toBe("late");
    await signingOut;
    expect(await vault.readTokens(account.id)).toBeUndefined();
    expect(await vault.getAccount(account.id)).toBeUndefined();
  });
});

describe("secrets in logs (fake provider)", () => {
  it("writes no token, code or verifier into debug logs, events or errors", async () => {
    const { auth, account, server, clock, logs, events } = await signedIn("google");
    clock.advance(HOUR);
    await auth.getAccessToken(account.id);
    server.nextTokenAnswers.push(() => json(400, { error: "invalid_grant" }));
    clock.advance(HOUR);
    const error = await auth.getAccessToken(account.id).catch((caught: unknown) => caught);
    const secrets = [
      ...server.mintedTokens,
      "code-p1",
      ...server.requests.map((request) => request.form.get("code_verifier") ?? "").filter(Boolean),
    ];
    expect(secrets.length).toBeGreaterThan(3);
    const text = JSON.stringify({ logs, events, error: (error as { toJSON(): unknown }).toJSON() });
    expect(logs.some((record) => record.level === "debug")).toBe(true);
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
  });
});
