import type {
  LibraryAlbum,
  LibraryArtist,
  LibraryCounts,
  LibraryFolder,
  LibraryService,
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
import type { Lyrics, MetadataService } from "@player/core-metadata";
import { PlayerError, requireString } from "@player/core-runtime";
import type { LibraryApi, PlaylistEntriesQuery, SearchOptions } from "../library-api.js";

/**
 * The page's view of the library: checks the shape of every argument (they
 * come from another realm) and passes the call on to {@link LibraryService}.
 * The SyncTarget writes and the worker-only records (cache, session) stay out.
 */
export class LibraryApiService implements LibraryApi {
  readonly #library: LibraryService;
  readonly #metadata: MetadataService;

  constructor(library: LibraryService, metadata: MetadataService) {
    this.#library = library;
    this.#metadata = metadata;
  }

  async getTrack(key: TrackKey): Promise<Track | undefined> {
    return this.#library.getTrack(requireString(key, "key"));
  }

  async getTracks(keys: readonly TrackKey[]): Promise<(Track | null)[]> {
    return this.#library.getTracks(requireStrings(keys, "keys"));
  }

  async queryTracks(query: TrackQuery = {}): Promise<Page<Track>> {
    return this.#library.queryTracks(optionalObject(query, "query"));
  }

  async countTracks(filter: TrackFilter = {}): Promise<number> {
    return this.#library.countTracks(optionalObject(filter, "filter"));
  }

  async getAlbum(albumId: string): Promise<LibraryAlbum | undefined> {
    return this.#library.getAlbum(requireString(albumId, "albumId"));
  }

  async getArtist(artistId: string): Promise<LibraryArtist | undefined> {
    return this.#library.getArtist(requireString(artistId, "artistId"));
  }

  async listAlbums(query: ListQuery & { artistId?: string } = {}): Promise<Page<LibraryAlbum>> {
    return this.#library.listAlbums(optionalObject(query, "query"));
  }

  async listArtists(query: ListQuery = {}): Promise<Page<LibraryArtist>> {
    return this.#library.listArtists(optionalObject(query, "query"));
  }

  async listFolders(query: ListQuery & { accountId?: string } = {}): Promise<Page<LibraryFolder>> {
    return this.#library.listFolders(optionalObject(query, "query"));
  }

  counts(): Promise<LibraryCounts> {
    return this.#library.counts();
  }

  async search(query: string, options: SearchOptions = {}): Promise<SearchPage> {
    if (typeof query !== "string") throw invalid("query", 'Argument "query" must be a string');
    return this.#library.search(query, optionalObject(options, "options"));
  }

  warmUpSearch(): Promise<void> {
    return this.#library.warmUpSearch();
  }

  async recordPlay(key: TrackKey, at?: number): Promise<Track> {
    requireString(key, "key");
    if (at === undefined) return this.#library.recordPlay(key);
    if (!Number.isFinite(at)) throw invalid("at", 'Argument "at" must be a finite number');
    return this.#library.recordPlay(key, at);
  }

  async setFavorite(key: TrackKey, favorite: boolean): Promise<Track> {
    requireString(key, "key");
    if (typeof favorite !== "boolean") {
      throw invalid("favorite", 'Argument "favorite" must be a boolean');
    }
    return this.#library.setFavorite(key, favorite);
  }

  async getLyrics(key: TrackKey): Promise<Lyrics | undefined> {
    return this.#metadata.getLyrics(requireString(key, "key"));
  }

  async getArtwork(key: TrackKey, size = DEFAULT_ARTWORK_SIZE): Promise<Blob | undefined> {
    return this.#metadata.getArtwork(requireString(key, "key"), requireSize(size));
  }

  async getAlbumArtwork(albumId: string, size = DEFAULT_ARTWORK_SIZE): Promise<Blob | undefined> {
    return this.#metadata.getAlbumArtwork(requireString(albumId, "albumId"), requireSize(size));
  }

  listPlaylists(): Promise<Playlist[]> {
    return this.#library.listPlaylists();
  }

  async createPlaylist(name: string): Promise<Playlist> {
    return this.#library.createPlaylist(requireString(name, "name"));
  }

  async renamePlaylist(id: string, name: string): Promise<Playlist> {
    return this.#library.renamePlaylist(requireString(id, "id"), requireString(name, "name"));
  }

  async deletePlaylist(id: string): Promise<boolean> {
    return this.#library.deletePlaylist(requireString(id, "id"));
  }

  async addToPlaylist(id: string, keys: readonly TrackKey[], index?: number): Promise<string[]> {
    return this.#library.addToPlaylist(
      requireString(id, "id"),
      requireStrings(keys, "keys"),
      index,
    );
  }

  async removeFromPlaylist(id: string, entryIds: readonly string[]): Promise<number> {
    return this.#library.removeFromPlaylist(
      requireString(id, "id"),
      requireStrings(entryIds, "entryIds"),
    );
  }

  async movePlaylistEntry(id: string, entryId: string, toIndex: number): Promise<void> {
    return this.#library.movePlaylistEntry(
      requireString(id, "id"),
      requireString(entryId, "entryId"),
      toIndex,
    );
  }

  async getPlaylistEntries(id: string, query: PlaylistEntriesQuery = {}): Promise<PlaylistEntry[]> {
    return this.#library.getPlaylistEntries(
      requireString(id, "id"),
      optionalObject(query, "query"),
    );
  }
}

/** Pixels of `getArtwork` without a size: a list row's or grid tile's picture. */
const DEFAULT_ARTWORK_SIZE = 256;

function requireSize(value: unknown): number {
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 4096) {
    throw invalid(
      "size",
      `Argument "size" must be an integer from 1 to 4096, got ${String(value)}`,
    );
  }
  return value as number;
}

function invalid(argument: string, message: string): PlayerError {
  return new PlayerError("runtime/invalid-argument", message, { details: { argument } });
}

function requireStrings(value: unknown, name: string): string[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw invalid(name, `Argument "${name}" must be an array of strings`);
  }
  return value;
}

/** `undefined` means "no options"; anything else must be a plain object. */
function optionalObject<T extends object>(value: T | undefined, name: string): T {
  if (value === undefined || value === null) return {} as T;
  if (typeof value !== "object" || Array.isArray(value)) {
    throw invalid(name, `Argument "${name}" must be an object`);
  }
  return value;
}
