import type {
  ArtworkImageRecord,
  ArtworkLinks,
  ArtworkPicture,
  ArtworkRecord,
  ArtworkSource,
  ArtworkVariantRecord,
} from "@player/core-library";

/** The link of a track and of its album, and the one to show (the library's type). */
export type ArtworkStorageLinks = ArtworkLinks;

/** A stored picture: a resized variant, or the original (the library's type). */
export type StoredArtworkPicture = ArtworkPicture;

/**
 * Where artwork is kept: images by SHA-256, their variants, and links from
 * `track:<key>` / `album:<id>` to an image. The library's `ArtworkStore`
 * fits it; tests use an in-memory one.
 */
export interface ArtworkStorage {
  /** Stores an image unless its hash is stored; `true` when it was new. */
  putImage(image: {
    hash: string;
    mimeType: string;
    width: number;
    height: number;
    data: Blob | ArrayBuffer | Uint8Array;
  }): Promise<boolean>;
  putVariants(hash: string, variants: readonly Omit<ArtworkVariantRecord, "hash">[]): Promise<void>;
  /** Links to `hash`, or without it records "looked, none found". */
  link(
    id: string,
    link: { hash?: string; source?: ArtworkSource; checkedAt: number },
  ): Promise<unknown>;
  getLink(id: string): Promise<ArtworkRecord | undefined>;
  linksFor(trackKey: string, albumId: string | undefined): Promise<ArtworkStorageLinks>;
  getImage(hash: string): Promise<ArtworkImageRecord | undefined>;
  getVariant(hash: string, size: number): Promise<StoredArtworkPicture | undefined>;
}

export { albumArtworkId, trackArtworkId } from "@player/core-library";
