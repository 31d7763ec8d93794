import { PlayerError } from "@player/core-runtime";

/** Largest lyrics file read: 1 MiB, far above any real `.lrc` (a few KiB). */
export const MAX_LYRICS_FILE_BYTES = 1024 * 1024;

// Bytes looked at to guess UTF-16 without a BOM.
const UTF16_SNIFF_BYTES = 512;
const DECODE_CHUNK = 8192;

/**
 * Decodes the bytes of a `.lrc` (or `.txt`) lyrics file: UTF-8, UTF-16LE or
 * UTF-16BE when a BOM says so; UTF-16 without a BOM when most high bytes of
 * the first characters are zero; else UTF-8 when the bytes are valid UTF-8;
 * else windows-1252, the usual encoding of old Windows-made files.
 *
 * @throws PlayerError `metadata/unreadable` when the file is larger than
 * {@link MAX_LYRICS_FILE_BYTES}.
 *
 * @example
 * ```ts
 * const text = decodeLyricsText(await readWholeFile(lrcId));
 * const lyrics = toLyrics(text, "sidecar");
 * ```
 */
export function decodeLyricsText(bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_LYRICS_FILE_BYTES) {
    throw new PlayerError("metadata/unreadable", "The lyrics file is too large to be lyrics", {
      details: { byteLength: bytes.byteLength, limit: MAX_LYRICS_FILE_BYTES },
    });
  }
  // The decoders drop a BOM that matches their encoding.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(bytes);
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const utf16 = sniffUtf16(bytes);
  if (utf16 !== undefined) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** UTF-16 text of Latin script has a zero byte in most characters; UTF-8 text has none. */
function sniffUtf16(bytes: Uint8Array): "utf-16le" | "utf-16be" | undefined {
  const pairs = Math.floor(Math.min(bytes.byteLength, UTF16_SNIFF_BYTES) / 2);
  if (pairs < 2) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let pair = 0; pair < pairs; pair++) {
    if (bytes[2 * pair] === 0) zeroEven++;
    if (bytes[2 * pair + 1] === 0) zeroOdd++;
  }
  if (zeroOdd > pairs * 0.6 && zeroEven < pairs * 0.1) return "utf-16le";
  if (zeroEven > pairs * 0.6 && zeroOdd < pairs * 0.1) return "utf-16be";
  return undefined;
}

// windows-1252 0x80..0x9F; other bytes map to the same code point. Decoded by hand because
// some runtimes (Node 20) decode the "windows-1252" label as ISO-8859-1, losing ’ “ ” € etc.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152,
  0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122,
  0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  const codes = new Uint16Array(bytes.byteLength);
  for (let index = 0; index < bytes.byteLength; index++) {
    const byte = bytes[index] ?? 0;
    codes[index] = byte >= 0x80 && byte < 0xa0 ? (WINDOWS_1252_HIGH[byte - 0x80] ?? byte) : byte;
  }
  // Chunks keep the argument count of fromCharCode well under engine limits.
  let text = "";
  for (let start = 0; start < codes.length; start += DECODE_CHUNK) {
    text += String.fromCharCode(...codes.subarray(start, start + DECODE_CHUNK));
  }
  return text;
}
