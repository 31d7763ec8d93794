import type { LibraryApi, MetadataApi, SyncApi } from "@player/worker-host";
import type { Remote } from "comlink";

/** Runs a worker call through the player's call path (waits for `ready`, rejects after dispose). */
export type CallPath = <T>(invoke: () => Promise<T> | T) => Promise<T>;

type Method = (...args: never[]) => unknown;

/** Every method of {@link LibraryApi}; the check below fails to compile if one is missing. */
const LIBRARY_METHODS = [
  "getTrack",
  "getTracks",
  "queryTracks",
  "countTracks",
  "getAlbum",
  "getArtist",
  "listAlbums",
  "listArtists",
  "listFolders",
  "counts",
  "search",
  "warmUpSearch",
  "recordPlay",
  "setFavorite",
  "getLyrics",
  "getArtwork",
  "getAlbumArtwork",
  "listPlaylists",
  "createPlaylist",
  "renamePlaylist",
  "deletePlaylist",
  "addToPlaylist",
  "removeFromPlaylist",
  "movePlaylistEntry",
  "getPlaylistEntries",
] as const satisfies readonly (keyof LibraryApi)[];

const METADATA_METHODS = [
  "prioritize",
  "getScanStatus",
] as const satisfies readonly (keyof MetadataApi)[];

const SYNC_METHODS = [
  "syncNow",
  "cancel",
  "isSyncing",
] as const satisfies readonly (keyof SyncApi)[];

type Covers<T, Listed> = [Exclude<keyof T, Listed>] extends [never] ? true : never;
const librariesListed: Covers<LibraryApi, (typeof LIBRARY_METHODS)[number]> = true;
const syncListed: Covers<SyncApi, (typeof SYNC_METHODS)[number]> = true;
const metadataListed: Covers<MetadataApi, (typeof METADATA_METHODS)[number]> = true;
void metadataListed;
void librariesListed;
void syncListed;

/**
 * A promise API whose every method forwards to the same method of a nested
 * worker object. `remote` is read at each call: Comlink reaches nested
 * objects by path at run time, its types only model top-level methods.
 */
function bridge<T extends object>(
  names: readonly (keyof T & string)[],
  call: CallPath,
  remote: () => unknown,
): T {
  const api: Record<string, Method> = {};
  for (const name of names) {
    api[name] = (...args: never[]) =>
      call(() => ((remote() as Record<string, Method>)[name] as Method)(...args));
  }
  return Object.freeze(api) as T;
}

/** `player.library`: the worker's {@link LibraryApi}, through the player's call path. */
export function createLibraryBridge(call: CallPath, remote: () => Remote<LibraryApi>): LibraryApi {
  return bridge<LibraryApi>(LIBRARY_METHODS, call, remote);
}

/** `player.metadata`: the worker's {@link MetadataApi}, through the player's call path. */
export function createMetadataBridge(
  call: CallPath,
  remote: () => Remote<MetadataApi>,
): MetadataApi {
  return bridge<MetadataApi>(METADATA_METHODS, call, remote);
}

/** `player.sync`: the worker's {@link SyncApi}, through the player's call path. */
export function createSyncBridge(call: CallPath, remote: () => Remote<SyncApi>): SyncApi {
  return bridge<SyncApi>(SYNC_METHODS, call, remote);
}
