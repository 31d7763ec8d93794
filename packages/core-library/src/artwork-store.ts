import { PlayerError } from "@player/core-runtime";
import { Dexie } from "dexie";
import type { LibraryDatabase } from "./library-database.js";
import { notFound, toLibraryError } from "./library-errors.js";
import type {
  ArtworkImageRecord,
  ArtworkRecord,
  ArtworkSource,
  ArtworkVariantRecord,
} from "./library-records.js";
import type { TrackKey } from "./track-identity.js";

/** An image to store once under its content hash. */
export interface ArtworkImageInput {
  /** SHA-256 (hex) of the image bytes. */
  hash: string;
  mimeType: string;
  width: number;
  height: number;
  /** The bytes; a `Uint8Array` is stored as an `ArrayBuffer` of exactly its bytes. */
  data: Blob | ArrayBuffer | Uint8Array;
}

/** A resized copy of an image, made for an edge of `size` pixels. */
export interface ArtworkVariantInput {
  size: number;
  mimeType: string;
  width: number;
  height: number;
  data: Blob | ArrayBuffer | Uint8Array;
}

/** What a link records: the image found (absent: none found) and when the sources were asked. */
export interface ArtworkLinkInput {
  hash?: string;
  source?: ArtworkSource;
  checkedAt: number;
}

/** The links of a track: its own, its album's, and the one to show. */
export interface ArtworkLinks {
  track: ArtworkRecord | undefined;
  album: ArtworkRecord | undefined;
  /** The track's link when it has an image, else the album's, else the track's (no image). */
  effective: ArtworkRecord | undefined;
}

/** The stored picture closest to a requested size. */
export interface ArtworkPicture {
  /** `variant`: a resized copy; `original`: the image as found (no variant was big enough). */
  kind: "variant" | "original";
  hash: string;
  /** Edge the variant was made for; absent for the original. */
  size?: number;
  mimeType: string;
  width: number;
  height: number;
  data: Blob | ArrayBuffer;
}

const TRACK_PREFIX = "track:";
const ALBUM_PREFIX = "album:";

/** Id of a track's artwork link (`track:<key>`). */
export function trackArtworkId(key: TrackKey): string {
  return `${TRACK_PREFIX}${key}`;
}

/** Id of an album's artwork link (`album:<albumId>`). */
export function albumArtworkId(albumId: string): string {
  return `${ALBUM_PREFIX}${albumId}`;
}

/**
 * Artwork in the library: each distinct image stored once under its SHA-256,
 * its resized variants, and the links from tracks and albums to images.
 *
 * @example
 * ```ts
 * const store = new ArtworkStore(db, Date.now);
 * await store.putImage({ hash, mimeType: "image/jpeg", width: 600, height: 600, data: bytes });
 * await store.link(albumArtworkId(albumId), { hash, source: "folder", checkedAt: Date.now() });
 * const picture = await store.getVariant(hash, 256);
 * ```
 */
export class ArtworkStore {
  readonly #db: LibraryDatabase;
  readonly #now: () => number;

  constructor(db: LibraryDatabase, now: () => number) {
    this.#db = db;
    this.#now = now;
  }

