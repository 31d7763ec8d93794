import { type EventBus, type Logger, PlayerError } from "@player/core-runtime";
import type { Account, AccountId } from "./account.js";
import { safeCause, sessionExpired, unknownAccount } from "./auth-errors.js";
import type { ProviderClient } from "./auth-service-options.js";
import {
  describeOAuthFailure,
  failureDetails,
  failureSummary,
  type OAuthFailure,
} from "./oauth-failure.js";
import type { AuthProviderId } from "./providers.js";
import { SingleFlight } from "./single-flight.js";
import type { TokenSet, TokenVault } from "./token-vault.js";

/** Used when a token answer has no `expires_in`, in seconds. */
export const DEFAULT_TOKEN_LIFETIME_S = 3600;

/** What {@link TokenRefresher} works with; the AuthService shares its own. */
export interface TokenRefresherOptions {
  vault: TokenVault;
  bus: EventBus;
  now: () => number;
  logger: Logger | undefined;
  /** Refresh a token that expires within this many ms. */
  skewMs: number;
  /** The provider's client; throws `auth/provider-not-configured`. */
  clientFor: (provider: AuthProviderId) => ProviderClient;
}

/**
 * Hands out valid access tokens: reads the stored one, refreshes it when it
 * expires within the skew, one refresh per account at a time, and turns a
 * refused refresh into the end of the session (`auth:session-expired`).
 */
export class TokenRefresher {
  readonly #options: TokenRefresherOptions;
  readonly #flights = new SingleFlight<AccountId, string>();

  constructor(options: TokenRefresherOptions) {
    this.#options = options;
  }

  /**
   * A valid access token; concurrent callers for one account share the work.
   * `forceRefresh` (the provider just refused the token) refreshes even if
   * the token looks valid; forced callers share one refresh too.
   */
  async getAccessToken(accountId: AccountId, forceRefresh = false): Promise<string> {
    if (!forceRefresh) return this.#flights.run(accountId, () => this.#validAccessToken(accountId));
    // A flight under way may hand out the very token that was refused: let it land first.
    await this.settled(accountId);
    return this.#flights.run(accountId, () => this.#validAccessToken(accountId, true));
  }

  /** Resolves once the account's operation under way (if any) has settled, whatever its outcome. */
  async settled(accountId: AccountId): Promise<void> {
    await this.#flights.get(accountId)?.catch(() => undefined);
  }

  async #validAccessToken(accountId: AccountId, forceRefresh = false): Promise<string> {
    const { vault, now, skewMs } = this.#options;
    const account = await vault.getAccount(accountId);
    if (account === undefined) throw unknownAccount(accountId);
    if (account.status === "needs-sign-in") throw sessionExpired(account, undefined);
    const tokens = await vault.readTokens(accountId);
    if (!forceRefresh && tokens !== undefined && tokens.expiresAt - skewMs > now()) {
      return tokens.accessToken;
    }
    // Without a refresh token the session ends with its access token.
    if (tokens?.refreshToken === undefined) return this.#expireSession(account, undefined);
    return this.#refresh(account, tokens.refreshToken, tokens.scope);
  }

  async #refresh(account: Account, refreshToken: string, scope: string | undefined) {
    const { vault, now, logger } = this.#options;
    const client = this.#options.clientFor(account.provider);
    const accountId = account.id;
    logger?.debug("Refreshing the access token", { accountId, provider: account.provider });
    let grant: Awaited<ReturnType<typeof client.oauth.refresh>>;
    try {
      grant = await client.oauth.refresh(refreshToken);
    } catch (error) {
      const failure = describeOAuthFailure(error);
      if (failure.refused) return this.#expireSession(account, failure);
      logger?.warn("Refresh failed", { accountId, ...failureDetails(failure) });
      throw new PlayerError(
        "auth/refresh-failed",
        `Could not refresh the ${account.provider} access token: ${failureSummary(failure)}`,
        {
          retryable: failure.transient,
          cause: safeCause(error),
          details: { accountId, provider: account.provider, ...failureDetails(failure) },
        },
      );
    }
    const at = now();
    const tokens: TokenSet = {
      accessToken: grant.accessToken,
      // Microsoft sends a new refresh token every time; Google keeps the old one valid.
      refreshToken: grant.refreshToken ?? refreshToken,
      expiresAt: at + (grant.expiresIn ?? DEFAULT_TOKEN_LIFETIME_S) * 1000,
    };
    const grantedScope = grant.scope ?? scope;
    if (grantedScope !== undefined) tokens.scope = grantedScope;
    if (!(await vault.updateTokens(accountId, tokens, at))) {
      throw unknownAccount(accountId); // signed out while refreshing
    }
    logger?.debug("Access token refreshed", { accountId });
    return tokens.accessToken;
  }

  async #expireSession(account: Account, failure: OAuthFailure | undefined): Promise<never> {
    const { vault, now, logger, bus } = this.#options;
    const updated = await vault.markNeedsSignIn(account.id, now());
    if (updated !== undefined) {
      logger?.warn("Session expired: the account must sign in again", {
        accountId: account.id,
        provider: account.provider,
        ...(failure === undefined ? {} : failureDetails(failure)),
      });
      bus.emit("auth:session-expired", { accountId: account.id, provider: account.provider });
    }
    throw sessionExpired(account, failure);
  }
}
