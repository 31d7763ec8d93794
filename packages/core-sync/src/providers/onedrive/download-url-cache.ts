/**
 * Graph's `@microsoft.graph.downloadUrl` is pre-authenticated and works for
 * about an hour, so one lookup serves every range read of a track. A URL
 * refused earlier (expired sooner, content changed) is dropped by the
 * connector and looked up again.
 */

/** How long a download URL is reused: an hour, less a margin for clock skew and slow reads. */
export const DOWNLOAD_URL_REUSE_MS = 55 * 60 * 1000;

/** Items whose URLs are kept at most; the least recently used is dropped first. */
export const DOWNLOAD_URL_CACHE_ENTRIES = 256;

/** Options of {@link DownloadUrlCache}. */
export interface DownloadUrlCacheOptions {
  /** How long an URL is reused after it was looked up, in ms. Default {@link DOWNLOAD_URL_REUSE_MS}. */
  reuseMs?: number;
  /** Most items kept. Default {@link DOWNLOAD_URL_CACHE_ENTRIES}. */
  maxEntries?: number;
  /** Clock. Default `Date.now`. */
  now?: () => number;
}

interface CachedUrl {
  url: string;
  reuseUntil: number;
}

/** Download URLs by item id, each until shortly before it expires. */
export class DownloadUrlCache {
  readonly #entries = new Map<string, CachedUrl>();
  readonly #reuseMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;

  constructor(options: DownloadUrlCacheOptions = {}) {
    this.#reuseMs = options.reuseMs ?? DOWNLOAD_URL_REUSE_MS;
    this.#maxEntries = Math.max(1, options.maxEntries ?? DOWNLOAD_URL_CACHE_ENTRIES);
    this.#now = options.now ?? Date.now;
  }

  /** The item's URL while it is still fresh, else `undefined`. */
  get(itemId: string): string | undefined {
    const entry = this.#entries.get(itemId);
    if (entry === undefined) return undefined;
    this.#entries.delete(itemId);
    if (this.#now() >= entry.reuseUntil) return undefined;
    this.#entries.set(itemId, entry); // most recently used last
    return entry.url;
  }

  /** Remembers a URL just looked up. */
  set(itemId: string, url: string): void {
    this.#entries.delete(itemId);
    this.#entries.set(itemId, { url, reuseUntil: this.#now() + this.#reuseMs });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#maxEntries) break;
      this.#entries.delete(oldest);
    }
  }

  /** Forgets `url` for the item, unless a newer URL replaced it meanwhile. */
  forget(itemId: string, url: string): void {
    if (this.#entries.get(itemId)?.url === url) this.#entries.delete(itemId);
  }

  /** Items with a URL stored (fresh or not). */
  get size(): number {
    return this.#entries.size;
  }
}
