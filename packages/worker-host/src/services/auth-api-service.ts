import {
  type AccountSummary,
  AuthService,
  type AuthServiceOptions,
  toAccountSummary,
} from "@player/core-auth";
import { type AuthProviderId, PlayerError, requireString } from "@player/core-runtime";
import type { AuthApi, SignInStart } from "../worker-api.js";

/**
 * The page's view of sign-in: starts and finishes sign-ins and lists and
 * removes accounts. It hands out authorization URLs and account summaries,
 * never tokens: `getAccessToken` stays inside the worker.
 */
export class AuthApiService implements AuthApi {
  readonly #auth: AuthService | undefined;

  /** `options` undefined: no provider configured; every call rejects with `auth/provider-not-configured`. */
  constructor(options: AuthServiceOptions | undefined) {
    this.#auth = options === undefined ? undefined : new AuthService(options);
  }

  /** The service itself, for other worker services that need access tokens. */
  get service(): AuthService | undefined {
    return this.#auth;
  }

  async beginSignIn(provider: AuthProviderId): Promise<SignInStart> {
    const { url, state } = await this.#require().beginSignIn(provider);
    return { url, state, provider };
  }

  async completeSignIn(code: string, state: string): Promise<AccountSummary> {
    requireString(code, "code");
    requireString(state, "state");
    return toAccountSummary(await this.#require().completeSignIn(code, state));
  }

  async listAccounts(): Promise<AccountSummary[]> {
    return (await this.#require().listAccounts()).map(toAccountSummary);
  }

  async signOut(accountId: string): Promise<void> {
    requireString(accountId, "accountId");
    await this.#require().signOut(accountId);
  }

  destroy(): void {
    this.#auth?.destroy();
  }

  #require(): AuthService {
    if (this.#auth === undefined) {
      throw new PlayerError(
        "auth/provider-not-configured",
        "No sign-in provider is configured: pass `auth` to createPlayer()",
      );
    }
    return this.#auth;
  }
}
