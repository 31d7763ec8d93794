/**
 * AuthService against a real dev-cloud over HTTP on 127.0.0.1: consent pages,
 * token endpoints (Google through the host's exchange endpoint, Microsoft as a
 * SPA), profiles, refresh, revocation and the server clock.
 */
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AuthProvidersConfig } from "./auth-service-options.js";
import { fetchWithOrigin } from "./fetch-with-origin.js";
import { type AuthProviderId, devCloudEndpoints } from "./providers.js";
import { type AuthHarness, createAuthHarness, ManualClock } from "./test-support/auth-harness.js";
import { giveConsent } from "./test-support/consent-robot.js";
import { SecretRecorder } from "./test-support/secret-recorder.js";

const APP_ORIGIN = "http://127.0.0.1:5173";
const REDIRECT = `${APP_ORIGIN}/callback`;
const HOUR = 3_600_000;

let cloud: DevCloud;
beforeEach(async () => {
  cloud = await startDevCloud();
});
afterEach(async () => {
  await cloud.close();
});

interface CloudHarness extends AuthHarness {
  recorder: SecretRecorder;
  /** Begins a sign-in, lets the consent robot allow it as `user`, completes it. */
  signIn(provider: AuthProviderId, user: string): ReturnType<AuthHarness["auth"]["completeSignIn"]>;
  /** Begins a sign-in and consents, without completing it. */
  consent(provider: AuthProviderId, user: string): Promise<{ code: string; state: string }>;
  /** Moves the server clock and the service's clock together. */
  advance(ms: number): Promise<void>;
}

async function setUp(): Promise<CloudHarness> {
  const endpoints = devCloudEndpoints(cloud.url);
  const providers: AuthProvidersConfig = {
    google: {
      clientId: "dev-google-client.apps.googleusercontent.com",
      redirectUri: REDIRECT,
      ...endpoints.google,
    },
    microsoft: {
      clientId: "11111111-2222-3333-4444-555555555555",
      redirectUri: REDIRECT,
      ...endpoints.microsoft,
    },
  };
  const recorder = new SecretRecorder();
  const clock = new ManualClock(await cloud.admin.now());
  const harness = createAuthHarness({
    providers,
    // A page or worker sends Origin itself; Node's fetch does not.
    fetch: fetchWithOrigin(APP_ORIGIN, recorder.fetch),
    httpFetch: recorder.fetch,
    clock,
  });
  const consent = async (provider: AuthProviderId, user: string) => {
    const { url, state } = await harness.auth.beginSignIn(provider);
    const outcome = await giveConsent(url, { user });
    expect(outcome.error).toBeNull();
    expect(outcome.state).toBe(state);
    expect(`${outcome.location.origin}${outcome.location.pathname}`).toBe(REDIRECT);
    recorder.add(outcome.code);
    return { code: outcome.code ?? "", state };
  };
  return {
    ...harness,
    recorder,
    consent,
    async signIn(provider, user) {
      const { code, state } = await consent(provider, user);
      return harness.auth.completeSignIn(code, state);
    },
    async advance(ms) {
      await cloud.admin.advanceClock(ms);
      clock.advance(ms);
    },
  };
}

/** Token-endpoint POSTs of one grant type in the dev-cloud's request log. */
async function tokenPosts(grantType: string) {
  const log = await cloud.admin.requests();
  return log.filter(
    (entry) =>
      entry.method === "POST" && entry.grantType === grantType && /\/token$/.test(entry.path),
  );
}

