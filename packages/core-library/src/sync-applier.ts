import { Dexie, type Table } from "dexie";
import { CatalogChanges, refreshCatalog } from "./catalog-maintenance.js";
import type { LibraryDatabase } from "./library-database.js";
import type { TrackRecord } from "./library-records.js";
import { listedFileKind } from "./listed-file-kind.js";
import { folderImageRecord, sidecarId, sidecarRecord } from "./sidecar-records.js";
import type { RemoteFile, SyncBatch, SyncBatchResult, SyncCursor } from "./sync-contract.js";
import { trackKey } from "./track-identity.js";
import { sameRecord, snapshotOf, trackRecordFromFile } from "./track-records.js";

/** What a stored batch changed, for the search index and the change events. */
export interface AppliedBatch {
  result: SyncBatchResult;
  /** Rows written (added or changed). */
  written: TrackRecord[];
  /** Keys of the tracks removed. */
  removedKeys: string[];
}

const NOTHING: SyncBatchResult = { added: 0, updated: 0, removed: 0, needsTags: 0 };

/** The tables a listed file (or its removal) writes to: tracks, the catalog, sidecars, covers, playlist snapshots, the cursor. */
export function listingTables(db: LibraryDatabase) {
  return [
    db.tracks,
    db.albums,
    db.artists,
    db.folders,
    db.lyrics,
    db.folderImages,
    db.artwork,
    db.syncState,
    db.playlistEntries,
  ];
}

/**
 * Stores one sync batch and its cursor in ONE transaction. A batch whose
 * cursor equals the stored one is a replay and changes nothing; upserts that
 * would write an identical row are skipped too. Within a batch, removals are
 * applied before upserts (a file both removed and listed ends up present).
 */
export async function applySyncBatch(
  db: LibraryDatabase,
  batch: SyncBatch,
  now: number,
): Promise<AppliedBatch> {
  const { accountId, cursor } = batch;
  return db.transaction("rw", listingTables(db), async () => {
    const stored = await db.syncState.get(accountId);
    if (stored !== undefined && sameCursor(stored.cursor, cursor)) {
      return { result: { ...NOTHING }, written: [], removedKeys: [] };
    }
    const catalog = new CatalogChanges();
    const result = { ...NOTHING };
    const upserted = new Map<string, RemoteFile>();
    for (const file of batch.upserts) upserted.set(file.remoteId, file);
    const removedKeys: string[] = [];

    const removals = batch.removals.filter((remoteId) => !upserted.has(remoteId));
    if (removals.length > 0) {
      const keys = removals.map((remoteId) => trackKey(accountId, remoteId));
      const gone = (await db.tracks.bulkGet(keys)).filter((row) => row !== undefined);
      await removeTracks(db, gone, catalog);
      removedKeys.push(...gone.map((row) => row.key));
      await db.lyrics.bulkDelete(keys.map(sidecarId));
      await db.folderImages.bulkDelete(keys);
    }

    const files = [...upserted.values()];
    const lyricsFiles = files.filter((file) => listedFileKind(file) === "lyrics");
    const coverFiles = files.filter((file) => listedFileKind(file) === "cover");
    const audioFiles = files.filter((file) => listedFileKind(file) === "audio");
    if (lyricsFiles.length > 0) {
      await db.lyrics.bulkPut(
        lyricsFiles.map((file) => sidecarRecord(accountId, file, cursor, now)),
      );
    }
    if (coverFiles.length > 0) {
      await db.folderImages.bulkPut(
        coverFiles.map((file) => folderImageRecord(accountId, file, cursor)),
      );
    }
    // A renamed file may have changed kind: it is only what its new name says.
    const notLyrics = [...audioFiles, ...coverFiles].map((file) =>
      trackKey(accountId, file.remoteId),
    );
    await deleteHeld(db.lyrics, cursor, accountId, notLyrics.map(sidecarId));
    const notCovers = [...audioFiles, ...lyricsFiles].map((file) =>
      trackKey(accountId, file.remoteId),
    );
    await deleteHeld(db.folderImages, cursor, accountId, notCovers);
    const keys = audioFiles.map((file) => trackKey(accountId, file.remoteId));
    // A file that turned from audio into a sidecar or cover is no track any more.
    const demoted = [...lyricsFiles, ...coverFiles].map((file) =>
      trackKey(accountId, file.remoteId),
    );
    if (demoted.length > 0) {
      const gone = (await db.tracks.bulkGet(demoted)).filter((row) => row !== undefined);
      await removeTracks(db, gone, catalog);
      removedKeys.push(...gone.map((row) => row.key));
    }
    const existing = await db.tracks.bulkGet(keys);
    const toPut: TrackRecord[] = [];
    const written: TrackRecord[] = [];
    audioFiles.forEach((file, index) => {
      const before = existing[index];
      const after = trackRecordFromFile(accountId, file, before, cursor.generation, now);
      if (before !== undefined && sameRecord(before, after)) return;
      toPut.push(after);
      // A full listing restamps every file: that alone is no change to report.
      if (before !== undefined && onlyGenerationChanged(before, after)) return;
      written.push(after);
      catalog.add(before);
      catalog.add(after);
      if (before === undefined) result.added++;
      else result.updated++;
      if (before !== undefined && before.contentVersion !== after.contentVersion)
        result.needsTags++;
    });
    if (toPut.length > 0) await db.tracks.bulkPut(toPut);

    if (batch.completesFullListing === true) {
      const stale = await db.tracks
        .where("[accountId+generation]")
        .between([accountId, Dexie.minKey], [accountId, cursor.generation], true, false)
        .toArray();
      await removeTracks(db, stale, catalog);
      removedKeys.push(...stale.map((row) => row.key));
      for (const table of [db.lyrics, db.folderImages]) {
        await table
          .where("[accountId+generation]")
          .between([accountId, Dexie.minKey], [accountId, cursor.generation], true, false)
          .delete();
      }
    }
    result.removed = removedKeys.length;
    await refreshCatalog(db, catalog);
    await db.syncState.put({ accountId, provider: batch.provider, cursor: { ...cursor } });
    const removedSet = new Set(removedKeys);
    return { result, written: written.filter((row) => !removedSet.has(row.key)), removedKeys };
  });
}

