import { Dexie } from "dexie";
import { CatalogChanges, refreshCatalog } from "./catalog-maintenance.js";
import type { LibraryDatabase } from "./library-database.js";
import type { CacheEntryRecord, FolderImageRecord, SessionSnapshot } from "./library-records.js";
import { COVER_IMAGE_NAMES, coverImageRank } from "./listed-file-kind.js";
import { listingTables, removeTracks } from "./sync-applier.js";
import type { TrackKey } from "./track-identity.js";

/** What the library knows of a track's lyrics. */
export interface TrackLyrics {
  /** `.lrc` files next to the track (same folder, same base name), to be read by core-metadata. */
  sidecars: { accountId: string; remoteId: string; contentVersion?: string }[];
  /** Stored lyrics text, when read. */
  text?: string;
  synced?: boolean;
  source?: "sidecar" | "embedded" | "remote";
}

/** Lyrics of a track: linked sidecars and stored text. */
export async function readLyrics(
  db: LibraryDatabase,
  key: TrackKey,
): Promise<TrackLyrics | undefined> {
  return db.transaction("r", db.tracks, db.lyrics, async () => {
    const track = await db.tracks.get(key);
    if (track === undefined) return undefined;
    const sidecars = await db.lyrics
      .where("[folderId+baseName]")
      .equals([track.folderId, track.baseName])
      .toArray();
    const stored = await db.lyrics.get(`track:${key}`);
    const lyrics: TrackLyrics = {
      sidecars: sidecars.map((row) => ({
        accountId: row.accountId,
        remoteId: row.remoteId ?? "",
        ...(row.contentVersion === undefined ? {} : { contentVersion: row.contentVersion }),
      })),
    };
    if (stored?.text !== undefined) lyrics.text = stored.text;
    if (stored?.synced !== undefined) lyrics.synced = stored.synced;
    if (stored?.source !== undefined) lyrics.source = stored.source;
    return lyrics;
  });
}

/** Stores lyrics text read for a track. */
export async function writeLyrics(
  db: LibraryDatabase,
  key: TrackKey,
  accountId: string,
  text: string,
  source: "sidecar" | "embedded" | "remote",
  now: number,
): Promise<void> {
  await db.lyrics.put({
    id: `track:${key}`,
    accountId,
    kind: "text",
    trackKey: key,
    text,
    synced: /^\s*\[\d{1,3}:\d{2}/m.test(text),
    source,
    updatedAt: now,
  });
}

/** Cover images of a folder, by name preference (`cover` > `folder` > `front`), then name. */
export async function coverImagesIn(
  db: LibraryDatabase,
  folderId: string,
): Promise<FolderImageRecord[]> {
  const rows = await db.folderImages.where("folderId").equals(folderId).toArray();
  const rank = (row: FolderImageRecord) => coverImageRank(row.name) ?? COVER_IMAGE_NAMES.length;
  return rows.sort((a, b) => rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Cache entries least recently used first, for eviction. */
export async function leastRecentlyUsed(
  db: LibraryDatabase,
  limit: number,
): Promise<CacheEntryRecord[]> {
  return db.cacheEntries.orderBy("lastAccessedAt").limit(limit).toArray();
}

/** Total bytes of the cache entries (of one account, or all). */
export async function cacheBytes(db: LibraryDatabase, accountId?: string): Promise<number> {
  let total = 0;
  const rows =
    accountId === undefined
      ? db.cacheEntries.toCollection()
      : db.cacheEntries.where("accountId").equals(accountId);
  await rows.each((row) => {
    total += row.sizeBytes;
  });
  return total;
}

/**
 * Removes an account's tracks (playlist entries keep a snapshot), sidecars,
 * covers, cache entries and cursor, and recounts the catalog, in ONE
 * transaction; resolves the removed track keys.
 */
export function removeAccountData(db: LibraryDatabase, accountId: string): Promise<string[]> {
  return db.transaction("rw", [...listingTables(db), db.cacheEntries], async () => {
    const keys = await deleteAccountData(db, accountId);
    const rows = (await db.tracks.bulkGet(keys)).filter((row) => row !== undefined);
    const catalog = new CatalogChanges();
    await removeTracks(db, rows, catalog);
    await refreshCatalog(db, catalog);
    return keys;
  });
}

/** Forgets an account's sidecars, covers, cache entries and cursor; resolves its track keys. */
async function deleteAccountData(db: LibraryDatabase, accountId: string): Promise<string[]> {
  const range = [
    [accountId, Dexie.minKey],
    [accountId, Dexie.maxKey],
  ] as const;
  const keys = (await db.tracks
    .where("[accountId+generation]")
    .between(range[0], range[1])
    .primaryKeys()) as string[];
  await db.lyrics.where("accountId").equals(accountId).delete();
  await db.folderImages.where("accountId").equals(accountId).delete();
  await db.cacheEntries.where("accountId").equals(accountId).delete();
  await db.folders.where("accountId").equals(accountId).delete();
  await db.syncState.delete(accountId);
  return keys;
}

/** Validates a session snapshot enough to store it. */
export function isSessionSnapshot(value: unknown): value is SessionSnapshot {
  if (typeof value !== "object" || value === null) return false;
  const snapshot = value as Partial<SessionSnapshot>;
  return (
    Array.isArray(snapshot.queue) &&
    snapshot.queue.every((key) => typeof key === "string") &&
    Number.isInteger(snapshot.currentIndex) &&
    typeof snapshot.positionMs === "number"
  );
}
