/**
 * The seams between the services that hold tokens, the services that talk to
 * a cloud drive and the services that read its files. worker-host wires the
 * implementations together (core-auth → TokenSource, core-sync connectors →
 * StorageProvider).
 */
import type { AuthProviderId } from "./events.js";
import type { ByteRange, RangeReadResult } from "./http/range-response.js";

/** Options of {@link TokenSource.getAccessToken}. */
export interface AccessTokenOptions {
  /**
   * Refresh even if the cached token looks valid: the provider just refused
   * it (401). Implementations share one refresh between concurrent callers.
   */
  forceRefresh?: boolean;
}

/**
 * Hands out access tokens for an account. core-auth's `AuthService` is the
 * real one; callers never see refresh tokens.
 *
 * @example
 * ```ts
 * let token = await tokens.getAccessToken(accountId);
 * // ...the API answered 401:
 * token = await tokens.getAccessToken(accountId, { forceRefresh: true });
 * ```
 */
export interface TokenSource {
  /**
   * A valid access token for the account.
   *
   * @param accountId - The account, `${provider}:${subject}`.
   * @param options - `forceRefresh` after the provider refused the current token.
   */
  getAccessToken(accountId: string, options?: AccessTokenOptions): Promise<string>;
}

/** Options of {@link StorageProvider.readRange}. */
export interface StorageReadOptions {
  signal?: AbortSignal;
}

/**
 * One signed-in cloud drive, as the rest of the player reads it: playback and
 * metadata read byte ranges of a file by its remote id. core-sync's
 * connectors implement it (and add listing on top).
 */
export interface StorageProvider {
  readonly provider: AuthProviderId;
  /** The account whose drive this is. */
  readonly accountId: string;
  /**
   * Reads the bytes `range.start..range.end` (inclusive) of a file.
   *
   * @param remoteId - Drive file id / OneDrive item id.
   */
  readRange(
    remoteId: string,
    range: ByteRange,
    options?: StorageReadOptions,
  ): Promise<RangeReadResult>;
}
