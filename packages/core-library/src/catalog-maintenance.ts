import { Dexie, type Table } from "dexie";
import type { LibraryDatabase } from "./library-database.js";
import type { AlbumRecord, ArtistRecord, FolderRecord, TrackRecord } from "./library-records.js";
import { parseTrackKey } from "./track-identity.js";

/** Album, artist and folder ids whose rows must be recounted after track writes. */
export class CatalogChanges {
  readonly albumIds = new Set<string>();
  readonly artistIds = new Set<string>();
  readonly folderIds = new Set<string>();

  /** Notes the catalog rows a track (before or after a write) belongs to. */
  add(record: TrackRecord | undefined): void {
    if (record === undefined) return;
    this.albumIds.add(record.albumId);
    this.artistIds.add(record.artistId);
    this.artistIds.add(record.albumId.slice(0, record.albumId.indexOf("\u0001")));
    this.folderIds.add(record.folderId);
  }
}

/**
 * Brings the `albums`, `artists` and `folders` rows of the changed ids in line
 * with the tracks, by counting through indexes (never the whole table). Call
 * inside the write transaction so the catalog never disagrees with the tracks.
 * The lookups of one kind are issued together: IndexedDB pipelines requests
 * within a transaction, so a batch touching hundreds of albums costs a few
 * round trips instead of one per album.
 */
export async function refreshCatalog(db: LibraryDatabase, changes: CatalogChanges): Promise<void> {
  // Artists count albums, so albums go first.
  const albums = await Promise.all([...changes.albumIds].map((id) => albumRow(db, id)));
  await writeRows(db.albums, changes.albumIds, albums);
  const [artists, folders] = await Promise.all([
    Promise.all([...changes.artistIds].map((id) => artistRow(db, id))),
    Promise.all([...changes.folderIds].map((id) => folderRow(db, id))),
  ]);
  await Promise.all([
    writeRows(db.artists, changes.artistIds, artists),
    writeRows(db.folders, changes.folderIds, folders),
  ]);
}

/** Puts the rows that exist and deletes the ids whose row is gone (`undefined`). */
async function writeRows<Row>(
  table: Table<Row, string>,
  ids: ReadonlySet<string>,
  rows: readonly (Row | undefined)[],
): Promise<void> {
  const idList = [...ids];
  const gone = idList.filter((_, index) => rows[index] === undefined);
  const kept = rows.filter((row): row is Row => row !== undefined);
  await Promise.all([
    gone.length > 0 ? table.bulkDelete(gone) : undefined,
    kept.length > 0 ? table.bulkPut(kept) : undefined,
  ]);
}

async function albumRow(db: LibraryDatabase, albumId: string): Promise<AlbumRecord | undefined> {
  // A fresh Collection per call: `first()` sets a limit on the one it runs on.
  const tracks = () => db.tracks.where("albumId").equals(albumId);
  const [count, sample] = await Promise.all([tracks().count(), tracks().first()]);
  if (count === 0 || sample === undefined) return undefined;
  return {
    id: albumId,
    title: sample.album,
    titleSort: sample.albumSort,
    artist: sample.albumArtist ?? sample.artist,
    artistId: albumId.slice(0, albumId.indexOf("\u0001")),
    trackCount: count,
    ...(sample.year === undefined ? {} : { year: sample.year }),
  };
}

async function artistRow(db: LibraryDatabase, artistId: string): Promise<ArtistRecord | undefined> {
  const tracks = () => db.tracks.where("artistId").equals(artistId);
  const albums = () =>
    db.albums
      .where("[artistId+titleSort]")
      .between([artistId, Dexie.minKey], [artistId, Dexie.maxKey]);
  const [trackCount, albumCount, firstTrack, firstAlbum] = await Promise.all([
    tracks().count(),
    albums().count(),
    tracks().first(),
    albums().first(),
  ]);
  if (trackCount === 0 && albumCount === 0) return undefined;
  const name = firstTrack?.artist ?? firstAlbum?.artist ?? artistId;
  return { id: artistId, name, nameSort: artistId, trackCount, albumCount };
}

async function folderRow(db: LibraryDatabase, folderId: string): Promise<FolderRecord | undefined> {
  const tracks = () =>
    db.tracks
      .where("[folderId+baseName]")
      .between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]);
  const [trackCount, sample] = await Promise.all([tracks().count(), tracks().first()]);
  if (trackCount === 0 || sample === undefined) return undefined;
  const name =
    sample.folderPath
      .split("/")
      .filter((part) => part !== "")
      .at(-1) ?? "";
  const { remoteFileId: remoteId } = parseTrackKey(folderId);
  return {
    id: folderId,
    accountId: sample.accountId,
    remoteId,
    path: sample.folderPath,
    name,
    trackCount,
  };
}
