import type { ArtworkImageRecord, ArtworkRecord, ArtworkVariantRecord } from "@player/core-library";
import type {
  ArtworkStorage,
  ArtworkStorageLinks,
  StoredArtworkPicture,
} from "../artwork-storage.js";

/**
 * {@link ArtworkStorage} in memory, with the library store's rules (one
 * image per hash, links only to stored images), recording the calls.
 */
export class MemoryArtworkStorage implements ArtworkStorage {
  readonly images = new Map<string, ArtworkImageRecord>();
  readonly variants = new Map<string, ArtworkVariantRecord[]>();
  readonly links = new Map<string, ArtworkRecord>();
  readonly calls: string[] = [];

  async putImage(image: Parameters<ArtworkStorage["putImage"]>[0]): Promise<boolean> {
    this.calls.push(`putImage ${image.hash.slice(0, 8)}`);
    if (this.images.has(image.hash)) return false;
    const data = image.data instanceof Uint8Array ? image.data.slice().buffer : image.data;
    const byteLength = data instanceof ArrayBuffer ? data.byteLength : data.size;
    this.images.set(image.hash, { ...image, data, byteLength, storedAt: 0 });
    return true;
  }

  async putVariants(
    hash: string,
    variants: Parameters<ArtworkStorage["putVariants"]>[1],
  ): Promise<void> {
    this.calls.push(`putVariants ${hash.slice(0, 8)} ${variants.map((v) => v.size).join(",")}`);
    if (!this.images.has(hash)) throw new Error(`no image ${hash}`);
    this.variants.set(
      hash,
      variants.map((variant) => ({ ...variant, hash })),
    );
  }

  async link(id: string, link: Parameters<ArtworkStorage["link"]>[1]): Promise<ArtworkRecord> {
    this.calls.push(`link ${id} ${link.hash?.slice(0, 8) ?? "none"}`);
    if (link.hash !== undefined && !this.images.has(link.hash)) throw new Error("no such image");
    const row: ArtworkRecord = { id, ...link };
    this.links.set(id, row);
    return row;
  }

  async getLink(id: string): Promise<ArtworkRecord | undefined> {
    return this.links.get(id);
  }

  async linksFor(trackKey: string, albumId: string | undefined): Promise<ArtworkStorageLinks> {
    const track = this.links.get(`track:${trackKey}`);
    const album = albumId === undefined ? undefined : this.links.get(`album:${albumId}`);
    return { track, album, effective: track?.hash !== undefined ? track : (album ?? track) };
  }

  async getImage(hash: string): Promise<ArtworkImageRecord | undefined> {
    return this.images.get(hash);
  }

  async getVariant(hash: string, size: number): Promise<StoredArtworkPicture | undefined> {
    const variant = (this.variants.get(hash) ?? [])
      .filter((candidate) => candidate.size >= size)
      .sort((a, b) => a.size - b.size)[0];
    if (variant !== undefined) return { kind: "variant", ...variant };
    const image = this.images.get(hash);
    if (image === undefined) return undefined;
    const { mimeType, width, height, data } = image;
    return { kind: "original", hash, mimeType, width, height, data };
  }
}
