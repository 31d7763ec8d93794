import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevCloud, startDevCloud } from "../server.js";
import { approveSignIn } from "./approve-sign-in.js";

let cloud: DevCloud;
beforeAll(async () => {
  cloud = await startDevCloud({ port: 0, tracks: 2 });
});
afterAll(async () => {
  await cloud?.close();
});

function authorizeUrl(provider: "google" | "microsoft", state: string): string {
  const url =
    provider === "google"
      ? new URL(`${cloud.url}/google/o/oauth2/v2/auth`)
      : new URL(`${cloud.url}/microsoft/common/oauth2/v2.0/authorize`);
  url.search = new URLSearchParams({
    client_id:
      provider === "google"
        ? "dev-google-client.apps.googleusercontent.com"
        : "11111111-2222-3333-4444-555555555555",
    redirect_uri: "http://127.0.0.1:5173/callback.html",
    response_type: "code",
    scope: provider === "google" ? "openid email profile" : "Files.Read offline_access User.Read",
    state,
    code_challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    code_challenge_method: "S256",
  }).toString();
  return url.href;
}

describe("approveSignIn", () => {
  it.each(["google", "microsoft"] as const)(
    "allows %s sign-in and returns code and state",
    async (provider) => {
      const approval = await approveSignIn(authorizeUrl(provider, `s-${provider}`), {
        user: "sam",
      });
      expect(approval.location.startsWith("http://127.0.0.1:5173/callback.html?")).toBe(true);
      expect(approval.code).toMatch(/.{10,}/);
      expect(approval.state).toBe(`s-${provider}`);
      expect(approval.error).toBeUndefined();
    },
  );

  it("denies when asked to", async () => {
    const approval = await approveSignIn(authorizeUrl("google", "s-deny"), { decision: "deny" });
    expect(approval).toMatchObject({ code: undefined, state: "s-deny", error: "access_denied" });
  });

  it("fails clearly when the authorize request is refused", async () => {
    await expect(
      approveSignIn(`${cloud.url}/google/o/oauth2/v2/auth?client_id=nobody`),
    ).rejects.toThrow(/consent page answered 400/);
  });
});
