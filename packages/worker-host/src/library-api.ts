import type {
  LibraryAlbum,
  LibraryArtist,
  LibraryCounts,
  LibraryFolder,
  ListQuery,
  Page,
  Playlist,
  PlaylistEntry,
  SearchPage,
  Track,
  TrackFilter,
  TrackKey,
  TrackQuery,
} from "@player/core-library";
import type { Lyrics } from "@player/core-metadata";
import type { MetadataProgressData } from "@player/core-runtime";
import type { SyncSummary } from "@player/core-sync";

/** Options of {@link LibraryApi.search}. */
export interface SearchOptions {
  /** Results per page, 1–1000. Default 50. */
  limit?: number;
  /** Results to skip. Default 0. */
  offset?: number;
}

/** Options of {@link LibraryApi.getPlaylistEntries}. */
export interface PlaylistEntriesQuery {
  /** Default 0. */
  offset?: number;
  /** Default 100. */
  limit?: number;
}

/**
 * The music library as the page sees it: paged queries, search, playlists,
 * play statistics, favourites and lyrics. Sync writes the library; this API
 * only reads it and edits what belongs to the user (playlists, stats).
 * Results are plain data; storage failures reject with `library/*` errors.
 */
export interface LibraryApi {
  /** One track, or `undefined`. */
  getTrack(key: TrackKey): Promise<Track | undefined>;
  /** Several tracks by key, in the same order (`null` for unknown keys). */
  getTracks(keys: readonly TrackKey[]): Promise<(Track | null)[]>;
  /** One page of tracks, sorted and filtered; pass `nextCursor` back for the next page. */
  queryTracks(query?: TrackQuery): Promise<Page<Track>>;
  /** How many tracks match a filter. */
  countTracks(filter?: TrackFilter): Promise<number>;
  /**
   * One album (title, album artist, track count, year), or `undefined`.
   * Album ids follow the tags: an album renamed by its tags gets a new id.
   */
  getAlbum(albumId: string): Promise<LibraryAlbum | undefined>;
  /** One artist (name, album and track counts), or `undefined`. */
  getArtist(artistId: string): Promise<LibraryArtist | undefined>;
  /** Albums by title, or one artist's albums (`artistId`). */
  listAlbums(query?: ListQuery & { artistId?: string }): Promise<Page<LibraryAlbum>>;
  /** Artists by name. */
  listArtists(query?: ListQuery): Promise<Page<LibraryArtist>>;
  /** Folders holding tracks, optionally of one account. */
  listFolders(query?: ListQuery & { accountId?: string }): Promise<Page<LibraryFolder>>;
  /** How many tracks, albums, artists, folders and playlists the library holds. */
  counts(): Promise<LibraryCounts>;
  /**
   * Searches title, artist, album and album artist: every word must match,
   * words may be incomplete, case and accents are ignored; best first.
   */
  search(query: string, options?: SearchOptions): Promise<SearchPage>;
  /** Builds the search index now (otherwise the first search does). */
  warmUpSearch(): Promise<void>;
  /** Counts one play of a track (at `at`, ms since the epoch; default now). */
  recordPlay(key: TrackKey, at?: number): Promise<Track>;
  /** Marks or unmarks a track as a favourite. */
  setFavorite(key: TrackKey, favorite: boolean): Promise<Track>;
  /**
   * A track's lyrics: synced lines (`synced: true`, for `playback:lyrics-line`)
   * or plain text; from its tags, a `.lrc` file beside it, or — when
   * `config.metadata.remote` is enabled — LRCLIB. `undefined` when none.
   */
  getLyrics(key: TrackKey): Promise<Lyrics | undefined>;
  /**
   * A track's picture (its own, else its album's) resized to fit `size`
   * pixels (default 256; variants of 96, 256 and 512 are stored, larger asks
   * get the original): embedded, else `cover`/`folder`/`front` images in its
   * folder, else — when enabled — the Cover Art Archive. `undefined` when none.
   */
  getArtwork(key: TrackKey, size?: number): Promise<Blob | undefined>;
  /** An album's picture, as {@link LibraryApi.getArtwork}. */
  getAlbumArtwork(albumId: string, size?: number): Promise<Blob | undefined>;
  /** Every playlist, by name. */
  listPlaylists(): Promise<Playlist[]>;
  /** Creates an empty playlist. */
  createPlaylist(name: string): Promise<Playlist>;
  renamePlaylist(id: string, name: string): Promise<Playlist>;
  /** Deletes a playlist and its entries; resolves whether it existed. */
  deletePlaylist(id: string): Promise<boolean>;
  /** Inserts tracks at `index` (default: the end); resolves the new entry ids. */
  addToPlaylist(id: string, keys: readonly TrackKey[], index?: number): Promise<string[]>;
  /** Removes entries; resolves how many were removed. */
  removeFromPlaylist(id: string, entryIds: readonly string[]): Promise<number>;
  /** Moves an entry to a 0-based index. */
  movePlaylistEntry(id: string, entryId: string, toIndex: number): Promise<void>;
  /** A page of a playlist's entries, in order; deleted files show `available: false`. */
  getPlaylistEntries(id: string, query?: PlaylistEntriesQuery): Promise<PlaylistEntry[]>;
}

/**
 * The background tag scan: it runs by itself after every sync; progress
 * arrives as `metadata:progress` events.
 */
export interface MetadataApi {
  /**
   * Reads these tracks' tags before the others: the rows on screen, the
   * album being opened. (The track about to play is moved up by itself.)
   */
  prioritize(keys: readonly TrackKey[]): Promise<void>;
  /** Where the scan stands (the payload of the last `metadata:progress`). */
  getScanStatus(): Promise<MetadataProgressData>;
}

/**
 * Cloud sync, on demand. Sync also runs by itself when an account signs in
 * and every `config.sync.intervalMs`; progress arrives as `sync:*` events.
 */
export interface SyncApi {
  /**
   * Syncs one signed-in account, or every one, now (joining a job already
   * running); resolves with one summary per account synced.
   */
  syncNow(accountId?: string): Promise<SyncSummary[]>;
  /** Cancels the account's running job; it resumes from its stored cursor next time. */
  cancel(accountId: string): Promise<void>;
  /** Whether a job runs for the account (any account when none is given). */
  isSyncing(accountId?: string): Promise<boolean>;
}