/**
 * Deletes the rows of `ids` that exist: files listed before under another
 * kind (a `.lrc` or `cover.jpg` renamed to a music name, or back). Only rows
 * that can be such a file are looked at, by key (an index walk): all of the
 * account's in an incremental batch, and in a full listing those of earlier
 * listings (the rows this listing wrote are of the kind it listed). So a
 * first sync walks nothing; a thousand-key delete on every page would cost more.
 */
async function deleteHeld(
  table: Table<{ accountId: string; generation?: number }, string>,
  cursor: SyncCursor,
  accountId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  const rows =
    cursor.phase === "incremental"
      ? table.where("accountId").equals(accountId)
      : table
          .where("[accountId+generation]")
          .between([accountId, Dexie.minKey], [accountId, cursor.generation], true, false);
  const held = new Set(await rows.primaryKeys());
  if (held.size === 0) return;
  const present = ids.filter((id) => held.has(id));
  if (present.length > 0) await table.bulkDelete(present);
}

/**
 * Deletes tracks, keeping playlist entries that point at them with a fresh
 * snapshot so they show as unavailable instead of vanishing.
 */
export async function removeTracks(
  db: LibraryDatabase,
  rows: readonly TrackRecord[],
  catalog: CatalogChanges,
): Promise<void> {
  if (rows.length === 0) return;
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const keys = [...byKey.keys()];
  await db.tracks.bulkDelete(keys);
  await db.lyrics.bulkDelete(keys.map((key) => `track:${key}`));
  await db.artwork.where("trackKey").anyOf(keys).delete();
  for (const row of rows) catalog.add(row);
  const entries = await db.playlistEntries.where("trackKey").anyOf(keys).toArray();
  if (entries.length === 0) return;
  await db.playlistEntries.bulkPut(
    entries.map((entry) => {
      const row = byKey.get(entry.trackKey);
      return row === undefined ? entry : { ...entry, snapshot: snapshotOf(row) };
    }),
  );
}

function onlyGenerationChanged(before: TrackRecord, after: TrackRecord): boolean {
  return sameRecord({ ...before, generation: after.generation }, after);
}

function sameCursor(left: SyncCursor, right: SyncCursor): boolean {
  return (
    left.phase === right.phase &&
    left.token === right.token &&
    left.generation === right.generation &&
    (left.nextIncrementalToken ?? null) === (right.nextIncrementalToken ?? null) &&
    left.updatedAt === right.updatedAt
  );
}
