import { EventBus, HttpClient } from "@player/core-runtime";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { AuthService } from "./auth-service.js";
import type { AuthProvidersConfig } from "./auth-service-options.js";
import { TokenVault } from "./token-vault.js";

const google = {
  clientId: "g",
  redirectUri: "https://app.example/callback",
  tokenExchangeEndpoint: "https://app.example/api/google-token",
};
const microsoft = { clientId: "m", redirectUri: "https://app.example/callback" };

function build(providers: AuthProvidersConfig, extra: { refreshSkewMs?: number } = {}) {
  return new AuthService({
    bus: new EventBus(),
    http: new HttpClient(),
    vault: new TokenVault({ indexedDB: new IDBFactory(), IDBKeyRange }),
    providers,
    fetch: async () => new Response(""),
    ...extra,
  });
}

const invalidConfig = (key: string) =>
  expect.objectContaining({ code: "runtime/invalid-config", details: { key } });

describe("AuthService configuration", () => {
  it("accepts the real presets with https endpoints", () => {
    expect(build({ google, microsoft: { ...microsoft, tenant: "consumers" } }).providers).toEqual([
      "google",
      "microsoft",
    ]);
  });

  it("uses the tenant for Microsoft's endpoints", async () => {
    const auth = build({ microsoft: { ...microsoft, tenant: "organizations" } });
    const { url } = await auth.beginSignIn("microsoft");
    expect(url).toMatch(
      /^https:\/\/login\.microsoftonline\.com\/organizations\/oauth2\/v2\.0\/authorize\?/,
    );
  });

  it("refuses plain http outside the loopback interface", () => {
    expect(() =>
      build({ google: { ...google, tokenExchangeEndpoint: "http://app.example/token" } }),
    ).toThrow(invalidConfig("providers.google.tokenExchangeEndpoint"));
    expect(() =>
      build({ microsoft: { ...microsoft, tokenEndpoint: "http://login.example/token" } }),
    ).toThrow(invalidConfig("providers.microsoft.tokenEndpoint"));
    expect(() => build({ microsoft: { ...microsoft, redirectUri: "/callback" } })).toThrow(
      invalidConfig("providers.microsoft.redirectUri"),
    );
  });

  it("refuses a Google tokenEndpoint: Google codes go to the host's exchange endpoint", () => {
    const config = { ...google, tokenEndpoint: "https://oauth2.googleapis.com/token" };
    expect(() => build({ google: config as typeof google })).toThrow(
      invalidConfig("providers.google.tokenEndpoint"),
    );
  });

  it("refuses unknown providers, unknown keys and __proto__", () => {
    expect(() => build({ dropbox: {} } as unknown as AuthProvidersConfig)).toThrow(
      invalidConfig("providers.dropbox"),
    );
    expect(() =>
      build({ microsoft: { ...microsoft, clientSecret: "x" } as typeof microsoft }),
    ).toThrow(invalidConfig("clientSecret"));
    const polluted = JSON.parse(
      `{"clientId":"m","redirectUri":"https://a.example/cb","__proto__":{"tokenEndpoint":"https://evil.test"}}`,
    );
    expect(() => build({ microsoft: polluted })).toThrow(invalidConfig("__proto__"));
  });

  it("requires a client id and a sane refresh skew", () => {
    expect(() => build({ microsoft: { ...microsoft, clientId: " " } })).toThrow(
      invalidConfig("providers.microsoft.clientId"),
    );
    expect(() => build({ microsoft }, { refreshSkewMs: -1 })).toThrow(
      invalidConfig("refreshSkewMs"),
    );
  });
});
