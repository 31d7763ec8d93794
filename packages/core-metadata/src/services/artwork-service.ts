import type { ArtworkStore, LibraryService, Track, TrackKey } from "@player/core-library";
import type { Logger, StorageProvider } from "@player/core-runtime";
import type { ArtworkSources, FolderImageFile } from "../artwork/artwork-candidates.js";
import { getArtworkBlob } from "../artwork/get-artwork-blob.js";
import { resolveArtwork } from "../artwork/resolve-artwork.js";

/** Reads the picture embedded in a file (front cover first), or `undefined` when it has none. */
export type EmbeddedPictureReader = (
  storage: StorageProvider,
  remoteId: string,
  options: { signal?: AbortSignal },
) => Promise<{ mimeType: string; data: Uint8Array } | undefined>;

/** Options of {@link ArtworkService}. */
export interface ArtworkServiceOptions {
  library: Pick<LibraryService, "getTrack" | "queryTracks" | "coverImagesIn"> & {
    readonly artwork: ArtworkStore;
  };
  storageFor: (accountId: string) => StorageProvider | undefined;
  readEmbeddedPicture: EmbeddedPictureReader;
  /** The front cover from a remote source, when the host enabled remote enrichment. */
  readRemote?: (track: Track, signal?: AbortSignal) => Promise<Uint8Array | undefined>;
  /** Variant edges made for every image. Default 96, 256, 512. */
  sizes?: readonly number[];
  logger?: Logger;
}

/** Cover images larger than this are not read (a scan of a poster, not a cover). */
const MAX_FOLDER_IMAGE_BYTES = 20 * 1024 * 1024;

/**
 * Pictures for tracks and albums, found the first time they are asked for
 * (so no picture bytes are read for rows nobody shows) and then served from
 * IndexedDB: the embedded picture, then `cover`/`folder`/`front` images in
 * the folder, then — when enabled — the remote source. One lookup per album
 * at a time; concurrent asks for the same album share it.
 */
export class ArtworkService {
  readonly #options: ArtworkServiceOptions;
  readonly #resolving = new Map<string, Promise<void>>();
  /** Albums looked up again in this session after a lookup that found nothing (once each). */
  readonly #retried = new Set<string>();

  constructor(options: ArtworkServiceOptions) {
    this.#options = options;
  }

  /** Sets or clears the remote source (remote enrichment switched on or off). */
  setRemote(readRemote: ArtworkServiceOptions["readRemote"]): void {
    if (readRemote === undefined) delete this.#options.readRemote;
    else this.#options.readRemote = readRemote;
  }

  /**
   * A track's picture at `size` pixels (its own, else its album's), finding
   * it first if it was never looked for; `undefined` when there is none.
   */
  async forTrack(key: TrackKey, size: number, signal?: AbortSignal): Promise<Blob | undefined> {
    const track = await this.#options.library.getTrack(key);
    if (track === undefined) return undefined;
    const target = { trackKey: key, albumId: track.albumId };
    const store = this.#options.library.artwork;
    const links = await store.linksFor(key, track.albumId);
    // Never looked for: find it. A lookup that found nothing is kept (it is not retried here).
    if (links.track === undefined && links.album === undefined) {
      await this.#resolveOnce(track, signal);
    }
    return getArtworkBlob(store, target, size);
  }

  /**
   * An album's picture at `size` pixels, found through one of its tracks when
   * never looked for: a track whose tags hold a picture if the scan saw one.
   * A lookup that found nothing is repeated once the scan has found a track
   * with a picture.
   */
  async forAlbum(albumId: string, size: number, signal?: AbortSignal): Promise<Blob | undefined> {
    const store = this.#options.library.artwork;
    const link = await store.getLink(`album:${albumId}`);
    if (link === undefined || link.hash === undefined) {
      const page = await this.#options.library.queryTracks({
        filter: { albumId },
        sort: "album",
        limit: 100,
      });
      const withPicture = page.items.find((track) => track.details?.hasPicture === true);
      const track = withPicture ?? page.items[0];
      const retry = link !== undefined && withPicture !== undefined && !this.#retried.has(albumId);
      if (track !== undefined && (link === undefined || retry)) {
        if (retry) {
          this.#retried.add(albumId);
          await store.clearLinks([`album:${albumId}`]);
        }
        await this.#resolveOnce(track, signal);
      }
    }
    return getArtworkBlob(store, { albumId }, size);
  }

  #resolveOnce(track: Track, signal?: AbortSignal): Promise<void> {
    const key = track.albumId;
    const running = this.#resolving.get(key);
    if (running !== undefined) return running;
    const job = this.#resolve(track, signal).finally(() => this.#resolving.delete(key));
    this.#resolving.set(key, job);
    return job;
  }

  async #resolve(track: Track, signal?: AbortSignal): Promise<void> {
    const { library, storageFor, readEmbeddedPicture, readRemote, sizes, logger } = this.#options;
    const storage = storageFor(track.accountId);
    const sources: ArtworkSources = {};
    if (storage !== undefined) {
      sources.readEmbedded = () =>
        readEmbeddedPicture(storage, track.remoteId, signal === undefined ? {} : { signal });
      const covers = await library.coverImagesIn(track.folderId);
      sources.folderImages = covers
        .filter((cover) => cover.sizeBytes <= MAX_FOLDER_IMAGE_BYTES)
        .map(
          (cover): FolderImageFile => ({
            name: cover.name,
            read: () => readWhole(storage, cover.remoteId, cover.sizeBytes, signal),
          }),
        );
    }
    if (readRemote !== undefined) sources.readRemote = () => readRemote(track, signal);
    const hasPicture = track.details?.hasPicture;
    const result = await resolveArtwork(
      {
        trackKey: track.key,
        albumId: track.albumId,
        ...(hasPicture === undefined ? {} : { hasEmbeddedPicture: hasPicture }),
      },
      sources,
      library.artwork,
      {
        ...(sizes === undefined ? {} : { sizes }),
        ...(signal === undefined ? {} : { signal }),
      },
    );
    for (const warning of result.warnings) {
      logger?.warn("artwork source skipped", {
        trackId: track.key,
        source: warning.source,
        code: warning.error.code,
        message: warning.error.message,
      });
    }
  }
}

/** The whole file, in one range read. */
async function readWhole(
  storage: StorageProvider,
  remoteId: string,
  size: number,
  signal?: AbortSignal,
): Promise<Uint8Array> {
  const result = await storage.readRange(
    remoteId,
    { start: 0, end: Math.max(0, size - 1) },
    signal === undefined ? {} : { signal },
  );
  return result.bytes;
}
