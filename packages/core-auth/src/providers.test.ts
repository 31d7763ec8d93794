import { describe, expect, it } from "vitest";
import {
  type AuthProviderOverrides,
  devCloudEndpoints,
  googleProvider,
  isLoopbackHttpUrl,
  microsoftProvider,
  microsoftTenantProvider,
  resolveProvider,
} from "./providers.js";

describe("provider presets", () => {
  it("asks Google for OpenID profile data and read-only Drive access", () => {
    expect(googleProvider.id).toBe("google");
    expect(googleProvider.scopes.join(" ")).toBe(
      "openid email profile https://www.googleapis.com/auth/drive.readonly",
    );
    expect(googleProvider.authorizationEndpoint).toBe(
      "https://accounts.google.com/o/oauth2/v2/auth",
    );
    expect(googleProvider.tokenEndpoint).toBe("https://oauth2.googleapis.com/token");
    expect(googleProvider.revocationEndpoint).toBe("https://oauth2.googleapis.com/revoke");
  });

  it("uses the common Microsoft v2.0 endpoints, Graph /me and no revocation", () => {
    expect(microsoftProvider.id).toBe("microsoft");
    expect(microsoftProvider.scopes.join(" ")).toBe("Files.Read offline_access User.Read");
    expect(microsoftProvider.authorizationEndpoint).toBe(
      "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
    );
    expect(microsoftProvider.tokenEndpoint).toBe(
      "https://login.microsoftonline.com/common/oauth2/v2.0/token",
    );
    expect(microsoftProvider.userInfoEndpoint).toBe("https://graph.microsoft.com/v1.0/me");
    expect(microsoftProvider.revocationEndpoint).toBeUndefined();
  });

  it("cannot be mutated", () => {
    expect(Object.isFrozen(googleProvider)).toBe(true);
    expect(Object.isFrozen(googleProvider.scopes)).toBe(true);
    expect(Object.isFrozen(microsoftProvider)).toBe(true);
    expect(() => (googleProvider.scopes as string[]).push("x")).toThrow(TypeError);
  });
});

describe("resolveProvider", () => {
  it("replaces only the endpoints given and returns a frozen copy", () => {
    const resolved = resolveProvider(googleProvider, {
      tokenEndpoint: "http://127.0.0.1:4010/google/token",
      revocationEndpoint: "http://localhost:4010/google/revoke",
    });
    expect(resolved).not.toBe(googleProvider);
    expect(resolved.tokenEndpoint).toBe("http://127.0.0.1:4010/google/token");
    expect(resolved.revocationEndpoint).toBe("http://localhost:4010/google/revoke");
    expect(resolved.authorizationEndpoint).toBe(googleProvider.authorizationEndpoint);
    expect(resolved.userInfoEndpoint).toBe(googleProvider.userInfoEndpoint);
    expect(resolved.scopes).toEqual(googleProvider.scopes);
    expect(resolved.scopes).not.toBe(googleProvider.scopes);
    expect(Object.isFrozen(resolved)).toBe(true);
    expect(Object.isFrozen(resolved.scopes)).toBe(true);
    // The preset itself is untouched.
    expect(googleProvider.tokenEndpoint).toBe("https://oauth2.googleapis.com/token");
  });

  it("can give Microsoft a revocation endpoint and keeps it absent otherwise", () => {
    expect(resolveProvider(microsoftProvider).revocationEndpoint).toBeUndefined();
    expect(
      resolveProvider(microsoftProvider, { revocationEndpoint: "https://example.test/revoke" })
        .revocationEndpoint,
    ).toBe("https://example.test/revoke");
  });

  it.each([
    ["relative path", "/token"],
    ["scheme-less host", "127.0.0.1:4010/token"],
    ["non-http scheme", "ftp://127.0.0.1/token"],
    ["javascript URL", "javascript:alert(1)"],
    ["empty string", ""],
  ])("rejects a %s and names the field", (_label, value) => {
    expect(() => resolveProvider(googleProvider, { tokenEndpoint: value })).toThrow(
      /"tokenEndpoint" must be an absolute http\(s\) URL/,
    );
  });

  it("rejects a non-string value and names the field", () => {
    const overrides = { userInfoEndpoint: 42 } as unknown as AuthProviderOverrides;
    expect(() => resolveProvider(microsoftProvider, overrides)).toThrow(/"userInfoEndpoint"/);
  });

  it("rejects unknown keys, including __proto__", () => {
    const typo = { tokenEndpiont: "https://example.test" } as unknown as AuthProviderOverrides;
    expect(() => resolveProvider(googleProvider, typo)).toThrow(
      /Unknown provider override "tokenEndpiont"/,
    );
    const polluted = JSON.parse('{"__proto__": {"tokenEndpoint": "https://evil.test"}}');
    expect(() => resolveProvider(googleProvider, polluted)).toThrow(/"__proto__"/);
    expect(() => resolveProvider(googleProvider, polluted)).toThrow(
      expect.objectContaining({ code: "runtime/invalid-config", details: { key: "__proto__" } }),
    );
  });
});

