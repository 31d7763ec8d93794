import { type AuthProviderId, PlayerError } from "@player/core-runtime";

export type { AuthProviderId } from "@player/core-runtime";

/** The fields of an {@link AuthProviderPreset} that may be overridden (all URLs). */
export type AuthProviderEndpoint =
  | "authorizationEndpoint"
  | "tokenEndpoint"
  | "revocationEndpoint"
  | "userInfoEndpoint"
  | "issuer";

/** Where and how to run OAuth 2.0 (authorization code + PKCE) against one provider. */
export interface AuthProviderPreset {
  /** Which provider this is. */
  readonly id: AuthProviderId;
  /**
   * The issuer an ID token from this provider names (`iss`). Only checked when
   * the token endpoint returns an ID token (Google, because of the `openid` scope).
   */
  readonly issuer: string;
  /** Where the user is sent to sign in and consent. */
  readonly authorizationEndpoint: string;
  /** Where the authorization code and refresh tokens are exchanged for access tokens. */
  readonly tokenEndpoint: string;
  /** Where tokens are revoked on sign-out; `undefined` when the provider has none. */
  readonly revocationEndpoint: string | undefined;
  /** Where the signed-in user's profile (name, e-mail) is read. */
  readonly userInfoEndpoint: string;
  /** The scopes asked for at sign-in. */
  readonly scopes: readonly string[];
  /** Extra query parameters of the authorization request, e.g. Google's `access_type`. */
  readonly authorizationParams: Readonly<Record<string, string>>;
}

/** Endpoints to replace in a preset, e.g. to point it at the dev-cloud emulator. */
export type AuthProviderOverrides = Partial<Record<AuthProviderEndpoint, string>>;

/**
 * Google sign-in with read-only access to Drive. `access_type=offline` and
 * `prompt=consent` make Google issue a refresh token on every sign-in.
 */
export const googleProvider: AuthProviderPreset = Object.freeze({
  id: "google",
  issuer: "https://accounts.google.com",
  authorizationEndpoint: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenEndpoint: "https://oauth2.googleapis.com/token",
  revocationEndpoint: "https://oauth2.googleapis.com/revoke",
  userInfoEndpoint: "https://openidconnect.googleapis.com/v1/userinfo",
  scopes: Object.freeze([
    "openid",
    "email",
    "profile",
    "https://www.googleapis.com/auth/drive.readonly",
  ]),
  authorizationParams: Object.freeze({ access_type: "offline", prompt: "consent" }),
});

/**
 * Microsoft identity platform sign-in (personal and work accounts, tenant
 * `common`) with read access to OneDrive. Microsoft has no token revocation
 * endpoint. `prompt=select_account` lets a second account be added.
 */
export const microsoftProvider: AuthProviderPreset = microsoftTenantProvider("common");

/**
 * The Microsoft preset for one tenant: `common`, `organizations`, `consumers`
 * or a tenant id.
 *
 * @throws PlayerError `runtime/invalid-config` for a tenant that is not a plain name or id.
 */
export function microsoftTenantProvider(tenant: string): AuthProviderPreset {
  if (typeof tenant !== "string" || !/^[A-Za-z0-9][A-Za-z0-9.-]*$/.test(tenant)) {
    throw invalidOverride("tenant", `Microsoft tenant must be a tenant name or id.`);
  }
  const base = `https://login.microsoftonline.com/${tenant}`;
  return Object.freeze({
    id: "microsoft",
    issuer: `${base}/v2.0`,
    authorizationEndpoint: `${base}/oauth2/v2.0/authorize`,
    tokenEndpoint: `${base}/oauth2/v2.0/token`,
    revocationEndpoint: undefined,
    userInfoEndpoint: "https://graph.microsoft.com/v1.0/me",
    scopes: Object.freeze(["Files.Read", "offline_access", "User.Read"]),
    authorizationParams: Object.freeze({ prompt: "select_account" }),
  });
}

const ENDPOINT_FIELDS: readonly AuthProviderEndpoint[] = [
  "authorizationEndpoint",
  "tokenEndpoint",
  "revocationEndpoint",
  "userInfoEndpoint",
  "issuer",
];

