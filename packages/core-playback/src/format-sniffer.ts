/**
 * A container/codec recognised from a file's first bytes. `ogg` is an Ogg
 * stream whose first packet is neither Vorbis nor Opus (or was cut off).
 */
export type SniffedFormat = "mp3" | "flac" | "ogg-vorbis" | "ogg-opus" | "ogg" | "mp4" | "wav";

const ID3_HEADER_SIZE = 10;
const OGG_PAGE_HEADER_SIZE = 27;
// Chained ID3 tags are rare; a bound keeps hostile input from looping long.
const MAX_ID3_TAGS = 4;

/**
 * Recognises an audio format from the first bytes of a file (a few KiB is
 * plenty; more lets it look past a large ID3 tag).
 *
 * - ID3v2: skips the tag (syncsafe size) and sniffs what follows, so FLAC with
 *   a leading ID3 tag is `flac`; when the bytes end inside the tag, or what
 *   follows is unrecognised, it is `mp3`.
 * - MPEG audio frame header (11-bit sync 0xFFE plus valid version, layer,
 *   bitrate and sample rate): `mp3`.
 * - `fLaC`: `flac`. `RIFF....WAVE`: `wav`. `ftyp` at offset 4: `mp4`.
 * - `OggS`: the first packet decides `ogg-vorbis` (`\x01vorbis`) or `ogg-opus`
 *   (`OpusHead`), otherwise `ogg`.
 *
 * @param bytes - The start of the file.
 * @returns The format, or `undefined` when the bytes match none.
 *
 * @example
 * ```ts
 * const head = await source.read({ start: 0, end: 4095 });
 * if (sniffFormat(head) === "flac") await loadFlacDecoder();
 * ```
 */
export function sniffFormat(bytes: Uint8Array): SniffedFormat | undefined {
  let offset = 0;
  for (let tags = 0; tags < MAX_ID3_TAGS && isId3Header(bytes, offset); tags++) {
    offset += id3TagSize(bytes, offset);
    if (offset >= bytes.length) return "mp3";
  }
  const inner = sniffAt(bytes, offset);
  // Bytes after an ID3 tag that we cannot place (padding, a damaged frame):
  // the tag itself is the strongest hint, and the MP3 decoder resyncs.
  return offset > 0 ? (inner ?? "mp3") : inner;
}

function sniffAt(bytes: Uint8Array, offset: number): SniffedFormat | undefined {
  if (hasAscii(bytes, offset, "fLaC")) return "flac";
  if (hasAscii(bytes, offset, "OggS")) return sniffOgg(bytes, offset);
  if (hasAscii(bytes, offset, "RIFF") && hasAscii(bytes, offset + 8, "WAVE")) return "wav";
  if (hasAscii(bytes, offset + 4, "ftyp")) return "mp4";
  if (isMpegAudioFrameHeader(bytes, offset)) return "mp3";
  return undefined;
}

function isId3Header(bytes: Uint8Array, offset: number): boolean {
  if (!hasAscii(bytes, offset, "ID3") || bytes.length < offset + ID3_HEADER_SIZE) return false;
  const major = bytes[offset + 3] ?? 0xff;
  const minor = bytes[offset + 4] ?? 0xff;
  if (major === 0xff || minor === 0xff) return false;
  // The four size bytes are syncsafe: the top bit of each is always zero.
  for (let i = 6; i < 10; i++) if (((bytes[offset + i] ?? 0x80) & 0x80) !== 0) return false;
  return true;
}

/** Whole size of the ID3v2 tag at `offset`: header, body and the optional footer. */
function id3TagSize(bytes: Uint8Array, offset: number): number {
  let size = 0;
  for (let i = 6; i < 10; i++) size = size * 128 + ((bytes[offset + i] ?? 0) & 0x7f);
  const hasFooter = ((bytes[offset + 5] ?? 0) & 0x10) !== 0;
  return ID3_HEADER_SIZE + size + (hasFooter ? ID3_HEADER_SIZE : 0);
}

function isMpegAudioFrameHeader(bytes: Uint8Array, offset: number): boolean {
  if (bytes.length < offset + 4) return false;
  const b1 = bytes[offset + 1] ?? 0;
  const b2 = bytes[offset + 2] ?? 0;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return false;
  const version = (b1 >> 3) & 0b11; // 01 is reserved
  const layer = (b1 >> 1) & 0b11; // 00 is reserved (and is what ADTS AAC uses)
  const bitrate = b2 >> 4; // 1111 is invalid
  const sampleRate = (b2 >> 2) & 0b11; // 11 is reserved
  return version !== 0b01 && layer !== 0b00 && bitrate !== 0b1111 && sampleRate !== 0b11;
}

function sniffOgg(bytes: Uint8Array, offset: number): SniffedFormat {
  const segmentCount = bytes[offset + OGG_PAGE_HEADER_SIZE - 1];
  if (segmentCount === undefined) return "ogg";
  const packet = offset + OGG_PAGE_HEADER_SIZE + segmentCount;
  if (bytes[packet] === 0x01 && hasAscii(bytes, packet + 1, "vorbis")) return "ogg-vorbis";
  if (hasAscii(bytes, packet, "OpusHead")) return "ogg-opus";
  return "ogg";
}

function hasAscii(bytes: Uint8Array, offset: number, text: string): boolean {
  if (offset < 0 || bytes.length < offset + text.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[offset + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}
