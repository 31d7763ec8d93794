import type { EventBus } from "@player/core-runtime";
import {
  countCatalog,
  type LibraryAlbum,
  type LibraryArtist,
  type LibraryCounts,
  type LibraryFolder,
  type ListQuery,
  queryAlbums,
  queryArtists,
  queryFolders,
  readAlbum,
  readArtist,
} from "./catalog-query.js";
import { ChangeNotifier } from "./change-notifier.js";
import type { FileTags } from "./file-name-tags.js";
import { LibraryAssetsBase } from "./library-assets-base.js";
import { LIBRARY_DATABASE_NAME, LibraryDatabase } from "./library-database.js";
import { notFound } from "./library-errors.js";
import type { TrackRecord } from "./library-records.js";
import { type Playlist, type PlaylistEntry, PlaylistStore } from "./playlist-store.js";
import { SearchCoordinator, type SearchPage } from "./search-coordinator.js";
import { applySyncBatch } from "./sync-applier.js";
import type { SyncBatch, SyncBatchResult, SyncCursor, SyncTarget } from "./sync-contract.js";
import {
  countNeedingTags,
  readNeedingTags,
  type TagResult,
  writeTagResults,
} from "./tag-writer.js";
import type { Track } from "./track.js";
import { removeAccountData } from "./track-assets.js";
import type { TrackKey } from "./track-identity.js";
import {
  countTracks,
  type Page,
  queryTracks,
  type TrackFilter,
  type TrackQuery,
} from "./track-query.js";
import { toTrack } from "./track-records.js";

/** Options of {@link LibraryService}. */
export interface LibraryServiceOptions {
  /** Where `library:*` events go; none are emitted without it. */
  bus?: EventBus;
  /** The IndexedDB factory; default the realm's `indexedDB`. Inject `fake-indexeddb` in Node. */
  indexedDB?: IDBFactory;
  /** Goes with {@link LibraryServiceOptions.indexedDB}. */
  IDBKeyRange?: typeof IDBKeyRange;
  /** Database name. Default `player-library`. */
  name?: string;
  /** Clock, in milliseconds since the epoch. Default `Date.now`. */
  now?: () => number;
}

/**
 * The music library: one facade over the IndexedDB database for the page
 * (paged queries, search, playlists, statistics) and for core-sync
 * ({@link SyncTarget}). Arguments and results are plain, structured-clone
 * friendly data. Every storage failure rejects with a `library/*` PlayerError
 * whose `cause` is the original error.
 *
 * @example
 * ```ts
 * import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
 * const library = new LibraryService({ bus, indexedDB: new IDBFactory(), IDBKeyRange });
 * const page = await library.queryTracks({ sort: "artist", limit: 50 });
 * const more = await library.queryTracks({ sort: "artist", limit: 50, cursor: page.nextCursor });
 * ```
 */
export class LibraryService extends LibraryAssetsBase implements SyncTarget {
  readonly #notifier: ChangeNotifier;
  readonly #playlists: PlaylistStore;
  readonly #search: SearchCoordinator;

  constructor(options: LibraryServiceOptions = {}) {
    const name = options.name ?? LIBRARY_DATABASE_NAME;
    super(
      options.indexedDB === undefined
        ? new LibraryDatabase(name)
        : new LibraryDatabase(name, {
            indexedDB: options.indexedDB,
            IDBKeyRange: options.IDBKeyRange ?? globalThis.IDBKeyRange,
          }),
      options.now ?? Date.now,
    );
    this.#notifier = new ChangeNotifier(options.bus);
    this.#playlists = new PlaylistStore(this.db, () => crypto.randomUUID());
    this.#search = new SearchCoordinator(this.db);
  }

  /** Opens the database (otherwise the first call does), running any migrations. */
  open(): Promise<void> {
    return this.guard("open", async () => {
      await this.db.open();
    });
  }

  /** Closes the database and stops emitting events. */
  destroy(): void {
    this.#notifier.destroy();
    this.#search.clear();
    this.db.close();
  }

  // ── SyncTarget ──────────────────────────────────────────────────────────

  /** The stored cursor of an account, or `undefined` before its first sync. */
  getSyncCursor(accountId: string): Promise<SyncCursor | undefined> {
    return this.guard(
      "get-sync-cursor",
      async () => (await this.db.syncState.get(accountId))?.cursor,
    );
  }

