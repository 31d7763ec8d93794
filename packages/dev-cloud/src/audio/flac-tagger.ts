/**
 * Tags a FLAC file by rewriting its metadata block chain: STREAMINFO (and
 * any seek table) kept, old comments, pictures and padding dropped, a fresh
 * VORBIS_COMMENT and PICTURE appended. Frames are untouched.
 */
import { ByteWriter, concatBytes, readLatin1 } from "./byte-writer.js";
import type { TaggedAudio, TrackTags } from "./track-tags.js";
import {
  encodeFlacPicture,
  encodeVorbisCommentList,
  VORBIS_COMMENT_VENDOR,
  vorbisCommentFields,
} from "./vorbis-comment.js";

const BLOCK_STREAMINFO = 0;
const BLOCK_PADDING = 1;
const BLOCK_VORBIS_COMMENT = 4;
const BLOCK_PICTURE = 6;
const MAX_BLOCK_LENGTH = 0xffffff;

interface MetadataBlock {
  type: number;
  body: Uint8Array;
}

/**
 * Replaces a FLAC file's tags.
 *
 * @throws Error when `flac` is not a FLAC stream or its metadata is cut short.
 */
export function tagFlac(flac: Uint8Array, tags: TrackTags): TaggedAudio {
  const { blocks, framesStart } = readMetadataBlocks(flac);
  const kept = blocks.filter(
    (block) =>
      block.type !== BLOCK_PADDING &&
      block.type !== BLOCK_VORBIS_COMMENT &&
      block.type !== BLOCK_PICTURE,
  );
  kept.push({
    type: BLOCK_VORBIS_COMMENT,
    body: encodeVorbisCommentList(VORBIS_COMMENT_VENDOR, vorbisCommentFields(tags)),
  });
  if (tags.cover !== undefined) {
    kept.push({ type: BLOCK_PICTURE, body: encodeFlacPicture(tags.cover) });
  }

  const writer = new ByteWriter().latin1("fLaC");
  kept.forEach((block, i) => {
    if (block.body.length > MAX_BLOCK_LENGTH) {
      throw new RangeError(`FLAC metadata block of ${block.body.length} bytes is too large.`);
    }
    // Only the final block carries the "last metadata block" flag.
    const lastFlag = i === kept.length - 1 ? 0x80 : 0;
    writer
      .u8(lastFlag | block.type)
      .u24be(block.body.length)
      .bytes(block.body);
  });
  const header = writer.toBytes();
  const bytes = concatBytes([header, flac.subarray(framesStart)]);
  return { bytes, audioStart: header.length, audioEnd: bytes.length };
}

function readMetadataBlocks(flac: Uint8Array): { blocks: MetadataBlock[]; framesStart: number } {
  if (flac.length < 8 || readLatin1(flac, 0, 4) !== "fLaC") {
    throw new Error("Not a FLAC stream: no fLaC marker.");
  }
  const blocks: MetadataBlock[] = [];
  let offset = 4;
  for (;;) {
    const header = flac[offset];
    if (header === undefined || offset + 4 > flac.length) {
      throw new Error("FLAC metadata ends before its last block.");
    }
    const length =
      ((flac[offset + 1] ?? 0) << 16) | ((flac[offset + 2] ?? 0) << 8) | (flac[offset + 3] ?? 0);
    const bodyStart = offset + 4;
    if (bodyStart + length > flac.length) throw new Error("FLAC metadata block is cut short.");
    blocks.push({ type: header & 0x7f, body: flac.subarray(bodyStart, bodyStart + length) });
    offset = bodyStart + length;
    if (header & 0x80) break;
  }
  if (blocks[0]?.type !== BLOCK_STREAMINFO) {
    throw new Error("FLAC stream does not start with STREAMINFO.");
  }
  return { blocks, framesStart: offset };
}
