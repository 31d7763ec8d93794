import { type ImageType, imageDimensionsFromData } from "image-dimensions";
import { artworkError } from "./artwork-errors.js";

/** Size limits a picture must meet before anything decodes it. */
export interface ArtworkLimits {
  /** Largest accepted file, in bytes. Default 20 MiB. */
  maxBytes: number;
  /** Largest accepted width × height. Default 40 megapixels (160 MB once decoded to RGBA). */
  maxPixels: number;
}

/** The default {@link ArtworkLimits}. */
export const DEFAULT_ARTWORK_LIMITS: Readonly<ArtworkLimits> = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  maxPixels: 40_000_000,
});

/** Picture formats the player stores and shows (every current browser decodes them). */
export type ArtworkImageType = "jpeg" | "png" | "webp" | "gif" | "avif";

/** What the header of a picture says. */
export interface ImageInfo {
  type: ArtworkImageType;
  /** From the bytes, not from any declared type. */
  mimeType: string;
  width: number;
  height: number;
}

const MIME_TYPES: Readonly<Record<ArtworkImageType, string>> = Object.freeze({
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  avif: "image/avif",
});

/**
 * JPEG headers may sit behind large EXIF/ICC segments; most are in the first
 * bytes, so the header reader (which copies its input) gets a prefix first.
 */
const HEADER_PREFIX_BYTES = 256 * 1024;

/**
 * Reads a picture's type and size from its header, without decoding it, and
 * refuses what is not a picture or is over the limits: a 20000×20000 header
 * is refused here, before any decoder allocates its pixels.
 *
 * @param bytes - The whole picture.
 * @param declaredMimeType - What the tag or file name claims; only reported
 *   in errors, since the bytes decide.
 * @throws PlayerError `metadata/unreadable` with `details.reason`
 *   `not-an-image`, `unsupported-type` (HEIC) or `too-large`.
 *
 * @example
 * ```ts
 * const { mimeType, width, height } = inspectImage(bytes, "image/jpg");
 * ```
 */
export function inspectImage(
  bytes: Uint8Array,
  declaredMimeType?: string,
  limits: Partial<ArtworkLimits> = {},
): ImageInfo {
  const { maxBytes, maxPixels } = { ...DEFAULT_ARTWORK_LIMITS, ...limits };
  const declared: Record<string, string> =
    declaredMimeType === undefined ? {} : { declaredMimeType };
  if (bytes.byteLength > maxBytes) {
    throw artworkError(
      "too-large",
      `The picture has ${bytes.byteLength} bytes (limit ${maxBytes}).`,
      {
        ...declared,
        byteLength: bytes.byteLength,
        maxBytes,
      },
    );
  }
  const header =
    imageDimensionsFromData(bytes.subarray(0, HEADER_PREFIX_BYTES)) ??
    (bytes.byteLength > HEADER_PREFIX_BYTES ? imageDimensionsFromData(bytes) : undefined);
  if (header === undefined || header.width <= 0 || header.height <= 0) {
    throw artworkError("not-an-image", "The bytes are not a picture the player knows.", {
      ...declared,
      byteLength: bytes.byteLength,
    });
  }
  const type = artworkType(header.type);
  if (type === undefined) {
    throw artworkError("unsupported-type", `${header.type.toUpperCase()} pictures are not shown.`, {
      ...declared,
      type: header.type,
    });
  }
  const { width, height } = header;
  if (width * height > maxPixels) {
    throw artworkError(
      "too-large",
      `The picture is ${width}×${height} pixels (limit ${maxPixels} pixels).`,
      { ...declared, width, height, maxPixels },
    );
  }
  return { type, mimeType: MIME_TYPES[type], width, height };
}

function artworkType(type: ImageType): ArtworkImageType | undefined {
  return type === "heic" ? undefined : type;
}
