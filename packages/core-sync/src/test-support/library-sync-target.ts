/**
 * The real library as a sync target: a {@link LibraryService} on a fresh
 * in-memory IndexedDB (`fake-indexeddb`), with the same recording hooks as
 * {@link MemorySyncTarget} so one harness drives either.
 */
import {
  LibraryService,
  type SyncBatch,
  type SyncBatchResult,
  type SyncCursor,
  type SyncTarget,
  type Track,
} from "@player/core-library";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";

/** A `.lrc` sidecar as the library stores it (it keeps no name or size). */
export interface StoredSidecar {
  remoteId: string;
  folderId: string;
  contentVersion: string;
}

// Small on purpose: reading back pages through `queryTracks` is part of what is tested.
const READ_PAGE_SIZE = 16;

/** A {@link LibraryService} behind the sync contract, recording every batch it stores. */
export class LibrarySyncTarget implements SyncTarget {
  readonly kind = "library";
  readonly library: LibraryService;
  /** Every batch stored, in order (deep copies). */
  readonly batches: SyncBatch[] = [];
  /** When set, called before a batch is applied; throwing fails the batch with no effect. */
  beforeApply: ((batch: SyncBatch) => void | Promise<void>) | undefined;

  constructor() {
    let clock = 1_000;
    this.library = new LibraryService({
      indexedDB: new IDBFactory(),
      IDBKeyRange,
      now: () => clock++,
    });
  }

  getSyncCursor(accountId: string): Promise<SyncCursor | undefined> {
    return this.library.getSyncCursor(accountId);
  }

  async applySyncBatch(batch: SyncBatch): Promise<SyncBatchResult> {
    await this.beforeApply?.(batch);
    const result = await this.library.applySyncBatch(batch);
    this.batches.push(structuredClone(batch));
    return result;
  }

  removeAccount(accountId: string): Promise<void> {
    return this.library.removeAccount(accountId);
  }

  /** The account's tracks, read page by page through `queryTracks`, sorted by remote id. */
  async tracks(accountId: string): Promise<Track[]> {
    const tracks: Track[] = [];
    let cursor: string | null = null;
    do {
      const page = await this.library.queryTracks({
        filter: { accountId },
        sort: "title",
        limit: READ_PAGE_SIZE,
        cursor,
      });
      tracks.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return tracks.sort((a, b) => (a.remoteId < b.remoteId ? -1 : a.remoteId > b.remoteId ? 1 : 0));
  }

  /** The account's `.lrc` sidecars, sorted by remote id. */
  async sidecars(accountId: string): Promise<StoredSidecar[]> {
    const rows = await this.library.database.lyrics
      .filter((row) => row.accountId === accountId && row.kind === "sidecar")
      .toArray();
    return rows
      .map((row) => ({
        remoteId: row.remoteId ?? "",
        folderId: row.folderId ?? "",
        contentVersion: row.contentVersion ?? "",
      }))
      .sort((a, b) => (a.remoteId < b.remoteId ? -1 : a.remoteId > b.remoteId ? 1 : 0));
  }

  /** Remote ids of the account's cover images beside the music, sorted. */
  async covers(accountId: string): Promise<string[]> {
    const rows = await this.library.database.folderImages
      .where("accountId")
      .equals(accountId)
      .toArray();
    return rows.map((row) => row.remoteId).sort();
  }

  /** Closes the database. */
  destroy(): void {
    this.library.destroy();
  }
}
