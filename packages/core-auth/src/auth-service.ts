import {
  type EventBus,
  type HttpClient,
  type Logger,
  PlayerError,
  requireString,
} from "@player/core-runtime";
import * as oauth from "oauth4webapi";
import { type Account, type AccountId, accountIdOf, toAccountSummary } from "./account.js";
import { providerNotConfigured, safeCause, stateError, unknownAccount } from "./auth-errors.js";
import {
  type AuthServiceOptions,
  type ProviderClient,
  resolveProviderClients,
} from "./auth-service-options.js";
import { describeOAuthFailure, failureDetails, failureSummary } from "./oauth-failure.js";
import { readProfile } from "./profile-reader.js";
import type { AuthProviderId } from "./providers.js";
import { DEFAULT_TOKEN_LIFETIME_S, TokenRefresher } from "./token-refresher.js";
import type { TokenSet, TokenVault } from "./token-vault.js";

/** How long a sign-in attempt can be completed: 10 minutes. */
export const SIGN_IN_TIMEOUT_MS = 10 * 60_000;
/** How long finished or stale attempts are remembered, to tell a replay from a forgery. */
export const SIGN_IN_RETENTION_MS = 24 * 60 * 60_000;
const DEFAULT_REFRESH_SKEW_MS = 60_000;

/** What `beginSignIn` returns: open `url` in a popup (or redirect to it). */
export interface SignInRequest {
  url: string;
  /** The state the callback must bring back to `completeSignIn`. */
  state: string;
  provider: AuthProviderId;
}

/** Options of {@link AuthService.beginSignIn}. */
export interface BeginSignInOptions {
  /** Pre-fills the account, e.g. the e-mail of an account that needs to sign in again. */
  loginHint?: string;
}

/**
 * Sign-in, accounts and access tokens, inside the worker: OAuth 2.0
 * authorization code + PKCE with Google (code exchange through the host app's
 * backend) and Microsoft (public SPA client), several accounts per provider,
 * tokens encrypted at rest, one refresh at a time per account. Emits
 * `auth:signed-in`, `auth:signed-out` and `auth:session-expired`; no token ever
 * appears in an event, an error or a log line.
 *
 * @example
 * ```ts
 * const auth = new AuthService({ bus, http, vault: new TokenVault(), providers: {
 *   microsoft: { clientId, redirectUri: "https://app.example/callback" },
 * } });
 * const { url } = await auth.beginSignIn("microsoft"); // page opens url in a popup
 * const account = await auth.completeSignIn(code, state); // from the callback page
 * const token = await auth.getAccessToken(account.id);
 * ```
 */
export class AuthService {
  readonly #bus: EventBus;
  readonly #http: HttpClient;
  readonly #vault: TokenVault;
  readonly #now: () => number;
  readonly #log: Logger | undefined;
  readonly #clients: Map<AuthProviderId, ProviderClient>;
  readonly #refresher: TokenRefresher;
  #destroyed = false;

