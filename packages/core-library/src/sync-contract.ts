/**
 * What core-sync hands the library. Sync writes only through
 * {@link SyncTarget.applySyncBatch}, which stores the batch AND the cursor in
 * one IndexedDB transaction: a job stopped at any moment resumes from the
 * last stored cursor with no duplicate and no lost deletion.
 */
import type { AuthProviderId } from "@player/core-runtime";

/** Tags a provider reports without reading the file (OneDrive's `audio` facet). */
export interface ProviderTags {
  title?: string;
  artist?: string;
  albumArtist?: string;
  album?: string;
  trackNumber?: number;
  trackCount?: number;
  discNumber?: number;
  discCount?: number;
  year?: number;
  genre?: string;
  durationMs?: number;
  bitrateKbps?: number;
}

/** An audio (or `.lrc` lyrics) file as listed by a provider. */
export interface RemoteFile {
  /** Drive file id / OneDrive item id. */
  remoteId: string;
  name: string;
  mimeType: string;
  /** Bytes. */
  size: number;
  /** Id of the containing folder. */
  parentId: string;
  /** Path of the containing folder from the drive root, e.g. `/Music/Artist/Album` (`/` for the root). */
  folderPath: string;
  /** Milliseconds since the epoch. */
  modifiedAt: number;
  /**
   * Changes whenever the bytes change (Drive md5Checksum/headRevisionId,
   * OneDrive cTag/sha1): a new value marks the track for re-reading its tags.
   */
  contentVersion: string;
  /** Tags the provider already knows, so no bytes are downloaded for them. */
  tags?: ProviderTags;
}

/** Where a sync job stands for one account; stored with every batch. */
export interface SyncCursor {
  /** `full`: listing everything; `incremental`: reading changes since `token`. */
  phase: "full" | "incremental";
  /**
   * Provider cursor to continue from: the next files.list page token or
   * changes page token (Drive), the next or delta link (OneDrive). `null` at
   * the very start of a full listing.
   */
  token: string | null;
  /**
   * Each full listing has a generation; every file it lists is stamped with
   * it, and when the listing completes, the account's tracks of older
   * generations (deleted while nobody listened) are removed.
   */
  generation: number;
  /** For Drive: the changes token taken before the full listing started, to continue from after it. */
  nextIncrementalToken?: string | null;
  /** Milliseconds since the epoch of the last stored batch. */
  updatedAt: number;
}

/** One page of sync results for one account. */
export interface SyncBatch {
  accountId: string;
  provider: AuthProviderId;
  /** Files that appeared or changed (add, rename, move, content change). */
  upserts: readonly RemoteFile[];
  /** Remote ids of files that were deleted, trashed or are no longer audio. */
  removals: readonly string[];
  /** Stored in the same transaction as the changes. */
  cursor: SyncCursor;
  /**
   * Set on the last page of a full listing: remove this account's tracks
   * whose generation is older than `cursor.generation`.
   */
  completesFullListing?: boolean;
}

/** What a batch did, for progress reporting. */
export interface SyncBatchResult {
  added: number;
  updated: number;
  removed: number;
  /** Tracks whose `contentVersion` changed, now waiting for their tags to be re-read. */
  needsTags: number;
}

/** The part of the library core-sync writes to. */
export interface SyncTarget {
  /** The stored cursor of an account, or `undefined` before its first sync. */
  getSyncCursor(accountId: string): Promise<SyncCursor | undefined>;
  /** Applies a batch and stores its cursor atomically. Idempotent: a replayed batch changes nothing. */
  applySyncBatch(batch: SyncBatch): Promise<SyncBatchResult>;
  /** Forgets an account's tracks and cursor (sign-out). */
  removeAccount(accountId: string): Promise<void>;
}