  /** Applies a sync batch and stores its cursor in one transaction; a replay changes nothing. */
  applySyncBatch(batch: SyncBatch): Promise<SyncBatchResult> {
    return this.guard("apply-sync-batch", async () => {
      const applied = await applySyncBatch(this.db, batch, this.now());
      this.#search.apply(applied.written, applied.removedKeys);
      const { added, updated, removed } = applied.result;
      this.#notifier.tracksChanged({
        added,
        updated,
        removed,
        keys: [...applied.written.map((row) => row.key), ...applied.removedKeys],
        accountIds: [batch.accountId],
      });
      return applied.result;
    });
  }

  /** Forgets an account's tracks, sidecars, cache entries and cursor (sign-out). */
  removeAccount(accountId: string): Promise<void> {
    return this.guard("remove-account", async () => {
      const removed = await removeAccountData(this.db, accountId);
      // Pictures only the removed tracks and albums showed.
      await this.artwork.deleteLinksOfMissingAlbums();
      await this.artwork.deleteUnreferencedImages();
      this.#search.apply([], removed);
      this.#notifier.tracksChanged({
        removed: removed.length,
        keys: removed,
        accountIds: [accountId],
      });
    });
  }

  // ── Tracks ──────────────────────────────────────────────────────────────

  /** One track, or `undefined`. */
  getTrack(key: TrackKey): Promise<Track | undefined> {
    return this.guard("get-track", async () => {
      const row = await this.db.tracks.get(key);
      return row === undefined ? undefined : toTrack(row);
    });
  }

  /** Several tracks by key, in the same order (`null` for unknown keys). */
  getTracks(keys: readonly TrackKey[]): Promise<(Track | null)[]> {
    return this.guard("get-tracks", async () =>
      (await this.db.tracks.bulkGet([...keys])).map((row) =>
        row === undefined ? null : toTrack(row),
      ),
    );
  }

  /** One page of tracks, sorted and filtered; pass `nextCursor` back for the next page. */
  queryTracks(query: TrackQuery = {}): Promise<Page<Track>> {
    return this.guard("query-tracks", async () => {
      const page = await queryTracks(this.db, query);
      return { items: page.items.map(toTrack), nextCursor: page.nextCursor };
    });
  }

  /** How many tracks match a filter. */
  countTracks(filter: TrackFilter = {}): Promise<number> {
    return this.guard("count-tracks", () => countTracks(this.db, filter));
  }

  /** Albums by title, or one artist's albums (`artistId`). */
  listAlbums(query: ListQuery & { artistId?: string } = {}): Promise<Page<LibraryAlbum>> {
    return this.guard("list-albums", () => queryAlbums(this.db, query));
  }

  /** Artists by name. */
  listArtists(query: ListQuery = {}): Promise<Page<LibraryArtist>> {
    return this.guard("list-artists", () => queryArtists(this.db, query));
  }

  /** Folders holding tracks. */
  listFolders(query: ListQuery & { accountId?: string } = {}): Promise<Page<LibraryFolder>> {
    return this.guard("list-folders", () => queryFolders(this.db, query));
  }

  /** One album, or `undefined` (album ids change when tags rename an album). */
  getAlbum(id: string): Promise<LibraryAlbum | undefined> {
    return this.guard("get-album", () => readAlbum(this.db, id));
  }

  /** One artist, or `undefined`. */
  getArtist(id: string): Promise<LibraryArtist | undefined> {
    return this.guard("get-artist", () => readArtist(this.db, id));
  }

  /** Sizes of the library. */
  counts(): Promise<LibraryCounts> {
    return this.guard("counts", () => countCatalog(this.db));
  }

  /**
   * Searches title, artist, album and album artist: every word must match, the
   * words may be incomplete, case and accents are ignored; best matches first.
   */
  search(query: string, options: { limit?: number; offset?: number } = {}): Promise<SearchPage> {
    return this.guard("search", () =>
      this.#search.search(query, options.offset ?? 0, options.limit ?? 50),
    );
  }

  /** Builds the search index now (otherwise the first search does). */
  warmUpSearch(): Promise<void> {
    return this.guard("warm-up-search", () => this.#search.ready());
  }

  // ── Statistics and favourites ───────────────────────────────────────────

  /** Counts one play of a track. */
  recordPlay(key: TrackKey, at: number = this.now()): Promise<Track> {
    return this.#updateTrack("record-play", key, (row) => ({
      ...row,
      playCount: row.playCount + 1,
      lastPlayedAt: at,
    }));
  }

  /** Marks or unmarks a track as a favourite. */
  setFavorite(key: TrackKey, favorite: boolean): Promise<Track> {
    return this.#updateTrack("set-favorite", key, (row) => {
      const { favoriteAt, ...rest } = row;
      return favorite ? { ...rest, favoriteAt: favoriteAt ?? this.now() } : rest;
    });
  }

  /** How many tracks of an account wait for their tags to be read. */
  countTracksNeedingTags(accountId: string): Promise<number> {
    return this.guard("count-tracks-needing-tags", () => countNeedingTags(this.db, accountId));
  }

  /**
   * Tracks of an account whose tags are still to be read (for core-metadata),
   * leaving out the keys in `skip` (those already being read).
   */
  tracksNeedingTags(accountId: string, limit = 50, skip?: ReadonlySet<TrackKey>): Promise<Track[]> {
    return this.guard("tracks-needing-tags", async () =>
      (await readNeedingTags(this.db, accountId, limit, skip)).map(toTrack),
    );
  }

  /**
   * Stores tags read from a file. Ignored (resolves `undefined`) when the file
   * changed since it was read (`contentVersion` differs) or is gone.
   */
  async applyTags(
    key: TrackKey,
    contentVersion: string,
    tags: FileTags,
  ): Promise<Track | undefined> {
    return (await this.applyTagResults([{ key, contentVersion, tags }]))[0];
  }

  /**
   * Stores the outcome of reading several files' tags in ONE transaction:
   * tags, or a `warning` when a file's tags could not be read (the track then
   * keeps its file-name or provider fields, carries the warning as
   * `tagWarning`, and is not read again until its bytes change). Results for
   * files that changed since they were read, or are gone, are ignored.
   *
   * @returns The tracks written.
   */
  applyTagResults(results: readonly TagResult[]): Promise<Track[]> {
    return this.guard("apply-tags", async () => {
      const written = await writeTagResults(this.db, results);
      if (written.length === 0) return [];
      this.#search.apply(written, []);
      this.#notifier.tracksChanged({
        updated: written.length,
        keys: written.map((row) => row.key),
        accountIds: [...new Set(written.map((row) => row.accountId))],
      });
      return written.map(toTrack);
    });
  }

  // ── Playlists ───────────────────────────────────────────────────────────

  /** Every playlist, by name. */
  listPlaylists(): Promise<Playlist[]> {
    return this.guard("list-playlists", () => this.#playlists.list());
  }

  /** Creates an empty playlist. */
  createPlaylist(name: string): Promise<Playlist> {
    return this.#playlistWrite("create-playlist", async () => {
      const playlist = await this.#playlists.create(name, this.now());
      return [playlist, playlist.id];
    });
  }

  /** Renames a playlist. */
  renamePlaylist(id: string, name: string): Promise<Playlist> {
    return this.#playlistWrite("rename-playlist", async () => [
      await this.#playlists.rename(id, name, this.now()),
      id,
    ]);
  }

  /** Deletes a playlist and its entries; resolves whether it existed. */
  deletePlaylist(id: string): Promise<boolean> {
    return this.#playlistWrite("delete-playlist", async () => [
      await this.#playlists.delete(id),
      id,
    ]);
  }

  /** Inserts tracks at `index` (default: the end); resolves the new entry ids. */
  addToPlaylist(id: string, keys: readonly TrackKey[], index?: number): Promise<string[]> {
    return this.#playlistWrite("add-to-playlist", async () => [
      await this.#playlists.add(id, keys, index, this.now()),
      id,
    ]);
  }

  /** Removes entries; resolves how many. */
  removeFromPlaylist(id: string, entryIds: readonly string[]): Promise<number> {
    return this.#playlistWrite("remove-from-playlist", async () => [
      await this.#playlists.remove(id, entryIds, this.now()),
      id,
    ]);
  }

  /** Moves an entry to a 0-based index. */
  movePlaylistEntry(id: string, entryId: string, toIndex: number): Promise<void> {
    return this.#playlistWrite("move-playlist-entry", async () => [
      await this.#playlists.move(id, entryId, toIndex, this.now()),
      id,
    ]);
  }

  /** A page of a playlist's entries, in order; deleted files show `available: false`. */
  getPlaylistEntries(
    id: string,
    options: { offset?: number; limit?: number } = {},
  ): Promise<PlaylistEntry[]> {
    return this.guard("get-playlist-entries", () =>
      this.#playlists.entries(id, options.offset ?? 0, options.limit ?? 100),
    );
  }

  async #updateTrack(
    operation: string,
    key: TrackKey,
    change: (row: TrackRecord) => TrackRecord,
  ): Promise<Track> {
    return this.guard(operation, async () => {
      const updated = await this.db.transaction("rw", this.db.tracks, async () => {
        const row = await this.db.tracks.get(key);
        if (row === undefined) throw notFound("track", key);
        const next = change(row);
        await this.db.tracks.put(next);
        return next;
      });
      this.#notifier.tracksChanged({ updated: 1, keys: [key], accountIds: [updated.accountId] });
      return toTrack(updated);
    });
  }

  async #playlistWrite<T>(operation: string, run: () => Promise<[T, string]>): Promise<T> {
    return this.guard(operation, async () => {
      const [result, id] = await run();
      this.#notifier.playlistsChanged([id]);
      return result;
    });
  }
}
