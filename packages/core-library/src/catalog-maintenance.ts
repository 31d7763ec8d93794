import { Dexie } from "dexie";
import type { LibraryDatabase } from "./library-database.js";
import type { TrackRecord } from "./library-records.js";
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
 */
export async function refreshCatalog(db: LibraryDatabase, changes: CatalogChanges): Promise<void> {
  for (const albumId of changes.albumIds) {
    const tracks = db.tracks.where("albumId").equals(albumId);
    const count = await tracks.count();
    if (count === 0) {
      await db.albums.delete(albumId);
      continue;
    }
    const sample = await tracks.first();
    if (sample === undefined) continue;
    const artist = sample.albumArtist ?? sample.artist;
    const album = {
      id: albumId,
      title: sample.album,
      titleSort: sample.albumSort,
      artist,
      artistId: albumId.slice(0, albumId.indexOf("\u0001")),
      trackCount: count,
      ...(sample.year === undefined ? {} : { year: sample.year }),
    };
    await db.albums.put(album);
  }
  for (const artistId of changes.artistIds) {
    const trackCount = await db.tracks.where("artistId").equals(artistId).count();
    const albumCount = await db.albums
      .where("[artistId+titleSort]")
      .between([artistId, Dexie.minKey], [artistId, Dexie.maxKey])
      .count();
    if (trackCount === 0 && albumCount === 0) {
      await db.artists.delete(artistId);
      continue;
    }
    const sample =
      (await db.tracks.where("artistId").equals(artistId).first()) ??
      (await db.albums
        .where("[artistId+titleSort]")
        .between([artistId, Dexie.minKey], [artistId, Dexie.maxKey])
        .first());
    const name = sample?.artist ?? artistId;
    await db.artists.put({ id: artistId, name, nameSort: artistId, trackCount, albumCount });
  }
  for (const folderId of changes.folderIds) {
    const tracks = db.tracks
      .where("[folderId+baseName]")
      .between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]);
    const trackCount = await tracks.count();
    if (trackCount === 0) {
      await db.folders.delete(folderId);
      continue;
    }
    const sample = await tracks.first();
    if (sample === undefined) continue;
    const name =
      sample.folderPath
        .split("/")
        .filter((part) => part !== "")
        .at(-1) ?? "";
    const { remoteFileId: remoteId } = parseTrackKey(folderId);
    await db.folders.put({
      id: folderId,
      accountId: sample.accountId,
      remoteId,
      path: sample.folderPath,
      name,
      trackCount,
    });
  }
}
