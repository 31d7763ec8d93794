import { CatalogChanges, refreshCatalog } from "./catalog-maintenance.js";
import type { FileTags } from "./file-name-tags.js";
import type { LibraryDatabase } from "./library-database.js";
import type { TrackRecord } from "./library-records.js";
import type { TrackKey } from "./track-identity.js";
import { trackRecordWithTags } from "./track-records.js";

/** The outcome of reading one file's tags, for `LibraryService.applyTagResults`. */
export interface TagResult {
  key: TrackKey;
  /** The `contentVersion` the bytes were read at. */
  contentVersion: string;
  /** The tags read; absent when they could not be read (then `warning` says why). */
  tags?: FileTags;
  warning?: string;
}

/** How many tracks of an account wait for their tags. */
export function countNeedingTags(db: LibraryDatabase, accountId: string): Promise<number> {
  return db.tracks.where("[accountId+needsTags]").equals([accountId, 1]).count();
}

/**
 * Rows of an account waiting for their tags, without the keys in `skip`. Only
 * keys are read from the index until `limit` rows to return are found.
 */
export async function readNeedingTags(
  db: LibraryDatabase,
  accountId: string,
  limit: number,
  skip: ReadonlySet<TrackKey> = new Set(),
): Promise<TrackRecord[]> {
  const keys = (await db.tracks
    .where("[accountId+needsTags]")
    .equals([accountId, 1])
    .limit(skip.size + limit)
    .primaryKeys()) as TrackKey[];
  const rows = await db.tracks.bulkGet(keys.filter((key) => !skip.has(key)).slice(0, limit));
  return rows.filter((row) => row !== undefined);
}

/**
 * Writes tag results in ONE transaction with the album, artist and folder
 * rows they move. Results for files that changed since they were read, or
 * are gone, are skipped.
 *
 * @returns The rows written.
 */
export async function writeTagResults(
  db: LibraryDatabase,
  results: readonly TagResult[],
): Promise<TrackRecord[]> {
  return db.transaction("rw", db.tracks, db.albums, db.artists, db.folders, async () => {
    const rows = await db.tracks.bulkGet(results.map((result) => result.key));
    const catalog = new CatalogChanges();
    const updated: TrackRecord[] = [];
    results.forEach((result, index) => {
      const row = rows[index];
      if (row === undefined || row.contentVersion !== result.contentVersion) return;
      const next: TrackRecord =
        result.tags !== undefined
          ? trackRecordWithTags(row, result.tags)
          : {
              ...row,
              needsTags: 0,
              tagWarning: result.warning ?? "The file's tags are unreadable",
            };
      catalog.add(row);
      catalog.add(next);
      updated.push(next);
    });
    if (updated.length === 0) return updated;
    await db.tracks.bulkPut(updated);
    await refreshCatalog(db, catalog);
    return updated;
  });
}
