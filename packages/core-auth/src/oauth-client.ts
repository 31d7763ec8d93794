import type { FetchFunction } from "@player/core-runtime";
import * as oauth from "oauth4webapi";
import { type AuthProviderPreset, isLoopbackHttpUrl } from "./providers.js";

/** What {@link OAuthClient} needs for one provider. */
export interface OAuthClientOptions {
  /** The provider's endpoints, already resolved. */
  provider: AuthProviderPreset;
  clientId: string;
  /**
   * Where codes and refresh tokens are exchanged: the provider's token
   * endpoint (public clients), or the host app's backend (Google web clients).
   */
  tokenEndpoint: string;
  /** Extra form fields of every token request (Microsoft wants `scope`). */
  tokenParams?: Readonly<Record<string, string>>;
  fetch: FetchFunction;
  /** The player's clock, in ms; ID token times are checked against it. */
  now: () => number;
}

/** The parts of a token endpoint answer the player keeps. */
export interface TokenGrant {
  accessToken: string;
  refreshToken?: string;
  /** Lifetime of the access token in seconds, when the server said. */
  expiresIn?: number;
  scope?: string;
}

/** The query of an authorization request, besides the provider's own extras. */
export interface AuthorizationRequest {
  state: string;
  codeChallenge: string;
  redirectUri: string;
  /** Pre-fills the account to sign in with. */
  loginHint?: string;
}

/**
 * OAuth 2.0 authorization code + PKCE against one provider, on oauth4webapi.
 * Plain `http:` is only allowed for loopback endpoints (the dev-cloud).
 * Errors are oauth4webapi's; see `describeOAuthFailure`.
 */
export class OAuthClient {
  readonly #options: OAuthClientOptions;
  readonly #server: oauth.AuthorizationServer;

  constructor(options: OAuthClientOptions) {
    this.#options = options;
    const { provider } = options;
    this.#server = {
      issuer: provider.issuer,
      authorization_endpoint: provider.authorizationEndpoint,
      token_endpoint: options.tokenEndpoint,
      userinfo_endpoint: provider.userInfoEndpoint,
      // The ID token comes straight from the token endpoint and its signature is
      // not checked (nor used: identity comes from the profile endpoint). An
      // emulator on loopback has no key to sign with and sends `alg: none`.
      id_token_signing_alg_values_supported: isLoopbackHttpUrl(options.tokenEndpoint)
        ? ["RS256", "none"]
        : ["RS256"],
      ...(provider.revocationEndpoint === undefined
        ? {}
        : { revocation_endpoint: provider.revocationEndpoint }),
    };
  }

  /** Whether the provider can revoke tokens. */
  get canRevoke(): boolean {
    return this.#server.revocation_endpoint !== undefined;
  }

  /** The URL to open (popup or redirect) for the user to sign in and consent. */
  authorizationUrl(request: AuthorizationRequest): string {
    const { provider, clientId } = this.#options;
    const url = new URL(provider.authorizationEndpoint);
    const query = url.searchParams;
    query.set("client_id", clientId);
    query.set("redirect_uri", request.redirectUri);
    query.set("response_type", "code");
    query.set("scope", provider.scopes.join(" "));
    query.set("state", request.state);
    query.set("code_challenge", request.codeChallenge);
    query.set("code_challenge_method", "S256");
    for (const [name, value] of Object.entries(provider.authorizationParams)) {
      query.set(name, value);
    }
    if (request.loginHint !== undefined) query.set("login_hint", request.loginHint);
    return url.href;
  }

  /** Exchanges an authorization code (with its PKCE verifier) for tokens. */
  async exchangeCode(
    code: string,
    state: string,
    redirectUri: string,
    codeVerifier: string,
  ): Promise<TokenGrant> {
    const client = this.#client();
    // Brands the parameters for oauth4webapi; the state was checked by the caller already.
    const callback = oauth.validateAuthResponse(
      this.#server,
      client,
      new URLSearchParams({ code, state }),
      state,
    );
    const response = await oauth.authorizationCodeGrantRequest(
      this.#server,
      client,
      oauth.None(),
      callback,
      redirectUri,
      codeVerifier,
      this.#requestOptions(this.#options.tokenEndpoint),
    );
    return toGrant(await oauth.processAuthorizationCodeResponse(this.#server, client, response));
  }

  /** Trades a refresh token for a new access token (and, at Microsoft, a new refresh token). */
  async refresh(refreshToken: string): Promise<TokenGrant> {
    const client = this.#client();
    const response = await oauth.refreshTokenGrantRequest(
      this.#server,
      client,
      oauth.None(),
      refreshToken,
      this.#requestOptions(this.#options.tokenEndpoint),
    );
    return toGrant(await oauth.processRefreshTokenResponse(this.#server, client, response));
  }

  /** Revokes a token at the provider's revocation endpoint. */
  async revoke(token: string): Promise<void> {
    const endpoint = this.#server.revocation_endpoint;
    if (endpoint === undefined) return;
    const { additionalParameters: _params, ...options } = this.#requestOptions(endpoint);
    const response = await oauth.revocationRequest(
      this.#server,
      this.#client(),
      oauth.None(),
      token,
      options,
    );
    await oauth.processRevocationResponse(response);
  }

  #client(): oauth.Client {
    return {
      client_id: this.#options.clientId,
      // oauth4webapi reads the wall clock; this offset makes it use the player's clock.
      [oauth.clockSkew]: Math.round((this.#options.now() - Date.now()) / 1000),
    };
  }

  #requestOptions(endpoint: string): oauth.TokenEndpointRequestOptions {
    const fetch = this.#options.fetch;
    const options: oauth.TokenEndpointRequestOptions = {
      [oauth.customFetch]: (url, init) => fetch(url, init as RequestInit),
    };
    if (this.#options.tokenParams !== undefined) {
      options.additionalParameters = { ...this.#options.tokenParams };
    }
    if (isLoopbackHttpUrl(endpoint)) options[oauth.allowInsecureRequests] = true;
    return options;
  }
}

function toGrant(response: oauth.TokenEndpointResponse): TokenGrant {
  const grant: TokenGrant = { accessToken: response.access_token };
  if (response.refresh_token !== undefined) grant.refreshToken = response.refresh_token;
  if (response.expires_in !== undefined) grant.expiresIn = response.expires_in;
  if (response.scope !== undefined) grant.scope = response.scope;
  return grant;
}