/**
 * Returns a frozen copy of `preset` with the given endpoints replaced.
 *
 * @param preset - A provider preset such as {@link googleProvider}.
 * @param overrides - Endpoints to replace; each must be an absolute http(s) URL.
 * @throws PlayerError `runtime/invalid-config` naming the field when an override is unknown or not an absolute http(s) URL.
 *
 * @example
 * ```ts
 * const google = resolveProvider(googleProvider, {
 *   tokenEndpoint: "http://127.0.0.1:4010/google/token",
 * });
 * ```
 */
export function resolveProvider(
  preset: AuthProviderPreset,
  overrides: AuthProviderOverrides = {},
): AuthProviderPreset {
  if (typeof overrides !== "object" || overrides === null || Array.isArray(overrides)) {
    throw invalidOverride("(root)", "Provider overrides must be an object of endpoint URLs.");
  }
  const resolved: Record<AuthProviderEndpoint, string | undefined> = {
    authorizationEndpoint: preset.authorizationEndpoint,
    tokenEndpoint: preset.tokenEndpoint,
    revocationEndpoint: preset.revocationEndpoint,
    userInfoEndpoint: preset.userInfoEndpoint,
    issuer: preset.issuer,
  };
  for (const field of Object.keys(overrides)) {
    if (!isEndpointField(field)) {
      throw invalidOverride(
        field,
        `Unknown provider override "${field}"; expected one of ${ENDPOINT_FIELDS.join(", ")}.`,
      );
    }
    const value: unknown = overrides[field];
    if (value === undefined) continue;
    if (!isAbsoluteHttpUrl(value)) {
      throw invalidOverride(
        field,
        `Provider override "${field}" must be an absolute http(s) URL, got ${JSON.stringify(value)}.`,
      );
    }
    resolved[field] = value;
  }
  return Object.freeze({
    id: preset.id,
    issuer: resolved.issuer ?? preset.issuer,
    authorizationEndpoint: resolved.authorizationEndpoint ?? preset.authorizationEndpoint,
    tokenEndpoint: resolved.tokenEndpoint ?? preset.tokenEndpoint,
    revocationEndpoint: resolved.revocationEndpoint,
    userInfoEndpoint: resolved.userInfoEndpoint ?? preset.userInfoEndpoint,
    scopes: Object.freeze([...preset.scopes]),
    authorizationParams: Object.freeze({ ...preset.authorizationParams }),
  });
}

/**
 * The provider overrides that point both presets at a running dev-cloud
 * emulator (`startDevCloud().url`), including Google's host-side token
 * exchange endpoint.
 *
 * @example
 * ```ts
 * const { google, microsoft } = devCloudEndpoints(cloud.url);
 * new AuthService({ ..., providers: { google: { clientId, redirectUri, ...google } } });
 * ```
 */
export function devCloudEndpoints(origin: string): {
  google: Omit<AuthProviderOverrides, "tokenEndpoint"> & { tokenExchangeEndpoint: string };
  microsoft: AuthProviderOverrides;
} {
  if (!isAbsoluteHttpUrl(origin)) {
    throw invalidOverride("origin", `The dev-cloud origin must be an absolute http(s) URL.`);
  }
  const base = origin.replace(/\/+$/, "");
  return {
    google: {
      authorizationEndpoint: `${base}/google/o/oauth2/v2/auth`,
      revocationEndpoint: `${base}/google/revoke`,
      userInfoEndpoint: `${base}/google/oauth2/v3/userinfo`,
      tokenExchangeEndpoint: `${base}/app/google/token`,
    },
    microsoft: {
      authorizationEndpoint: `${base}/microsoft/common/oauth2/v2.0/authorize`,
      tokenEndpoint: `${base}/microsoft/common/oauth2/v2.0/token`,
      userInfoEndpoint: `${base}/graph/v1.0/me`,
    },
  };
}

/** True for an `http:` URL on the loopback interface (the only place plain HTTP is allowed). */
export function isLoopbackHttpUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return (
    url.protocol === "http:" &&
    (url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]")
  );
}

function isEndpointField(field: string): field is AuthProviderEndpoint {
  return (ENDPOINT_FIELDS as readonly string[]).includes(field);
}

/** True for an absolute `http:` or `https:` URL. */
export function isAbsoluteHttpUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === "http:" || url.protocol === "https:";
}

function invalidOverride(key: string, message: string): PlayerError {
  return new PlayerError("runtime/invalid-config", message, { details: { key } });
}
