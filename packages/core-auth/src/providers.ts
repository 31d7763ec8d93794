import { PlayerError } from "@player/core-runtime";
/** The cloud providers the player can sign in to. */
export type AuthProviderId = "google" | "microsoft";

/** The endpoint fields of an {@link AuthProviderPreset}; each one may be overridden. */
export type AuthProviderEndpoint =
  | "authorizationEndpoint"
  | "tokenEndpoint"
  | "revocationEndpoint"
  | "userInfoEndpoint";

/** Where and how to run OAuth 2.0 (authorization code + PKCE) against one provider. */
export interface AuthProviderPreset {
  /** Which provider this is. */
  readonly id: AuthProviderId;
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
}

/** Endpoints to replace in a preset, e.g. to point it at the dev-cloud emulator. */
export type AuthProviderOverrides = Partial<Record<AuthProviderEndpoint, string>>;

/** Google sign-in with read-only access to Drive. */
export const googleProvider: AuthProviderPreset = Object.freeze({
  id: "google",
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
});

/**
 * Microsoft identity platform sign-in (personal and work accounts) with
 * read access to OneDrive. Microsoft has no token revocation endpoint.
 */
export const microsoftProvider: AuthProviderPreset = Object.freeze({
  id: "microsoft",
  authorizationEndpoint: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
  tokenEndpoint: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
  revocationEndpoint: undefined,
  userInfoEndpoint: "https://graph.microsoft.com/v1.0/me",
  scopes: Object.freeze(["Files.Read", "offline_access", "User.Read"]),
});

const ENDPOINT_FIELDS: readonly AuthProviderEndpoint[] = [
  "authorizationEndpoint",
  "tokenEndpoint",
  "revocationEndpoint",
  "userInfoEndpoint",
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
    authorizationEndpoint: resolved.authorizationEndpoint ?? preset.authorizationEndpoint,
    tokenEndpoint: resolved.tokenEndpoint ?? preset.tokenEndpoint,
    revocationEndpoint: resolved.revocationEndpoint,
    userInfoEndpoint: resolved.userInfoEndpoint ?? preset.userInfoEndpoint,
    scopes: Object.freeze([...preset.scopes]),
  });
}

function isEndpointField(field: string): field is AuthProviderEndpoint {
  return (ENDPOINT_FIELDS as readonly string[]).includes(field);
}

function isAbsoluteHttpUrl(value: unknown): value is string {
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
