import { PlayerError } from "@player/core-runtime";
import { ArtworkStore } from "./artwork-store.js";
import type { LibraryDatabase } from "./library-database.js";
import { notFound, toLibraryError } from "./library-errors.js";
import type { CacheEntryRecord, FolderImageRecord, SessionSnapshot } from "./library-records.js";
import {
  cacheBytes,
  coverImagesIn,
  isSessionSnapshot,
  leastRecentlyUsed,
  readLyrics,
  type TrackLyrics,
  writeLyrics,
} from "./track-assets.js";
import type { TrackKey } from "./track-identity.js";

/**
 * The database, clock and error mapping of {@link LibraryService}, with its
 * lyrics, offline-cache and session methods (split out to keep one
 * concept per file; `LibraryService` is the class to use).
 */
export class LibraryAssetsBase {
  /** The underlying Dexie database (diagnostics and tests). */
  readonly database: LibraryDatabase;
  protected readonly db: LibraryDatabase;
  /** Pictures of tracks and albums, stored once per distinct image. */
  readonly artwork: ArtworkStore;
  protected readonly now: () => number;

  constructor(db: LibraryDatabase, now: () => number) {
    this.db = db;
    this.database = db;
    this.now = now;
    this.artwork = new ArtworkStore(db, now);
  }

  // ── Lyrics, offline cache, session ─────────────────────────────

  /** Linked `.lrc` sidecars and stored lyrics of a track (`undefined` for unknown tracks). */
  getLyrics(key: TrackKey): Promise<TrackLyrics | undefined> {
    return this.guard("get-lyrics", () => readLyrics(this.db, key));
  }

  /** Stores lyrics text for a track. */
  saveLyrics(
    key: TrackKey,
    text: string,
    source: "sidecar" | "embedded" | "remote",
  ): Promise<void> {
    return this.guard("save-lyrics", async () => {
      const track = await this.db.tracks.get(key);
      if (track === undefined) throw notFound("track", key);
      await writeLyrics(this.db, key, track.accountId, text, source, this.now());
    });
  }

  /** Cover images (`cover.jpg`, `folder.png`, `front.webp`) in a folder, best name first. */
  coverImagesIn(folderId: string): Promise<FolderImageRecord[]> {
    return this.guard("cover-images-in", () => coverImagesIn(this.db, folderId));
  }

  /** Records (or replaces) an offline cache entry. */
  putCacheEntry(entry: CacheEntryRecord): Promise<void> {
    return this.guard("put-cache-entry", async () => {
      await this.db.cacheEntries.put({ ...entry });
    });
  }

  getCacheEntry(key: TrackKey): Promise<CacheEntryRecord | undefined> {
    return this.guard("get-cache-entry", () => this.db.cacheEntries.get(key));
  }

  deleteCacheEntry(key: TrackKey): Promise<void> {
    return this.guard("delete-cache-entry", () => this.db.cacheEntries.delete(key));
  }

  /** Cache entries, least recently used first. */
  leastRecentlyUsedCacheEntries(limit = 50): Promise<CacheEntryRecord[]> {
    return this.guard("list-cache-entries", () => leastRecentlyUsed(this.db, limit));
  }

  /** Bytes held by cache entries. */
  cacheSize(accountId?: string): Promise<number> {
    return this.guard("cache-size", () => cacheBytes(this.db, accountId));
  }

  /** Stores the playback session to restore after a restart. */
  saveSession(snapshot: SessionSnapshot): Promise<void> {
    return this.guard("save-session", async () => {
      if (!isSessionSnapshot(snapshot)) {
        throw new PlayerError("runtime/invalid-argument", "Not a session snapshot.");
      }
      await this.db.session.put({
        id: "current",
        snapshot: structuredClone(snapshot),
        savedAt: this.now(),
      });
    });
  }

  /** The last stored session, or `undefined`. */
  loadSession(): Promise<SessionSnapshot | undefined> {
    return this.guard("load-session", async () => (await this.db.session.get("current"))?.snapshot);
  }

  /** Runs a storage operation, turning any failure into a `library/*` PlayerError. */
  protected async guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toLibraryError(operation, error);
    }
  }
}
