/**
 * An ID3v2.4 tag writer: the frames a music library reads, UTF-8 text, no
 * unsynchronisation (v2.4 makes it optional and every current reader copes).
 */
import { ByteWriter, concatBytes, latin1Bytes, utf8Bytes } from "./byte-writer.js";
import type { TrackTags } from "./track-tags.js";

const UTF8 = 3;
const LATIN1 = 0;
const PICTURE_TYPE_FRONT_COVER = 3;

/**
 * Encodes a complete ID3v2.4 tag (header and frames, no padding) for the
 * start of an MP3 file or a WAV `id3 ` chunk.
 */
export function encodeId3v2Tag(tags: TrackTags): Uint8Array {
  const frames: Uint8Array[] = [
    textFrame("TIT2", tags.title),
    textFrame("TPE1", tags.artist),
    textFrame("TPE2", tags.albumArtist),
    textFrame("TALB", tags.album),
    textFrame("TRCK", `${tags.trackNumber}/${tags.trackCount}`),
    textFrame("TPOS", `${tags.discNumber}/${tags.discCount}`),
    textFrame("TDRC", String(tags.year).padStart(4, "0")),
    textFrame("TCON", tags.genre),
  ];
  if (tags.cover !== undefined) {
    const body = new ByteWriter()
      .u8(LATIN1)
      .latin1(tags.cover.mimeType)
      .u8(0)
      .u8(PICTURE_TYPE_FRONT_COVER)
      // Empty description, terminated in the frame's (Latin-1) encoding.
      .u8(0)
      .bytes(tags.cover.data)
      .toBytes();
    frames.push(frame("APIC", body));
  }
  const body = concatBytes(frames);
  return new ByteWriter()
    .latin1("ID3")
    .u8(4)
    .u8(0)
    .u8(0)
    .bytes(syncsafe(body.length))
    .bytes(body)
    .toBytes();
}

function textFrame(id: string, text: string): Uint8Array {
  return frame(id, concatBytes([Uint8Array.of(UTF8), utf8Bytes(text)]));
}

function frame(id: string, body: Uint8Array): Uint8Array {
  // v2.4 frame sizes are syncsafe, unlike v2.3's plain 32-bit sizes.
  return concatBytes([latin1Bytes(id), syncsafe(body.length), Uint8Array.of(0, 0), body]);
}

/** A 28-bit size as four bytes of seven bits each, so no byte looks like an MPEG sync. */
function syncsafe(size: number): Uint8Array {
  if (size >= 2 ** 28) throw new RangeError(`ID3v2 size ${size} exceeds 256 MiB.`);
  return Uint8Array.of(
    (size >>> 21) & 0x7f,
    (size >>> 14) & 0x7f,
    (size >>> 7) & 0x7f,
    size & 0x7f,
  );
}
