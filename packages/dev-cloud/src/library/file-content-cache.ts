import { createHash } from "node:crypto";
import { ByteLruCache } from "./byte-cache.js";
import type { ContentRenderer, FileItem } from "./library-types.js";

/**
 * A file's bytes, size and MD5, rendered on first use. Bytes live in a
 * size-bounded LRU; sizes and hashes are small and kept for as long as the
 * version exists, so a 10,000-track listing renders each file once, not on
 * every page.
 */
export class FileContentCache {
  readonly #renderer: ContentRenderer;
  readonly #bytes: ByteLruCache;
  readonly #facts = new Map<string, { size: number; md5: string }>();

  constructor(renderer: ContentRenderer, maxBytes: number) {
    this.#renderer = renderer;
    this.#bytes = new ByteLruCache(maxBytes);
  }

  /** The file's bytes; shared, not copied, so callers must only read them. */
  bytes(file: FileItem): Uint8Array {
    const { content } = file;
    if (content.type === "bytes") return content.bytes;
    const key = cacheKey(file);
    const cached = this.#bytes.get(key);
    if (cached !== undefined) return cached;
    const rendered =
      content.type === "track"
        ? this.#renderer.renderTrack(content.track)
        : this.#renderer.renderLyrics(content.track);
    this.#bytes.set(key, rendered);
    return rendered;
  }

  size(file: FileItem): number {
    return this.#factsOf(file).size;
  }

  md5(file: FileItem): string {
    return this.#factsOf(file).md5;
  }

  /** Drops what is known about this version of the file. */
  forget(file: FileItem): void {
    const key = cacheKey(file);
    this.#bytes.delete(key);
    this.#facts.delete(key);
  }

  #factsOf(file: FileItem): { size: number; md5: string } {
    // A version's bytes never change, so its size and hash outlive the bytes' eviction.
    const key = cacheKey(file);
    let facts = this.#facts.get(key);
    if (facts === undefined) {
      const bytes = this.bytes(file);
      facts = { size: bytes.byteLength, md5: createHash("md5").update(bytes).digest("hex") };
      this.#facts.set(key, facts);
    }
    return facts;
  }
}

function cacheKey(file: FileItem): string {
  return `${file.id}@${file.version}`;
}
