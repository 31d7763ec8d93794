/**
 * An in-memory {@link SyncTarget} that follows the contract of
 * `@player/core-library`'s sync-contract exactly: each batch and its cursor
 * are applied atomically, a completed full listing sweeps older generations,
 * and a replayed batch changes nothing. It records every call.
 */
import type {
  RemoteFile,
  SyncBatch,
  SyncBatchResult,
  SyncCursor,
  SyncTarget,
} from "@player/core-library";

/** A stored file with the generation of the listing (or change) that last wrote it. */
export interface StoredFile {
  file: RemoteFile;
  generation: number;
}

/** A test double of the library's sync side. */
export class MemorySyncTarget implements SyncTarget {
  readonly kind = "memory";
  readonly files = new Map<string, Map<string, StoredFile>>();
  readonly cursors = new Map<string, SyncCursor>();
  /** Every batch applied, in order (deep copies). */
  readonly batches: SyncBatch[] = [];
  /** When set, called before a batch is applied; throwing fails the batch with no effect. */
  beforeApply: ((batch: SyncBatch) => void | Promise<void>) | undefined;

  async getSyncCursor(accountId: string): Promise<SyncCursor | undefined> {
    const cursor = this.cursors.get(accountId);
    return cursor === undefined ? undefined : structuredClone(cursor);
  }

  async applySyncBatch(batch: SyncBatch): Promise<SyncBatchResult> {
    await this.beforeApply?.(batch);
    const copy = structuredClone(batch);
    // Work on a copy and swap it in at the end: all or nothing.
    const files = new Map(this.files.get(copy.accountId) ?? []);
    const result: SyncBatchResult = { added: 0, updated: 0, removed: 0, needsTags: 0 };
    const generation = copy.cursor.generation;
    for (const id of copy.removals) {
      if (files.delete(id)) result.removed++;
    }
    for (const file of copy.upserts) {
      const before = files.get(file.remoteId);
      if (before === undefined) {
        result.added++;
        result.needsTags++;
      } else if (!sameFile(before.file, file)) {
        result.updated++;
        if (before.file.contentVersion !== file.contentVersion) result.needsTags++;
      }
      files.set(file.remoteId, { file, generation: Math.max(generation, before?.generation ?? 0) });
    }
    if (copy.completesFullListing === true) {
      for (const [id, stored] of files) {
        if (stored.generation < generation) {
          files.delete(id);
          result.removed++;
        }
      }
    }
    this.files.set(copy.accountId, files);
    this.cursors.set(copy.accountId, copy.cursor);
    this.batches.push(copy);
    return result;
  }

  async removeAccount(accountId: string): Promise<void> {
    this.files.delete(accountId);
    this.cursors.delete(accountId);
  }

  /** Nothing to release; here so either target can be destroyed the same way. */
  destroy(): void {}

  /** The account's files, sorted by remote id. */
  list(accountId: string): RemoteFile[] {
    return [...(this.files.get(accountId)?.values() ?? [])]
      .map((stored) => stored.file)
      .sort((a, b) => (a.remoteId < b.remoteId ? -1 : a.remoteId > b.remoteId ? 1 : 0));
  }
}

function sameFile(a: RemoteFile, b: RemoteFile): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