describe("Microsoft tenants, issuers and the dev-cloud", () => {
  it("builds the endpoints of one tenant and rejects a tenant that is not a plain id", () => {
    const preset = microsoftTenantProvider("consumers");
    expect(preset.authorizationEndpoint).toBe(
      "https://login.microsoftonline.com/consumers/oauth2/v2.0/authorize",
    );
    expect(preset.tokenEndpoint).toBe(
      "https://login.microsoftonline.com/consumers/oauth2/v2.0/token",
    );
    expect(() => microsoftTenantProvider("../evil")).toThrow(
      expect.objectContaining({ code: "runtime/invalid-config" }),
    );
  });

  it("names Google's issuer and lets it be overridden", () => {
    expect(googleProvider.issuer).toBe("https://accounts.google.com");
    expect(resolveProvider(googleProvider, { issuer: "https://issuer.test" }).issuer).toBe(
      "https://issuer.test",
    );
    expect(googleProvider.authorizationParams).toEqual({
      access_type: "offline",
      prompt: "consent",
    });
  });

  it("points both presets at a dev-cloud origin", () => {
    const { google, microsoft } = devCloudEndpoints("http://127.0.0.1:8787/");
    expect(google).toEqual({
      authorizationEndpoint: "http://127.0.0.1:8787/google/o/oauth2/v2/auth",
      revocationEndpoint: "http://127.0.0.1:8787/google/revoke",
      userInfoEndpoint: "http://127.0.0.1:8787/google/oauth2/v3/userinfo",
      tokenExchangeEndpoint: "http://127.0.0.1:8787/app/google/token",
    });
    expect(microsoft).toEqual({
      authorizationEndpoint: "http://127.0.0.1:8787/microsoft/common/oauth2/v2.0/authorize",
      tokenEndpoint: "http://127.0.0.1:8787/microsoft/common/oauth2/v2.0/token",
      userInfoEndpoint: "http://127.0.0.1:8787/graph/v1.0/me",
    });
    expect(() => devCloudEndpoints("127.0.0.1:8787")).toThrow(/origin/);
  });

  it("knows which plain-http URLs are on the loopback interface", () => {
    expect(isLoopbackHttpUrl("http://127.0.0.1:1/x")).toBe(true);
    expect(isLoopbackHttpUrl("http://localhost/x")).toBe(true);
    expect(isLoopbackHttpUrl("http://[::1]:8/x")).toBe(true);
    expect(isLoopbackHttpUrl("http://127.0.0.1.evil.test/x")).toBe(false);
    expect(isLoopbackHttpUrl("https://127.0.0.1/x")).toBe(false);
    expect(isLoopbackHttpUrl("http://example.test/x")).toBe(false);
  });
});
