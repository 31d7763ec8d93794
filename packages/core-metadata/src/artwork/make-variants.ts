import { toPlayerError } from "@player/core-runtime";
import { artworkError } from "./artwork-errors.js";
import { type ArtworkLimits, inspectImage } from "./inspect-image.js";

/** A picture resized to fit `size`×`size` pixels, aspect ratio kept. */
export interface ArtworkVariant {
  /** The edge it was made for; its longest edge is exactly this. */
  size: number;
  /** `image/webp`, or `image/jpeg` where the platform cannot encode WebP. */
  mimeType: string;
  width: number;
  height: number;
  data: Blob;
}

/** Options of {@link makeVariants}. */
export interface MakeVariantsOptions {
  /** Encoder quality from 0 to 1. Default 0.85. */
  quality?: number;
  /** Checked on the header before decoding. Default {@link DEFAULT_ARTWORK_LIMITS}. */
  limits?: Partial<ArtworkLimits>;
  signal?: AbortSignal;
}

/** Edges made by default: list rows, grid tiles, the now-playing view. */
export const DEFAULT_VARIANT_SIZES: readonly number[] = Object.freeze([96, 256, 512]);

const DEFAULT_QUALITY = 0.85;

/** True where pictures can be decoded and encoded off the page (a worker or page of a browser; not Node). */
export function canMakeVariants(): boolean {
  return typeof createImageBitmap === "function" && typeof OffscreenCanvas === "function";
}

/**
 * Decodes a picture once and encodes a WebP (else JPEG) copy for each size
 * smaller than its longest edge, smallest first; never upscales. Where the
 * platform has no `createImageBitmap` / `OffscreenCanvas` (Node) it resolves
 * `[]` after checking the header, and the original is served instead.
 *
 * Decoding also validates: a valid header over broken data rejects here.
 *
 * @throws PlayerError `metadata/unreadable`: `details.reason` `corrupt` when
 *   the data does not decode, else as {@link inspectImage}.
 *
 * @example
 * ```ts
 * const variants = await makeVariants(bytes, "image/jpeg"); // 96, 256, 512 px
 * ```
 */
export async function makeVariants(
  bytes: Uint8Array,
  mimeType: string,
  sizes: readonly number[] = DEFAULT_VARIANT_SIZES,
  options: MakeVariantsOptions = {},
): Promise<ArtworkVariant[]> {
  const info = inspectImage(bytes, mimeType, options.limits);
  if (!canMakeVariants()) return [];
  options.signal?.throwIfAborted();
  const quality = options.quality ?? DEFAULT_QUALITY;
  const bitmaps: ImageBitmap[] = [];
  try {
    const source = await decode(bytes, info.mimeType);
    bitmaps.push(source);
    // The decoded size, which may be the header's turned by EXIF orientation.
    const { width, height } = source;
    const longest = Math.max(width, height);
    const wanted = [...new Set(sizes)]
      .filter((size) => Number.isInteger(size) && size > 0 && size < longest)
      .sort((a, b) => b - a);
    const variants: ArtworkVariant[] = [];
    let from = source;
    // Largest first, each from the previous one: less work than from the original each time.
    for (const size of wanted) {
      options.signal?.throwIfAborted();
      const scale = size / longest;
      const resized = await createImageBitmap(from, {
        resizeWidth: Math.max(1, Math.round(width * scale)),
        resizeHeight: Math.max(1, Math.round(height * scale)),
        resizeQuality: "high",
      });
      bitmaps.push(resized);
      variants.push(await encode(resized, size, quality));
      from = resized;
    }
    return variants.reverse();
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw toPlayerError(error, "runtime/internal");
  } finally {
    for (const bitmap of bitmaps) bitmap.close();
  }
}

async function decode(bytes: Uint8Array, mimeType: string): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(
      new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mimeType }),
    );
  } catch (cause) {
    throw artworkError(
      "corrupt",
      "The picture's data does not decode.",
      { mimeType, byteLength: bytes.byteLength },
      cause,
    );
  }
}

async function encode(bitmap: ImageBitmap, size: number, quality: number): Promise<ArtworkVariant> {
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  const context = canvas.getContext("2d");
  if (context === null) throw new Error("OffscreenCanvas has no 2d context");
  context.drawImage(bitmap, 0, 0);
  let data = await canvas.convertToBlob({ type: "image/webp", quality });
  // An encoder that cannot write WebP answers PNG: ask for JPEG instead.
  if (data.type !== "image/webp")
    data = await canvas.convertToBlob({ type: "image/jpeg", quality });
  return { size, mimeType: data.type, width: bitmap.width, height: bitmap.height, data };
}