  /** @throws PlayerError `runtime/invalid-config` for an invalid provider config. */
  constructor(options: AuthServiceOptions) {
    this.#bus = options.bus;
    this.#http = options.http;
    this.#vault = options.vault;
    this.#now = options.now ?? Date.now;
    this.#log = options.logger?.child("auth");
    const skewMs = options.refreshSkewMs ?? DEFAULT_REFRESH_SKEW_MS;
    if (!Number.isFinite(skewMs) || skewMs < 0) {
      throw new PlayerError("runtime/invalid-config", "refreshSkewMs must be a number >= 0.", {
        details: { key: "refreshSkewMs" },
      });
    }
    const fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#clients = resolveProviderClients(options.providers, fetch, this.#now);
    this.#refresher = new TokenRefresher({
      vault: this.#vault,
      bus: this.#bus,
      now: this.#now,
      logger: this.#log,
      skewMs,
      clientFor: (provider) => this.#client(provider),
    });
  }

  /** The providers that have a client configuration. */
  get providers(): AuthProviderId[] {
    return [...this.#clients.keys()];
  }

  /**
   * Starts a sign-in: makes a PKCE verifier and a state, remembers them (in
   * IndexedDB, so a restarted worker can finish) for 10 minutes, and returns
   * the authorization URL to open.
   *
   * @throws PlayerError `auth/provider-not-configured`, `auth/storage-failed`.
   */
  async beginSignIn(
    provider: AuthProviderId,
    options: BeginSignInOptions = {},
  ): Promise<SignInRequest> {
    this.#checkAlive();
    const client = this.#client(provider);
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
    const now = this.#now();
    await this.#vault.purgePendingSignIns(now - SIGN_IN_RETENTION_MS);
    await this.#vault.savePendingSignIn({
      state,
      provider,
      redirectUri: client.redirectUri,
      codeVerifier,
      createdAt: now,
    });
    const request = { state, codeChallenge, redirectUri: client.redirectUri };
    const url = client.oauth.authorizationUrl(
      options.loginHint === undefined ? request : { ...request, loginHint: options.loginHint },
    );
    this.#log?.debug("Sign-in started", { provider });
    return { url, state, provider };
  }

  /**
   * Finishes a sign-in with the `code` and `state` the callback page received:
   * checks the state, exchanges the code, reads the profile, stores the
   * account (signing in again as the same person updates it) and emits
   * `auth:signed-in`.
   *
   * @throws PlayerError `auth/invalid-state`, `auth/state-expired`,
   *   `auth/state-reused`, `auth/exchange-failed` (details `error`,
   *   `description`), `auth/profile-failed`, `auth/storage-failed`.
   */
  async completeSignIn(code: string, state: string): Promise<Account> {
    this.#checkAlive();
    requireString(code, "code");
    requireString(state, "state");
    const now = this.#now();
    await this.#vault.purgePendingSignIns(now - SIGN_IN_RETENTION_MS);
    const lookup = await this.#vault.takePendingSignIn(state, now, SIGN_IN_TIMEOUT_MS);
    if (lookup.kind !== "found") throw stateError(lookup.kind);
    const { pending } = lookup;
    const client = this.#client(pending.provider);
    const provider = pending.provider;

    this.#log?.debug("Exchanging the authorization code", { provider });
    let grant: Awaited<ReturnType<typeof client.oauth.exchangeCode>>;
    try {
      grant = await client.oauth.exchangeCode(
        code,
        state,
        pending.redirectUri,
        pending.codeVerifier,
      );
    } catch (error) {
      const failure = describeOAuthFailure(error);
      this.#log?.warn("Code exchange failed", { provider, ...failureDetails(failure) });
      throw new PlayerError(
        "auth/exchange-failed",
        `${provider} refused the sign-in: ${failureSummary(failure)}`,
        { cause: safeCause(error), details: { provider, ...failureDetails(failure) } },
      );
    }

    let profile: Awaited<ReturnType<typeof readProfile>>;
    try {
      profile = await readProfile(this.#http, client.provider, grant.accessToken);
    } catch (error) {
      this.#log?.warn("Profile read failed", { provider });
      // The new grant would be orphaned: give it back where the provider allows.
      await this.#revokeQuietly(client, grant.refreshToken ?? grant.accessToken, undefined);
      throw error;
    }

    const id = accountIdOf(provider, profile.subject);
    const existing = await this.#vault.getAccount(id);
    const account: Account = {
      id,
      provider,
      subject: profile.subject,
      displayName: profile.displayName,
      status: "signed-in",
      addedAt: existing?.addedAt ?? now,
      updatedAt: now,
    };
    if (profile.email !== undefined) account.email = profile.email;
    const tokens: TokenSet = {
      accessToken: grant.accessToken,
      expiresAt: now + (grant.expiresIn ?? DEFAULT_TOKEN_LIFETIME_S) * 1000,
    };
    const refreshToken =
      grant.refreshToken ?? (existing === undefined ? undefined : await this.#oldRefreshToken(id));
    if (refreshToken !== undefined) tokens.refreshToken = refreshToken;
    if (grant.scope !== undefined) tokens.scope = grant.scope;
    await this.#vault.saveAccount(account, tokens);
    this.#log?.info(existing === undefined ? "Account added" : "Account signed in again", {
      accountId: id,
      provider,
    });
    this.#bus.emit("auth:signed-in", { account: toAccountSummary(account) });
    return account;
  }

  /** Every account, signed in or waiting to sign in again, oldest first. */
  async listAccounts(): Promise<Account[]> {
    this.#checkAlive();
    return this.#vault.listAccounts();
  }

  /** One account, or `undefined`. */
  async getAccount(accountId: AccountId): Promise<Account | undefined> {
    this.#checkAlive();
    return this.#vault.getAccount(requireString(accountId, "accountId"));
  }

  /**
   * A valid access token for the account, refreshed when it expires within the
   * skew (60 s). Concurrent callers for one account share one refresh.
   * Pass `{ forceRefresh: true }` when the provider refused the token (401):
   * it is refreshed even though it looked valid.
   *
   * @throws PlayerError `auth/unknown-account`; `auth/session-expired` (fatal
   *   for the account, also emitted as `auth:session-expired`) when the
   *   provider refused the refresh token; `auth/refresh-failed` (retryable for
   *   network trouble, 5xx and 429); `auth/storage-failed`.
   */
  getAccessToken(accountId: AccountId, options: { forceRefresh?: boolean } = {}): Promise<string> {
    try {
      this.#checkAlive();
      requireString(accountId, "accountId");
    } catch (error) {
      return Promise.reject(error);
    }
    return this.#refresher.getAccessToken(accountId, options.forceRefresh === true);
  }

  /**
   * Signs an account out: revokes its grant where the provider can (Google; a
   * failed revocation is logged, not thrown), deletes the account and its
   * tokens, and emits `auth:signed-out`.
   *
   * @throws PlayerError `auth/unknown-account`, `auth/storage-failed`.
   */
  async signOut(accountId: AccountId): Promise<void> {
    this.#checkAlive();
    requireString(accountId, "accountId");
    // A refresh that is under way would otherwise race the deletion.
    await this.#refresher.settled(accountId);
    const account = await this.#vault.getAccount(accountId);
    if (account === undefined) throw unknownAccount(accountId);
    const client = this.#clients.get(account.provider);
    if (client?.oauth.canRevoke) {
      const tokens = await this.#vault.readTokens(accountId).catch((error: unknown) => {
        this.#log?.warn("Could not read the tokens to revoke", { accountId, error });
        return undefined;
      });
      const token = tokens?.refreshToken ?? tokens?.accessToken;
      if (token !== undefined) await this.#revokeQuietly(client, token, accountId);
    }
    await this.#vault.deleteAccount(accountId);
    this.#log?.info("Signed out", { accountId, provider: account.provider });
    this.#bus.emit("auth:signed-out", { accountId });
  }

  /** Stops the service: later calls reject with `runtime/disposed`. The vault stays open. */
  destroy(): void {
    this.#destroyed = true;
  }

  async #oldRefreshToken(accountId: AccountId): Promise<string | undefined> {
    try {
      return (await this.#vault.readTokens(accountId))?.refreshToken;
    } catch {
      return undefined;
    }
  }

  async #revokeQuietly(
    client: ProviderClient,
    token: string,
    accountId: AccountId | undefined,
  ): Promise<void> {
    if (!client.oauth.canRevoke) return;
    try {
      await client.oauth.revoke(token);
      this.#log?.debug("Grant revoked", { accountId: accountId ?? null });
    } catch (error) {
      const failure = describeOAuthFailure(error);
      this.#log?.warn("Revocation failed; the grant may stay valid until it expires", {
        accountId: accountId ?? null,
        provider: client.provider.id,
        ...failureDetails(failure),
      });
    }
  }

  #client(provider: AuthProviderId): ProviderClient {
    const client = this.#clients.get(provider);
    if (client === undefined) throw providerNotConfigured(provider);
    return client;
  }

  #checkAlive(): void {
    if (this.#destroyed) {
      throw new PlayerError("runtime/disposed", "The auth service was destroyed.");
    }
  }
}
