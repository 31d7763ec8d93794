import type {
  ArtworkImageRecord,
  ArtworkRecord,
  ArtworkSource,
  ArtworkVariantRecord,
} from "@player/core-library";

/** The link of a track and of its album, and the one to show. */
export interface ArtworkStorageLinks {
  track: ArtworkRecord | undefined;
  album: ArtworkRecord | undefined;
  effective: ArtworkRecord | undefined;
}

/** A stored picture: a resized variant, or the original when no variant is big enough. */
export interface StoredArtworkPicture {
  kind: "variant" | "original";
  hash: string;
  size?: number;
  mimeType: string;
  width: number;
  height: number;
  data: Blob | ArrayBuffer;
}

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

/** Id of a track's artwork link (the scheme of `ArtworkRecord.id`). */
export function trackArtworkId(trackKey: string): string {
  return `track:${trackKey}`;
}

/** Id of an album's artwork link (the scheme of `ArtworkRecord.id`). */
export function albumArtworkId(albumId: string): string {
  return `album:${albumId}`;
}
