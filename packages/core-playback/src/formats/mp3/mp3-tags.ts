/**
 * Tags around MPEG audio frames: an ID3v2 tag before the first frame, and
 * ID3v1, APE, Lyrics3 or appended ID3v2 tags after the last one. The decoder
 * must see none of them.
 */

/** Bytes of an ID3v2 header (and of its optional footer). */
export const ID3V2_HEADER_LENGTH = 10;

/**
 * The whole length of the ID3v2 tag at `offset` (header, body and footer),
 * or `undefined` when there is none.
 */
export function id3v2TagLength(bytes: Uint8Array, offset: number): number | undefined {
  if (offset + ID3V2_HEADER_LENGTH > bytes.length) return undefined;
  if (bytes[offset] !== 0x49 || bytes[offset + 1] !== 0x44 || bytes[offset + 2] !== 0x33) {
    return undefined;
  }
  if (bytes[offset + 3] === 0xff || bytes[offset + 4] === 0xff) return undefined;
  let size = 0;
  for (let i = 6; i < 10; i++) {
    const byte = bytes[offset + i] ?? 0x80;
    // Syncsafe: seven bits per byte, the top one always clear.
    if ((byte & 0x80) !== 0) return undefined;
    size = size * 128 + byte;
  }
  const hasFooter = ((bytes[offset + 5] ?? 0) & 0x10) !== 0;
  return ID3V2_HEADER_LENGTH + size + (hasFooter ? ID3V2_HEADER_LENGTH : 0);
}

/** Bytes needed at a position to recognise every trailing tag marker. */
export const TRAILING_TAG_MARKER_LENGTH = 11;
/** An ID3v1 tag is exactly this long, and last in the file. */
const ID3V1_LENGTH = 128;

/**
 * True when a tag that only appears after the audio starts at `offset` of
 * `bytes` (APEv2 `APETAGEX`, Lyrics3 `LYRICSBEGIN`, an appended ID3v2, or an
 * ID3v1 `TAG` that ends the file — three letters alone are too weak a sign
 * inside damaged audio).
 *
 * @param fileOffset - The file offset of `bytes[offset]`.
 * @param fileSize - The file's size, when known.
 */
export function isTrailingTagAt(
  bytes: Uint8Array,
  offset: number,
  fileOffset: number,
  fileSize: number | undefined,
): boolean {
  if (hasAscii(bytes, offset, "APETAGEX") || hasAscii(bytes, offset, "LYRICSBEGIN")) return true;
  if (id3v2TagLength(bytes, offset) !== undefined) return true;
  return (
    hasAscii(bytes, offset, "TAG") &&
    (fileSize === undefined || fileOffset + ID3V1_LENGTH === fileSize)
  );
}

function hasAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset < 0 || offset + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}
