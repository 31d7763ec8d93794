/** A picture embedded in a file's tags, as {@link readEmbeddedPicture} returns it. */
export interface EmbeddedPicture {
  /** `image/png`, `image/jpeg`…, as the tag declares it (or sniffed when it does not). */
  mimeType: string;
  data: Uint8Array;
  /** What the picture shows, in ID3v2's words: "Cover (front)", "Cover (back)"… */
  type?: string;
  description?: string;
}

/** ID3v2 APIC / FLAC PICTURE type names, by their code (the strings music-metadata uses). */
export const PICTURE_TYPE_NAMES: readonly string[] = [
  "Other",
  "32x32 pixels 'file icon' (PNG only)",
  "Other file icon",
  "Cover (front)",
  "Cover (back)",
  "Leaflet page",
  "Media (e.g. label side of CD)",
  "Lead artist/lead performer/soloist",
  "Artist/performer",
  "Conductor",
  "Band/Orchestra",
  "Composer",
  "Lyricist/text writer",
  "Recording Location",
  "During recording",
  "During performance",
  "Movie/video screen capture",
  "A bright coloured fish",
  "Illustration",
  "Band/artist logotype",
  "Publisher/Studio logotype",
];

/** The type name of the front cover. */
export const FRONT_COVER = "Cover (front)";

/** The picture type name of a code, or undefined for codes outside the list. */
export function pictureTypeName(code: number): string | undefined {
  return PICTURE_TYPE_NAMES[code];
}

/** Sniffs an image MIME type from its first bytes (PNG, JPEG, GIF, WebP, BMP). */
export function sniffImageMimeType(bytes: Uint8Array): string | undefined {
  const ascii = (start: number, end: number) => String.fromCharCode(...bytes.subarray(start, end));
  if (bytes[0] === 0x89 && ascii(1, 4) === "PNG") return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (ascii(0, 4) === "GIF8") return "image/gif";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (ascii(0, 2) === "BM") return "image/bmp";
  return undefined;
}
