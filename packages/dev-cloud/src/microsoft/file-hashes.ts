import { createHash } from "node:crypto";
import type { FileItem } from "../library/library-types.js";
import { quickXorHash } from "./quick-xor-hash.js";

/** The `file.hashes` facet. */
export interface FileHashesFacet {
  /** Upper-case hex, as OneDrive writes it. */
  sha1Hash: string;
  /** Base64. */
  quickXorHash: string;
}

/**
 * Hashes of file contents, cached per item version: every listing shows
 * them, and hashing a whole library on each request would be slow.
 */
export class FileHashes {
  private readonly cache = new Map<string, FileHashesFacet>();

  /**
   * The hashes of `file` at its current version.
   *
   * @param file - The item (its id and version key the cache).
   * @param readBytes - Reads its current bytes; called only on a cache miss.
   */
  of(file: FileItem, readBytes: () => Uint8Array): FileHashesFacet {
    const key = `${file.id}\u0000${file.version}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    const bytes = readBytes();
    const facet: FileHashesFacet = {
      sha1Hash: createHash("sha1").update(bytes).digest("hex").toUpperCase(),
      quickXorHash: quickXorHash(bytes),
    };
    this.cache.set(key, facet);
    return facet;
  }
}