  /** Stores an image unless one with its hash is stored; resolves `true` when it was new. */
  putImage(image: ArtworkImageInput): Promise<boolean> {
    const db = this.#db;
    return this.#guard("put-artwork-image", async () => {
      checkHash(image.hash);
      return db.transaction("rw", db.artworkImages, async () => {
        if ((await db.artworkImages.get(image.hash)) !== undefined) return false;
        const data = storable(image.data);
        await db.artworkImages.add({
          hash: image.hash,
          mimeType: image.mimeType,
          width: image.width,
          height: image.height,
          byteLength: byteLengthOf(data),
          data,
          storedAt: this.#now(),
        });
        return true;
      });
    });
  }

  /** Stores (or replaces) resized variants of a stored image. */
  putVariants(hash: string, variants: readonly ArtworkVariantInput[]): Promise<void> {
    const db = this.#db;
    return this.#guard("put-artwork-variants", async () => {
      checkHash(hash);
      const rows: ArtworkVariantRecord[] = variants.map((variant) => ({
        hash,
        size: checkSize(variant.size),
        mimeType: variant.mimeType,
        width: variant.width,
        height: variant.height,
        data: storable(variant.data),
      }));
      return db.transaction("rw", db.artworkImages, db.artworkVariants, async () => {
        if ((await db.artworkImages.get(hash)) === undefined) throw notFound("artwork image", hash);
        await db.artworkVariants.bulkPut(rows);
      });
    });
  }

  /**
   * Writes the link of a track (`track:<key>`) or album (`album:<id>`): to the
   * image `hash` (which must be stored), or, without `hash`, "looked, none found".
   */
  link(id: string, link: ArtworkLinkInput): Promise<ArtworkRecord> {
    const db = this.#db;
    return this.#guard("link-artwork", () => {
      const row = linkRecord(id, link);
      return db.transaction("rw", db.artwork, db.artworkImages, async () => {
        if (row.hash !== undefined && (await db.artworkImages.get(row.hash)) === undefined) {
          throw notFound("artwork image", row.hash);
        }
        await db.artwork.put(row);
        return row;
      });
    });
  }

  /** The link with this id (`track:<key>` / `album:<id>`), or `undefined`. */
  getLink(id: string): Promise<ArtworkRecord | undefined> {
    return this.#guard("get-artwork-link", () => this.#db.artwork.get(id));
  }

  /** The track's own link and its album's (`albumId` undefined: a track without album). */
  linksFor(key: TrackKey, albumId: string | undefined): Promise<ArtworkLinks> {
    const db = this.#db;
    return this.#guard("get-artwork-links", async () => {
      const ids = [
        trackArtworkId(key),
        ...(albumId === undefined ? [] : [albumArtworkId(albumId)]),
      ];
      const [track, album] = await db.artwork.bulkGet(ids);
      const effective = track?.hash !== undefined ? track : (album ?? track);
      return { track, album, effective };
    });
  }

  /** The stored original of an image, or `undefined`. */
  getImage(hash: string): Promise<ArtworkImageRecord | undefined> {
    return this.#guard("get-artwork-image", () => this.#db.artworkImages.get(hash));
  }

  /**
   * The smallest stored variant made for an edge of at least `size` pixels,
   * else the original image (variants are never made at or above its own
   * size); `undefined` when the image is not stored.
   */
  getVariant(hash: string, size: number): Promise<ArtworkPicture | undefined> {
    const db = this.#db;
    return this.#guard("get-artwork-variant", async () => {
      checkSize(size);
      return db.transaction("r", db.artworkImages, db.artworkVariants, async () => {
        const variant = await db.artworkVariants
          .where("[hash+size]")
          .between([hash, size], [hash, Dexie.maxKey], true, true)
          .first();
        if (variant !== undefined) return { kind: "variant" as const, ...variant };
        const image = await db.artworkImages.get(hash);
        if (image === undefined) return undefined;
        const { hash: imageHash, mimeType, width, height, data } = image;
        return { kind: "original" as const, hash: imageHash, mimeType, width, height, data };
      });
    });
  }

  /** Deletes links by id (tracks or albums that went away). */
  clearLinks(ids: readonly string[]): Promise<void> {
    return this.#guard("clear-artwork-links", () => this.#db.artwork.bulkDelete([...ids]));
  }

  /** Deletes the links of albums that no longer exist (their last track went); resolves how many. */
  deleteLinksOfMissingAlbums(): Promise<number> {
    const db = this.#db;
    return this.#guard("delete-album-artwork-links", () =>
      db.transaction("rw", db.artwork, db.albums, async () => {
        const links = await db.artwork.where("albumId").above("").toArray();
        const albums = await db.albums.bulkGet(links.map((link) => link.albumId ?? ""));
        const gone = links.filter((_, index) => albums[index] === undefined).map((link) => link.id);
        await db.artwork.bulkDelete(gone);
        return gone.length;
      }),
    );
  }

  /** Deletes the images no link points at, with their variants; resolves how many images went. */
  deleteUnreferencedImages(): Promise<number> {
    const db = this.#db;
    return this.#guard("delete-unreferenced-artwork", () =>
      db.transaction("rw", db.artwork, db.artworkImages, db.artworkVariants, async () => {
        // Links without an image are absent from the `hash` index.
        const referenced = new Set(await db.artwork.orderBy("hash").uniqueKeys());
        const stored = await db.artworkImages.toCollection().primaryKeys();
        const orphans = stored.filter((hash) => !referenced.has(hash));
        if (orphans.length === 0) return 0;
        await db.artworkVariants.where("hash").anyOf(orphans).delete();
        await db.artworkImages.bulkDelete(orphans);
        return orphans.length;
      }),
    );
  }

  /** Runs a storage operation; argument errors reject too, storage failures become `library/*`. */
  async #guard<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toLibraryError(operation, error);
    }
  }
}

function linkRecord(id: string, link: ArtworkLinkInput): ArtworkRecord {
  const row: ArtworkRecord = { id, checkedAt: link.checkedAt };
  if (id.startsWith(TRACK_PREFIX) && id.length > TRACK_PREFIX.length) {
    row.trackKey = id.slice(TRACK_PREFIX.length);
  } else if (id.startsWith(ALBUM_PREFIX) && id.length > ALBUM_PREFIX.length) {
    row.albumId = id.slice(ALBUM_PREFIX.length);
  } else {
    throw new PlayerError(
      "runtime/invalid-argument",
      `An artwork link id is "track:<key>" or "album:<id>", not ${JSON.stringify(id)}.`,
    );
  }
  if (link.hash !== undefined) {
    checkHash(link.hash);
    row.hash = link.hash;
  }
  if (link.source !== undefined) row.source = link.source;
  return row;
}

function checkHash(hash: string): void {
  if (!/^[0-9a-f]{64}$/.test(hash)) {
    throw new PlayerError(
      "runtime/invalid-argument",
      "An artwork hash is 64 lowercase hex digits.",
      {
        details: { hash: String(hash).slice(0, 80) },
      },
    );
  }
}

function checkSize(size: number): number {
  if (!Number.isInteger(size) || size <= 0) {
    throw new PlayerError("runtime/invalid-argument", "A variant size is a positive integer.", {
      details: { size },
    });
  }
  return size;
}

/** IndexedDB stores a view's whole buffer; keep exactly the view's bytes. */
function storable(data: Blob | ArrayBuffer | Uint8Array): Blob | ArrayBuffer {
  if (!(data instanceof Uint8Array)) return data;
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy.buffer;
}

function byteLengthOf(data: Blob | ArrayBuffer): number {
  return data instanceof ArrayBuffer ? data.byteLength : data.size;
}
