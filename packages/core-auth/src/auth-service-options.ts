import {
  type EventBus,
  type FetchFunction,
  type HttpClient,
  type Logger,
  PlayerError,
} from "@player/core-runtime";
import { OAuthClient } from "./oauth-client.js";
import {
  type AuthProviderId,
  type AuthProviderOverrides,
  type AuthProviderPreset,
  googleProvider,
  isAbsoluteHttpUrl,
  isLoopbackHttpUrl,
  microsoftTenantProvider,
  resolveProvider,
} from "./providers.js";
import type { TokenVault } from "./token-vault.js";

/**
 * Google "Web application" client. Google refuses a code exchange without
 * the client secret, so codes and refresh tokens go to the host app's
 * backend (`tokenExchangeEndpoint`), which adds the secret and forwards to
 * Google. Any preset endpoint except `tokenEndpoint` may be overridden.
 */
export interface GoogleClientConfig extends Omit<AuthProviderOverrides, "tokenEndpoint"> {
  clientId: string;
  /** Registered redirect URI of the callback page; the token request repeats it. */
  redirectUri: string;
  /** The host app's token-exchange endpoint (form POST, no secret; it answers like Google's). */
  tokenExchangeEndpoint: string;
  /** Drive v3 API base URL, for sync and streaming. Default `https://www.googleapis.com/drive/v3`. */
  apiBaseUrl?: string;
}

/** Microsoft public (SPA) client: PKCE, no secret. Any preset endpoint may be overridden. */
export interface MicrosoftClientConfig extends AuthProviderOverrides {
  clientId: string;
  /** Registered `spa` redirect URI of the callback page. */
  redirectUri: string;
  /** `common` (default), `organizations`, `consumers` or a tenant id. */
  tenant?: string;
  /** Microsoft Graph base URL, for sync and streaming. Default `https://graph.microsoft.com/v1.0`. */
  apiBaseUrl?: string;
}

/** The providers this player can sign in to; leave one out to disable it. */
export interface AuthProvidersConfig {
  google?: GoogleClientConfig;
  microsoft?: MicrosoftClientConfig;
}

/** Options of `AuthService`. Everything with a side effect is injected. */
export interface AuthServiceOptions {
  /** The worker's bus; `auth:*` events are emitted on it. */
  bus: EventBus;
  /** For profile calls (Google userinfo, Graph `/me`). */
  http: HttpClient;
  /**
   * `fetch` for token and revocation requests (oauth4webapi's `customFetch`).
   * Default `globalThis.fetch`. Microsoft's token endpoint only redeems SPA
   * codes cross-origin, with an `Origin` header: browsers add it themselves;
   * in Node pass `fetchWithOrigin(origin)`.
   */
  fetch?: FetchFunction;
  providers: AuthProvidersConfig;
  /** Where accounts, encrypted tokens and pending sign-ins are kept. */
  vault: TokenVault;
  /** Clock in ms since the epoch. Default `Date.now`. */
  now?: () => number;
  /** Receives debug/info/warn lines (scope `auth`); tokens and codes are never logged. */
  logger?: Logger;
  /** Refresh an access token that expires within this many ms. Default 60000. */
  refreshSkewMs?: number;
}

/** One configured provider, ready to use. */
export interface ProviderClient {
  provider: AuthProviderPreset;
  clientId: string;
  redirectUri: string;
  oauth: OAuthClient;
}

/**
 * Validates the provider configs and builds one {@link ProviderClient} each.
 *
 * @throws PlayerError `runtime/invalid-config` naming the key at fault.
 */
export function resolveProviderClients(
  config: AuthProvidersConfig,
  fetch: FetchFunction,
  now: () => number,
): Map<AuthProviderId, ProviderClient> {
  if (typeof config !== "object" || config === null) {
    throw invalid("providers", "providers must be an object.");
  }
  const clients = new Map<AuthProviderId, ProviderClient>();
  for (const key of Object.keys(config)) {
    if (key !== "google" && key !== "microsoft") {
      throw invalid(`providers.${key}`, `Unknown provider "${key}"; expected google or microsoft.`);
    }
  }
  if (config.google !== undefined) {
    const { clientId, redirectUri, tokenExchangeEndpoint, apiBaseUrl, ...overrides } =
      config.google;
    if ("tokenEndpoint" in overrides) {
      throw invalid(
        "providers.google.tokenEndpoint",
        "Google codes are exchanged by the host app: set tokenExchangeEndpoint instead.",
      );
    }
    checkUrl("providers.google.tokenExchangeEndpoint", tokenExchangeEndpoint);
    if (apiBaseUrl !== undefined) checkUrl("providers.google.apiBaseUrl", apiBaseUrl);
    const provider = checkedProvider("google", googleProvider, overrides);
    clients.set(
      "google",
      build(provider, "google", clientId, redirectUri, tokenExchangeEndpoint, fetch, now),
    );
  }
  if (config.microsoft !== undefined) {
    const { clientId, redirectUri, tenant, apiBaseUrl, ...overrides } = config.microsoft;
    if (apiBaseUrl !== undefined) checkUrl("providers.microsoft.apiBaseUrl", apiBaseUrl);
    const preset = microsoftTenantProvider(tenant ?? "common");
    const provider = checkedProvider("microsoft", preset, overrides);
    const client = build(
      provider,
      "microsoft",
      clientId,
      redirectUri,
      provider.tokenEndpoint,
      fetch,
      now,
      {
        scope: provider.scopes.join(" "),
      },
    );
    clients.set("microsoft", client);
  }
  return clients;
}

function build(
  provider: AuthProviderPreset,
  name: AuthProviderId,
  clientId: unknown,
  redirectUri: unknown,
  tokenEndpoint: string,
  fetch: FetchFunction,
  now: () => number,
  tokenParams?: Record<string, string>,
): ProviderClient {
  if (typeof clientId !== "string" || clientId.trim().length === 0) {
    throw invalid(
      `providers.${name}.clientId`,
      `providers.${name}.clientId must be a non-empty string.`,
    );
  }
  checkUrl(`providers.${name}.redirectUri`, redirectUri);
  const options = { provider, clientId, tokenEndpoint, fetch, now };
  const oauth = new OAuthClient(tokenParams === undefined ? options : { ...options, tokenParams });
  return { provider, clientId, redirectUri, oauth };
}

function checkedProvider(
  name: AuthProviderId,
  preset: AuthProviderPreset,
  overrides: AuthProviderOverrides,
): AuthProviderPreset {
  const provider = resolveProvider(preset, overrides);
  const endpoints = {
    authorizationEndpoint: provider.authorizationEndpoint,
    tokenEndpoint: provider.tokenEndpoint,
    userInfoEndpoint: provider.userInfoEndpoint,
    revocationEndpoint: provider.revocationEndpoint,
  };
  for (const [field, url] of Object.entries(endpoints)) {
    if (url !== undefined) checkUrl(`providers.${name}.${field}`, url);
  }
  return provider;
}

/** An absolute https URL, or plain http on the loopback interface only. */
function checkUrl(key: string, value: unknown): asserts value is string {
  if (!isAbsoluteHttpUrl(value)) {
    throw invalid(key, `${key} must be an absolute http(s) URL.`);
  }
  if (new URL(value).protocol === "http:" && !isLoopbackHttpUrl(value)) {
    throw invalid(key, `${key} must use https (plain http only on 127.0.0.1 or localhost).`);
  }
}

function invalid(key: string, message: string): PlayerError {
  return new PlayerError("runtime/invalid-config", message, { details: { key } });
}
