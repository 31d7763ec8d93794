/**
 * FLAC tags without music-metadata: the metadata blocks are walked by
 * their headers, STREAMINFO and VORBIS_COMMENT are read, PICTURE blocks
 * only located (their data is read on demand).
 */

import { CURSOR_READ_AHEAD, FileRangeCursor } from "../byte-cursor.js";
import type { StorageByteSource } from "../byte-source.js";
import type { EmbeddedPicture } from "../embedded-picture.js";
import type { TrackTags } from "../track-tags.js";
import { Base64Cursor } from "../vorbis/base64-cursor.js";
import { type CommentList, readCommentList } from "../vorbis/comment-list-reader.js";
import { type PictureBlockSource, pickFlacPicture } from "../vorbis/flac-picture.js";
import { definedEntries, tagsFromVorbisComments } from "../vorbis/vorbis-comment-tags.js";

const STREAMINFO = 0;
const VORBIS_COMMENT = 4;
const PICTURE = 6;
const STREAMINFO_BYTES = 34;
/** Real files have a handful of blocks; a hostile chain stops here. */
const MAX_BLOCKS = 1024;

/** Thrown for a FLAC stream music-metadata would refuse too. */
export class FlacContentError extends Error {
  override readonly name = "FlacContentError";
}

interface StreamInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  totalSamples: number;
}

interface FlacMetadata {
  streamInfo: StreamInfo | undefined;
  /** Every VORBIS_COMMENT block's list, in file order. */
  comments: { list: CommentList; cursor: FileRangeCursor }[];
  pictureBlocks: { start: number; length: number }[];
  /** Offset of the first frame, when the last metadata block was reached. */
  audioStart: number | undefined;
}

function parseStreamInfo(bytes: Uint8Array): StreamInfo {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const b12 = bytes[12] ?? 0;
  const b13 = bytes[13] ?? 0;
  return {
    sampleRate: ((bytes[10] ?? 0) << 12) | ((bytes[11] ?? 0) << 4) | (b12 >> 4),
    channels: ((b12 >> 1) & 0x07) + 1,
    bitsPerSample: (((b12 & 0x01) << 4) | (b13 >> 4)) + 1,
    totalSamples: (b13 & 0x0f) * 2 ** 32 + view.getUint32(14),
  };
}

/** Walks the metadata blocks that follow "fLaC" at the start of the file. */
async function readMetadata(source: StorageByteSource): Promise<FlacMetadata> {
  const metadata: FlacMetadata = {
    streamInfo: undefined,
    comments: [],
    pictureBlocks: [],
    audioStart: undefined,
  };
  let offset = 4;
  for (let blocks = 0; blocks < MAX_BLOCKS; blocks++) {
    const header = await source.read(offset, 4, CURSOR_READ_AHEAD);
    if (header.length < 4) return metadata; // cut short
    const type = (header[0] ?? 0) & 0x7f;
    const length = ((header[1] ?? 0) << 16) | ((header[2] ?? 0) << 8) | (header[3] ?? 0);
    const body = offset + 4;
    if (type === STREAMINFO) {
      if (length !== STREAMINFO_BYTES) throw new FlacContentError("Unexpected STREAMINFO length");
      const bytes = await source.read(body, STREAMINFO_BYTES, CURSOR_READ_AHEAD);
      if (bytes.length < STREAMINFO_BYTES) return metadata;
      metadata.streamInfo = parseStreamInfo(bytes);
    } else if (type === VORBIS_COMMENT) {
      const cursor = new FileRangeCursor(source, body, length);
      metadata.comments.push({ list: await readCommentList(cursor), cursor });
    } else if (type === PICTURE) {
      metadata.pictureBlocks.push({ start: body, length });
    }
    offset = body + length;
    if (((header[0] ?? 0) & 0x80) !== 0) {
      metadata.audioStart = offset;
      return metadata;
    }
  }
  return metadata;
}

/**
 * Reads the tags and stream facts of a FLAC file (starting with "fLaC").
 *
 * @throws FlacContentError for a STREAMINFO block of the wrong size.
 */
export async function readFlacTags(source: StorageByteSource): Promise<TrackTags> {
  const metadata = await readMetadata(source);
  const { streamInfo, comments, audioStart } = metadata;
  const tags = tagsFromVorbisComments(comments.flatMap(({ list }) => list.fields));
  let duration: number | undefined;
  let bitrate: number | undefined;
  if (streamInfo !== undefined && streamInfo.totalSamples > 0 && streamInfo.sampleRate > 0) {
    duration = streamInfo.totalSamples / streamInfo.sampleRate;
    if (source.size !== undefined && audioStart !== undefined) {
      bitrate = (8 * (source.size - audioStart)) / duration;
    }
  }
  const complete = audioStart !== undefined && comments.every(({ list }) => list.complete);
  const hasPicture =
    metadata.pictureBlocks.some((block) => block.length > 32) ||
    commentPictures(metadata).length > 0
      ? true
      : complete
        ? false
        : undefined;
  return {
    ...tags,
    ...definedEntries({
      duration,
      codec: streamInfo === undefined ? undefined : "FLAC",
      sampleRate: streamInfo?.sampleRate,
      channels: streamInfo?.channels,
      bitsPerSample: streamInfo?.bitsPerSample,
      bitrate,
    }),
    ...(hasPicture === undefined ? {} : { hasPicture }),
  };
}

/** METADATA_BLOCK_PICTURE comments inside VORBIS_COMMENT blocks (rare, but music-metadata reads them). */
function commentPictures(metadata: FlacMetadata): PictureBlockSource[] {
  return metadata.comments.flatMap(({ list, cursor }) =>
    list.pictures
      .filter((field) => field.key === "METADATA_BLOCK_PICTURE" && field.valueLength > 0)
      .map((field) => ({
        async open() {
          await cursor.seek(field.valueStart);
          const base64 = new Base64Cursor(cursor, field.valueLength);
          return { cursor: base64, available: base64.maxRemaining };
        },
      })),
  );
}

/**
 * Reads the front cover (else the first picture) of a FLAC file: PICTURE
 * blocks, or base64 pictures in the comments when there are none. The
 * header is read first, so a picture over `maxBytes` is never fetched.
 */
export async function readFlacPicture(
  source: StorageByteSource,
  maxBytes: number,
): Promise<EmbeddedPicture | undefined> {
  const metadata = await readMetadata(source);
  const blocks: PictureBlockSource[] = metadata.pictureBlocks.map(({ start, length }) => ({
    async open() {
      return { cursor: new FileRangeCursor(source, start, length), available: length };
    },
  }));
  return pickFlacPicture(blocks.length > 0 ? blocks : commentPictures(metadata), maxBytes);
}
