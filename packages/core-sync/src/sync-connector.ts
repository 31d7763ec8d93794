import type { RemoteFile } from "@player/core-library";
import { PlayerError, type StorageProvider } from "@player/core-runtime";

/** One page of a full listing. */
export interface FullListingPage {
  upserts: RemoteFile[];
  removals: string[];
  /** Token of the next page; `null` on the last page. */
  nextToken: string | null;
  /** On the last page: the cursor for changes after the listing (OneDrive's deltaLink). */
  incrementalToken?: string;
  /** Files skipped because they could not be placed. */
  failed: number;
  /** Share of the listing done so far, from 0 to 1, when the provider allows a guess. */
  fractionDone?: number;
}

/** One page of changes since a cursor. */
export interface ChangesPage {
  upserts: RemoteFile[];
  removals: string[];
  /** The cursor to continue from (next page, or the new start token on the last page). */
  nextToken: string;
  /** True on the last page: `nextToken` is the cursor for the next sync. */
  done: boolean;
  failed: number;
}

/**
 * A provider connector as a sync job drives it: a full listing page by page,
 * then changes page by page. Implementations never write anywhere; the job
 * stores each page and its cursor through the library's `SyncTarget`.
 */
export interface SyncConnector extends StorageProvider {
  /**
   * True when a round of changes ends where the provider fixed it when the
   * round started, and an item that changes again after that end is left
   * out of the round for the next one (OneDrive delta). A round resumed from
   * a page link stored by an earlier job then ends in the past and may even
   * come back empty while changes wait, so the job always reads one more
   * round after it.
   */
  readonly roundEndIsFixed?: boolean;
  /** Forgets per-job caches (folder names); called when a job starts. */
  resetCaches(): void;
  /**
   * Prepares a full listing and returns the changes cursor to continue from
   * after it, taken BEFORE the listing (Drive), or `null` when the listing's
   * last page yields it (OneDrive).
   */
  startFullListing(signal?: AbortSignal): Promise<string | null>;
  /**
   * One page of the full listing; `token` is `null` for the first page.
   *
   * @throws PlayerError `sync/resync-required` when the provider dropped the listing's cursor.
   */
  listFullPage(token: string | null, signal?: AbortSignal): Promise<FullListingPage>;
  /**
   * One page of changes since `token`.
   *
   * @throws PlayerError `sync/resync-required` when the provider no longer honours `token`.
   */
  listChangesPage(token: string, signal?: AbortSignal): Promise<ChangesPage>;
}

/** The error a connector throws when only a new full listing can help. */
export function resyncRequired(message: string): PlayerError {
  return new PlayerError("sync/resync-required", message, { retryable: true });
}
