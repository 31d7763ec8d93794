import type { AuthService } from "@player/core-auth";
import { PlayerError, requireString } from "@player/core-runtime";
import type { SyncService, SyncSummary } from "@player/core-sync";
import type { SyncApi } from "../library-api.js";

/**
 * The page's handle on sync: runs jobs for the signed-in accounts AuthService
 * knows (including those signed in before this worker started). Without a
 * sign-in provider every call rejects with `auth/provider-not-configured`.
 */
export class SyncApiService implements SyncApi {
  readonly #sync: SyncService | undefined;
  readonly #auth: AuthService | undefined;

  /** Both undefined when `init` had no `auth`. */
  constructor(sync: SyncService | undefined, auth: AuthService | undefined) {
    this.#sync = sync;
    this.#auth = auth;
  }

  async syncNow(accountId?: string): Promise<SyncSummary[]> {
    const { sync, auth } = this.#require();
    if (accountId !== undefined) requireString(accountId, "accountId");
    const accounts = (await auth.listAccounts()).filter(
      (account) =>
        account.status === "signed-in" && (accountId === undefined || account.id === accountId),
    );
    if (accountId !== undefined && accounts.length === 0) {
      throw new PlayerError(
        "auth/unknown-account",
        `No signed-in account ${JSON.stringify(accountId)}`,
        { details: { accountId } },
      );
    }
    return Promise.all(
      accounts.map((account) => sync.syncAccount({ id: account.id, provider: account.provider })),
    );
  }

  /**
   * Syncs, in the background, the accounts signed in during an earlier
   * session: the sync service only learns accounts from sign-ins and syncs,
   * so without this a returning user's library would never refresh. Failures
   * are already reported as `sync:error` events.
   */
  syncStoredAccounts(): void {
    if (this.#sync === undefined) return;
    this.syncNow().catch(() => {});
  }

  async cancel(accountId: string): Promise<void> {
    this.#require().sync.cancel(requireString(accountId, "accountId"));
  }

  async isSyncing(accountId?: string): Promise<boolean> {
    const { sync, auth } = this.#require();
    if (accountId !== undefined) return sync.isSyncing(requireString(accountId, "accountId"));
    const accounts = await auth.listAccounts();
    return accounts.some((account) => sync.isSyncing(account.id));
  }

  /** Stops automatic syncs and cancels running jobs. */
  destroy(): void {
    this.#sync?.destroy();
  }

  #require(): { sync: SyncService; auth: AuthService } {
    if (this.#sync === undefined || this.#auth === undefined) {
      throw new PlayerError(
        "auth/provider-not-configured",
        "No sign-in provider is configured, so there is nothing to sync: pass `auth` to createPlayer()",
      );
    }
    return { sync: this.#sync, auth: this.#auth };
  }
}
