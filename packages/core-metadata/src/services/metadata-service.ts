import type { LibraryService, Track, TrackKey } from "@player/core-library";
import type { EventBus, Logger, MetadataProgressData, StorageProvider } from "@player/core-runtime";
import type { Lyrics } from "../lyrics/lyrics.js";
import type { RemoteLyrics } from "../lyrics/resolve-lyrics.js";
import { MetadataScanner } from "../scan/metadata-scanner.js";
import { ArtworkService, type EmbeddedPictureReader } from "./artwork-service.js";
import { LyricsAnnouncer } from "./lyrics-announcer.js";
import { LyricsService } from "./lyrics-service.js";

/** Remote enrichment (Cover Art Archive through MusicBrainz, LRCLIB), when the host enables it. */
export interface RemoteEnrichment {
  /** The front cover of the track's release; `undefined` when there is none. */
  coverFor(track: Track, signal?: AbortSignal): Promise<Uint8Array | undefined>;
  /** The track's lyrics; `undefined` when there are none. */
  lyricsFor(track: Track, signal?: AbortSignal): Promise<RemoteLyrics | undefined>;
}

/** Options of {@link MetadataService}. */
export interface MetadataServiceOptions {
  bus: EventBus;
  library: LibraryService;
  /** The accounts whose tracks to scan (the signed-in ones). */
  accountIds: () => Promise<readonly string[]> | readonly string[];
  storageFor: (accountId: string) => StorageProvider | undefined;
  readEmbeddedPicture: EmbeddedPictureReader;
  /** Files the tag scan reads at once. Default 4. */
  scanConcurrency?: number;
  remote?: RemoteEnrichment;
  logger?: Logger;
}

/**
 * Everything core-metadata does for the player, on its bus: the background
 * tag scan, artwork and lyrics on demand, and `playback:lyrics-line` while a
 * track with synced lyrics plays.
 */
export class MetadataService {
  readonly #scanner: MetadataScanner;
  readonly #artwork: ArtworkService;
  readonly #lyrics: LyricsService;
  readonly #announcer: LyricsAnnouncer;
  readonly #stopTidying: () => void;
  #tidying: Promise<void> = Promise.resolve();
  /** Lyrics being read for tracks about to play, taken by the announcer at `track-changed`. */
  readonly #prepared = new Map<TrackKey, Promise<Lyrics | undefined>>();

  constructor(options: MetadataServiceOptions) {
    const { bus, library, storageFor, logger } = options;
    this.#scanner = new MetadataScanner({
      bus,
      library,
      accountIds: options.accountIds,
      storageFor,
      ...(options.scanConcurrency === undefined ? {} : { concurrency: options.scanConcurrency }),
      ...(logger === undefined ? {} : { logger: logger.child("scan") }),
    });
    this.#artwork = new ArtworkService({
      library,
      storageFor,
      readEmbeddedPicture: options.readEmbeddedPicture,
      ...(logger === undefined ? {} : { logger: logger.child("artwork") }),
    });
    this.#lyrics = new LyricsService({
      library,
      storageFor,
      ...(logger === undefined ? {} : { logger: logger.child("lyrics") }),
    });
    this.setRemote(options.remote);
    // Each time the scan goes idle, sync and tags have settled: pictures of albums
    // that are gone (removed, or renamed by their tags) are dropped.
    this.#stopTidying = bus.on("metadata:progress", ({ state }) => {
      if (state !== "idle") return;
      this.#tidying = this.#tidying.then(async () => {
        try {
          await library.artwork.deleteLinksOfMissingAlbums();
          await library.artwork.deleteUnreferencedImages();
        } catch (error) {
          logger?.warn("artwork clean-up failed", { error: String(error) });
        }
      });
    });
    this.#announcer = new LyricsAnnouncer({
      bus,
      lyricsFor: (key) => {
        const prepared = this.#prepared.get(key);
        this.#prepared.delete(key);
        return prepared ?? this.getLyrics(key);
      },
    });
  }

  /** Starts the background scan (and rescans whenever sync adds or changes tracks). */
  start(): void {
    this.#scanner.start();
  }

  /** Where the tag scan stands. */
  get scanStatus(): MetadataProgressData {
    return this.#scanner.status;
  }

  /** Reads these tracks' tags before the others (visible rows, an opened album, the next track). */
  prioritize(keys: readonly TrackKey[]): void {
    this.#scanner.prioritize(keys);
  }

  /**
   * Gets ready for a track about to play: its tags are read first, and its
   * lyrics are read now, so its first line is announced on time.
   */
  prepare(key: TrackKey): void {
    this.#scanner.prioritize([key]);
    // Only the latest few: a user skipping through tracks leaves no backlog.
    if (this.#prepared.size >= 4) this.#prepared.clear();
    const lyrics = this.getLyrics(key);
    lyrics.catch(() => undefined);
    this.#prepared.set(key, lyrics);
  }

  /** Resolves when the tag scan has nothing left to read. */
  whenScanIdle(): Promise<void> {
    return this.#scanner.whenIdle();
  }

  set scanConcurrency(value: number) {
    this.#scanner.concurrency = value;
  }

  /** Switches remote enrichment on (with these clients) or off (`undefined`). */
  setRemote(remote: RemoteEnrichment | undefined): void {
    this.#artwork.setRemote(
      remote === undefined ? undefined : (track, signal) => remote.coverFor(track, signal),
    );
    this.#lyrics.setRemote(
      remote === undefined ? undefined : (track, signal) => remote.lyricsFor(track, signal),
    );
  }

  /** A track's picture (its own, else its album's) at `size` pixels. */
  getArtwork(key: TrackKey, size: number): Promise<Blob | undefined> {
    return this.#artwork.forTrack(key, size);
  }

  /** An album's picture at `size` pixels. */
  getAlbumArtwork(albumId: string, size: number): Promise<Blob | undefined> {
    return this.#artwork.forAlbum(albumId, size);
  }

  /** A track's lyrics, synced or plain. */
  getLyrics(key: TrackKey): Promise<Lyrics | undefined> {
    return this.#lyrics.get(key);
  }

  /** Resolves when the artwork clean-up that follows an idle scan is done (tests). */
  whenTidy(): Promise<void> {
    return this.#tidying;
  }

  dispose(): void {
    this.#stopTidying();
    this.#scanner.dispose();
    this.#announcer.dispose();
  }
}