/** Who the dev-cloud says owns `accessToken`. */
async function profileOf(provider: AuthProviderId, accessToken: string) {
  const path = provider === "google" ? "/google/oauth2/v3/userinfo" : "/graph/v1.0/me";
  const response = await fetch(`${cloud.url}${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("sign-in against the dev-cloud", () => {
  it.each([
    ["google", "alex", "Alex Example", "alex@example.com"],
    ["microsoft", "sam", "Sam Sample", "sam@example.com"],
  ] as const)(
    "signs in to %s as %s and stores the profile",
    async (provider, user, name, email) => {
      const { signIn, auth, events } = await setUp();
      const account = await signIn(provider, user);
      expect(account).toMatchObject({ provider, displayName: name, email, status: "signed-in" });
      expect(account.id).toBe(`${provider}:${account.subject}`);
      expect(await auth.listAccounts()).toEqual([account]);
      expect(events).toEqual([
        [
          "auth:signed-in",
          { account: { id: account.id, provider, displayName: name, email, status: "signed-in" } },
        ],
      ]);
      const token = await auth.getAccessToken(account.id);
      const profile = await profileOf(provider, token);
      expect(profile.status).toBe(200);
      expect(JSON.stringify(profile.body)).toContain(email);
    },
  );

  it("exchanges Google codes only through the host's endpoint, never with a secret from here", async () => {
    const { signIn } = await setUp();
    await signIn("google", "alex");
    const exchanges = await tokenPosts("authorization_code");
    expect(exchanges.map((entry) => entry.path)).toEqual(["/app/google/token"]);
    expect(exchanges[0]?.status).toBe(200);
  });

  it("refuses a wrong state, a completed state and a tampered verifier with the right codes", async () => {
    const { consent, auth, vault } = await setUp();
    const first = await consent("microsoft", "alex");
    await expect(auth.completeSignIn(first.code, "forged-state")).rejects.toMatchObject({
      code: "auth/invalid-state",
    });
    await auth.completeSignIn(first.code, first.state);
    await expect(auth.completeSignIn(first.code, first.state)).rejects.toMatchObject({
      code: "auth/state-reused",
    });

    for (const provider of ["google", "microsoft"] as const) {
      const attempt = await consent(provider, "sam");
      // Swap the stored verifier for another well-formed one.
      await vault.savePendingSignIn({
        state: attempt.state,
        provider,
        redirectUri: REDIRECT,
        codeVerifier: "x".repeat(64),
        createdAt: await cloud.admin.now(),
      });
      await expect(auth.completeSignIn(attempt.code, attempt.state)).rejects.toMatchObject({
        code: "auth/exchange-failed",
        details: { provider, reason: "oauth-error", error: "invalid_grant", status: 400 },
      });
    }
  });

  it("refuses a replayed code under a fresh state (the provider has redeemed it)", async () => {
    const { consent, auth } = await setUp();
    const first = await consent("microsoft", "alex");
    await auth.completeSignIn(first.code, first.state);
    const { state } = await auth.beginSignIn("microsoft");
    await expect(auth.completeSignIn(first.code, state)).rejects.toMatchObject({
      code: "auth/exchange-failed",
      details: { provider: "microsoft", error: "invalid_grant" },
    });
  });

  it("holds two accounts of one provider and one of the other, with their own tokens", async () => {
    const { signIn, auth } = await setUp();
    const alex = await signIn("google", "alex");
    const sam = await signIn("google", "sam");
    const alexMs = await signIn("microsoft", "alex");
    expect(new Set([alex.id, sam.id, alexMs.id]).size).toBe(3);
    expect((await auth.listAccounts()).map((account) => account.displayName)).toEqual([
      "Alex Example",
      "Sam Sample",
      "Alex Example",
    ]);
    const [a, s, m] = await Promise.all([
      auth.getAccessToken(alex.id),
      auth.getAccessToken(sam.id),
      auth.getAccessToken(alexMs.id),
    ]);
    expect((await profileOf("google", a)).body.email).toBe("alex@example.com");
    expect((await profileOf("google", s)).body.email).toBe("sam@example.com");
    expect((await profileOf("microsoft", m)).body.displayName).toBe("Alex Example");
  });
});

describe("tokens against the dev-cloud", () => {
  it.each(["google", "microsoft"] as const)("refreshes an expired %s token", async (provider) => {
    const { signIn, auth, advance } = await setUp();
    const account = await signIn(provider, "alex");
    const before = await auth.getAccessToken(account.id);
    await advance(HOUR);
    expect((await profileOf(provider, before)).status).toBe(401);
    const after = await auth.getAccessToken(account.id);
    expect(after).not.toBe(before);
    expect((await profileOf(provider, after)).status).toBe(200);
    expect(await tokenPosts("refresh_token")).toHaveLength(1);
  });

  it.each(["google", "microsoft"] as const)(
    "sends ONE refresh for 100 concurrent %s callers",
    async (provider) => {
      const { signIn, auth, advance } = await setUp();
      const account = await signIn(provider, "sam");
      await advance(HOUR + 1_000);
      const tokens = await Promise.all(
        Array.from({ length: 100 }, () => auth.getAccessToken(account.id)),
      );
      expect(new Set(tokens).size).toBe(1);
      const refreshes = await tokenPosts("refresh_token");
      expect(refreshes).toHaveLength(1);
      expect(refreshes[0]?.status).toBe(200);
    },
  );

  it("keeps Microsoft's rotating refresh tokens working across refreshes", async () => {
    const { signIn, auth, advance } = await setUp();
    const account = await signIn("microsoft", "alex");
    for (let round = 0; round < 3; round += 1) {
      await advance(HOUR);
      const token = await auth.getAccessToken(account.id);
      expect((await profileOf("microsoft", token)).status).toBe(200);
    }
    expect(await tokenPosts("refresh_token")).toHaveLength(3);
  });

  it("ends a Microsoft SPA session after 24 h: auth:session-expired and a fatal rejection", async () => {
    const { signIn, auth, advance, events } = await setUp();
    const account = await signIn("microsoft", "alex");
    events.length = 0;
    // Refreshing rotates the refresh token but does not move the 24 h window.
    await advance(23 * HOUR);
    await expect(auth.getAccessToken(account.id)).resolves.toEqual(expect.any(String));
    await advance(HOUR + 60_000);
    await expect(auth.getAccessToken(account.id)).rejects.toMatchObject({
      code: "auth/session-expired",
      fatal: true,
      retryable: false,
      details: { accountId: account.id, provider: "microsoft", error: "invalid_grant" },
    });
    expect(events).toEqual([
      ["auth:session-expired", { accountId: account.id, provider: "microsoft" }],
    ]);
    expect((await auth.getAccount(account.id))?.status).toBe("needs-sign-in");
  });

  it("signs out of Google by revoking: the old refresh token is refused afterwards", async () => {
    const { signIn, auth, vault, events } = await setUp();
    const account = await signIn("google", "alex");
    const refreshToken = (await vault.readTokens(account.id))?.refreshToken ?? "";
    expect(refreshToken).not.toBe("");
    await auth.signOut(account.id);
    expect(events.at(-1)).toEqual(["auth:signed-out", { accountId: account.id }]);
    const revokes = (await cloud.admin.requests()).filter(
      (entry) => entry.path === "/google/revoke",
    );
    expect(revokes.map((entry) => [entry.method, entry.status])).toEqual([["POST", 200]]);
    const retry = await fetch(`${cloud.url}/app/google/token`, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
    });
    expect(retry.status).toBe(400);
    expect(await retry.json()).toMatchObject({ error: "invalid_grant" });
    expect(await auth.listAccounts()).toEqual([]);
  });

  it("reports a failing token endpoint as a retryable auth/refresh-failed", async () => {
    const { signIn, auth, advance } = await setUp();
    const account = await signIn("microsoft", "alex");
    await advance(HOUR);
    await cloud.admin.setFaults([
      {
        route: "/microsoft/common/oauth2/v2.0/token",
        kind: "status",
        status: 503,
        probability: 1,
        times: 1,
      },
    ]);
    await expect(auth.getAccessToken(account.id)).rejects.toMatchObject({
      code: "auth/refresh-failed",
      retryable: true,
    });
    expect((await auth.getAccount(account.id))?.status).toBe("signed-in");
    await expect(auth.getAccessToken(account.id)).resolves.toEqual(expect.any(String));
  });
});

describe("secrets stay out of logs, events and errors", () => {
  it("logs a whole flow at debug level without any token, code or verifier", async () => {
    const { signIn, consent, auth, advance, logs, events, recorder } = await setUp();
    const google = await signIn("google", "alex");
    const microsoft = await signIn("microsoft", "sam");
    await advance(HOUR);
    await auth.getAccessToken(google.id);
    await auth.getAccessToken(microsoft.id);
    const failed = await consent("google", "sam");
    const errors: unknown[] = [];
    await auth.completeSignIn(failed.code, "wrong").catch((error: unknown) => errors.push(error));
    await auth.completeSignIn(failed.code, failed.state);
    await auth
      .completeSignIn(failed.code, failed.state)
      .catch((error: unknown) => errors.push(error));
    await advance(24 * HOUR);
    await auth.getAccessToken(microsoft.id).catch((error: unknown) => errors.push(error));
    await auth.signOut(google.id);

    expect(recorder.secrets.size).toBeGreaterThan(10);
    expect(logs.filter((record) => record.level === "debug").length).toBeGreaterThan(5);
    expect(errors).toHaveLength(3);
    const text = JSON.stringify({
      logs,
      events,
      errors: errors.map((error) => [String(error), (error as { toJSON(): unknown }).toJSON()]),
    });
    expect(recorder.leaksIn(text)).toEqual([]);
  });
});
