import { Dexie } from "dexie";
import type { LibraryDatabase } from "./library-database.js";
import type { AlbumRecord, ArtistRecord, FolderRecord } from "./library-records.js";
import { decodeCursor, encodeCursor, type Page, pageSize } from "./track-query.js";

/** An album as the page sees it. */
export type LibraryAlbum = Omit<AlbumRecord, "titleSort">;
/** An artist (track artist or album artist) as the page sees it. */
export type LibraryArtist = Omit<ArtistRecord, "nameSort">;
/** A folder that directly holds tracks. */
export type LibraryFolder = FolderRecord;

/** How many tracks, albums, artists, folders and playlists the library holds. */
export interface LibraryCounts {
  tracks: number;
  albums: number;
  artists: number;
  folders: number;
  playlists: number;
}

/** How many tracks, albums, artists, folders and playlists the library holds. */
export async function countCatalog(db: LibraryDatabase): Promise<LibraryCounts> {
  const [tracks, albums, artists, folders, playlists] = await Promise.all([
    db.tracks.count(),
    db.albums.count(),
    db.artists.count(),
    db.folders.count(),
    db.playlists.count(),
  ]);
  return { tracks, albums, artists, folders, playlists };
}

/** One album, or `undefined`. */
export async function readAlbum(
  db: LibraryDatabase,
  id: string,
): Promise<LibraryAlbum | undefined> {
  const row = await db.albums.get(id);
  if (row === undefined) return undefined;
  const { titleSort: _sort, ...album } = row;
  return album;
}

/** One artist, or `undefined`. */
export async function readArtist(
  db: LibraryDatabase,
  id: string,
): Promise<LibraryArtist | undefined> {
  const row = await db.artists.get(id);
  if (row === undefined) return undefined;
  const { nameSort: _sort, ...artist } = row;
  return artist;
}

/** A paged list query. */
export interface ListQuery {
  /** Page size, 1–1000. Default 50. */
  limit?: number;
  cursor?: string | null;
}

/** Albums by title, or one artist's albums when `artistId` is given. */
export async function queryAlbums(
  db: LibraryDatabase,
  query: ListQuery & { artistId?: string },
): Promise<Page<LibraryAlbum>> {
  const limit = pageSize(query.limit);
  const after = query.cursor == null ? undefined : decodeCursor(query.cursor);
  const { artistId } = query;
  const rows =
    artistId === undefined
      ? await (after === undefined
          ? db.albums.orderBy("[titleSort+id]")
          : db.albums.where("[titleSort+id]").above(after)
        )
          .limit(limit + 1)
          .toArray()
      : await db.albums
          .where("[artistId+titleSort]")
          .between(
            after ?? [artistId, Dexie.minKey],
            [artistId, Dexie.maxKey],
            after === undefined,
            true,
          )
          .limit(limit + 1)
          .toArray();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeCursor(
          artistId === undefined ? [last.titleSort, last.id] : [artistId, last.titleSort],
        )
      : null;
  return { items: items.map(({ titleSort: _sort, ...album }) => album), nextCursor };
}

/** Artists by name. */
export async function queryArtists(
  db: LibraryDatabase,
  query: ListQuery,
): Promise<Page<LibraryArtist>> {
  const limit = pageSize(query.limit);
  const after = query.cursor == null ? undefined : decodeCursor(query.cursor);
  const rows = await (after === undefined
    ? db.artists.orderBy("[nameSort+id]")
    : db.artists.where("[nameSort+id]").above(after)
  )
    .limit(limit + 1)
    .toArray();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined ? encodeCursor([last.nameSort, last.id]) : null;
  return { items: items.map(({ nameSort: _sort, ...artist }) => artist), nextCursor };
}

/** Folders of an account (or all), by id. */
export async function queryFolders(
  db: LibraryDatabase,
  query: ListQuery & { accountId?: string },
): Promise<Page<LibraryFolder>> {
  const limit = pageSize(query.limit);
  const after = query.cursor == null ? undefined : (decodeCursor(query.cursor)[0] as string);
  const base = after === undefined ? db.folders.orderBy("id") : db.folders.where("id").above(after);
  const { accountId } = query;
  const rows = await (accountId === undefined
    ? base
    : base.filter((row) => row.accountId === accountId)
  )
    .limit(limit + 1)
    .toArray();
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor([last.id]) : null,
  };
}
