/**
 * Vorbis comments and FLAC picture structures, shared by the FLAC, Ogg
 * Vorbis and Ogg Opus writers (all three carry the same comment list).
 */
import { ByteWriter, utf8Bytes } from "./byte-writer.js";
import type { EmbeddedPicture, TrackTags } from "./track-tags.js";

/** The vendor string the writers put in every comment header. */
export const VORBIS_COMMENT_VENDOR = "@player/dev-cloud";

const PICTURE_TYPE_FRONT_COVER = 3;

/**
 * The `NAME=value` comments for a track, in the field names most readers
 * (and music-metadata) map: TRACKTOTAL/DISCTOTAL rather than "n/N" values.
 */
export function vorbisCommentFields(tags: TrackTags): string[] {
  return [
    `TITLE=${tags.title}`,
    `ARTIST=${tags.artist}`,
    `ALBUMARTIST=${tags.albumArtist}`,
    `ALBUM=${tags.album}`,
    `TRACKNUMBER=${tags.trackNumber}`,
    `TRACKTOTAL=${tags.trackCount}`,
    `DISCNUMBER=${tags.discNumber}`,
    `DISCTOTAL=${tags.discCount}`,
    `DATE=${String(tags.year).padStart(4, "0")}`,
    `GENRE=${tags.genre}`,
  ];
}

/**
 * Encodes a vendor string and comment list as the Vorbis comment structure
 * (little-endian lengths, UTF-8), without any codec prefix or framing bit.
 */
export function encodeVorbisCommentList(vendor: string, fields: readonly string[]): Uint8Array {
  const writer = new ByteWriter();
  const vendorBytes = utf8Bytes(vendor);
  writer.u32le(vendorBytes.length).bytes(vendorBytes).u32le(fields.length);
  for (const field of fields) {
    const bytes = utf8Bytes(field);
    writer.u32le(bytes.length).bytes(bytes);
  }
  return writer.toBytes();
}

/**
 * Encodes a front cover as the body of a FLAC PICTURE metadata block; Ogg
 * files carry the same bytes base64-encoded in METADATA_BLOCK_PICTURE.
 */
export function encodeFlacPicture(picture: EmbeddedPicture): Uint8Array {
  const mime = utf8Bytes(picture.mimeType);
  return new ByteWriter()
    .u32be(PICTURE_TYPE_FRONT_COVER)
    .u32be(mime.length)
    .bytes(mime)
    .u32be(0) // empty description
    .u32be(picture.width)
    .u32be(picture.height)
    .u32be(picture.colorDepth)
    .u32be(picture.paletteSize)
    .u32be(picture.data.length)
    .bytes(picture.data)
    .toBytes();
}
