import { type ArtworkStorage, albumArtworkId } from "./artwork-storage.js";

/** Whose picture to show: a track (falling back to its album's) or an album. */
export type ArtworkTarget = { trackKey: string; albumId?: string } | { albumId: string };

/**
 * The picture to show for a track or album at `size` pixels: the smallest
 * stored variant at least that big, else the original; `undefined` when none
 * is stored. The Blob carries the image's MIME type, ready for
 * `URL.createObjectURL` on the page.
 *
 * @example
 * ```ts
 * const blob = await getArtworkBlob(store, { trackKey, albumId }, 256);
 * if (blob) image.src = URL.createObjectURL(blob);
 * ```
 */
export async function getArtworkBlob(
  store: Pick<ArtworkStorage, "getLink" | "linksFor" | "getVariant">,
  target: ArtworkTarget,
  size: number,
): Promise<Blob | undefined> {
  const link =
    "trackKey" in target
      ? (await store.linksFor(target.trackKey, target.albumId)).effective
      : await store.getLink(albumArtworkId(target.albumId));
  if (link?.hash === undefined) return undefined;
  const picture = await store.getVariant(link.hash, size);
  if (picture === undefined) return undefined;
  const { data, mimeType } = picture;
  return data instanceof Blob && data.type === mimeType
    ? data
    : new Blob([data], { type: mimeType });
}
