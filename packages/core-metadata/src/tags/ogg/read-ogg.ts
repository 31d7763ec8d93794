/**
 * Ogg Vorbis and Ogg Opus tags without music-metadata: the identification
 * and comment headers are read field by field over range reads, pictures
 * are stepped over by their declared length, and the duration comes from
 * the granule position of the last page.
 */
import type { StorageByteSource } from "../byte-source.js";
import { type EmbeddedPicture, sniffImageMimeType } from "../embedded-picture.js";
import type { TrackTags } from "../track-tags.js";
import { Base64Cursor } from "../vorbis/base64-cursor.js";
import { type CommentList, readCommentList } from "../vorbis/comment-list-reader.js";
import { normalizeMimeType, pickFlacPicture } from "../vorbis/flac-picture.js";
import { definedEntries, tagsFromVorbisComments } from "../vorbis/vorbis-comment-tags.js";
import { type OggIdentification, parseOggIdentification } from "./ogg-identification.js";
import { readLastGranule } from "./ogg-last-granule.js";
import { OggPacketCursor } from "./ogg-packet-cursor.js";
import { parseOggPageHeader } from "./ogg-page.js";

/** Page headers read at most per header packet: bounds what a hostile stream costs. */
const MAX_PAGES_PER_PACKET = 512;
/** Identification headers are 19 (Opus) to 30 (Vorbis) bytes. */
const IDENTIFICATION_BYTES = 64;

interface OggHeaders {
  identification: OggIdentification;
  serialNumber: number;
  /** Undefined when the stream has no comment header where it should be. */
  comments: CommentList | undefined;
  commentCursor: OggPacketCursor | undefined;
}

async function readHeaders(
  source: StorageByteSource,
  head: Uint8Array,
): Promise<OggHeaders | undefined> {
  const first = parseOggPageHeader(head, 0, 0);
  if (first === undefined) return undefined;
  const options = { serialNumber: first.serialNumber, maxPages: MAX_PAGES_PER_PACKET };
  const identificationCursor = new OggPacketCursor(
    source,
    { pageOffset: 0, segmentIndex: 0 },
    options,
  );
  const identification = parseOggIdentification(
    await identificationCursor.read(IDENTIFICATION_BYTES),
  );
  if (identification === undefined) return undefined;
  const headers: OggHeaders = {
    identification,
    serialNumber: first.serialNumber,
    comments: undefined,
    commentCursor: undefined,
  };
  const commentStart = await identificationCursor.following();
  if (commentStart === undefined) return headers;
  const cursor = new OggPacketCursor(source, commentStart, options);
  const magic = await cursor.read(identification.commentMagic.length);
  if (!identification.commentMagic.every((byte, index) => magic[index] === byte)) return headers;
  headers.comments = await readCommentList(cursor);
  headers.commentCursor = cursor;
  return headers;
}

/**
 * Reads the tags and stream facts of an Ogg Vorbis or Opus file.
 *
 * @param head - The file's first bytes, already read (they start with "OggS").
 * @returns undefined when the stream is not Vorbis or Opus (the caller falls
 * back to music-metadata).
 */
export async function readOggTags(
  source: StorageByteSource,
  head: Uint8Array,
): Promise<TrackTags | undefined> {
  const headers = await readHeaders(source, head);
  if (headers === undefined) return undefined;
  const { identification, comments } = headers;
  const tags = tagsFromVorbisComments(comments?.fields ?? []);
  const duration = await durationOf(source, headers);
  let bitrate = identification.nominalBitrate;
  if (identification.codec === "Opus" && duration !== undefined && source.size !== undefined) {
    // Opus has no nominal rate: the audio pages' bytes over the duration.
    const audioStart = (await headers.commentCursor?.following())?.pageOffset;
    if (audioStart !== undefined) bitrate = (8 * (source.size - audioStart)) / duration;
  }
  const pictures = comments?.pictures.filter((picture) => picture.valueLength > 0) ?? [];
  const hasPicture = pictures.length > 0 ? true : comments?.complete === true ? false : undefined;
  return {
    ...tags,
    ...definedEntries({
      duration,
      codec: identification.codec,
      sampleRate: identification.sampleRate,
      channels: identification.channels,
      bitrate,
    }),
    ...(hasPicture === undefined ? {} : { hasPicture }),
  };
}

async function durationOf(
  source: StorageByteSource,
  { identification, serialNumber }: OggHeaders,
): Promise<number | undefined> {
  if (identification.granuleRate <= 0) return undefined;
  const granule = await readLastGranule(source, serialNumber);
  if (granule === undefined) return undefined;
  // Header pages carry granule 0: a stream cut before its audio has no duration to tell.
  const samples = Number(granule) - identification.preSkip;
  return samples > 0 ? samples / identification.granuleRate : undefined;
}

/** Marks an Ogg stream this reader does not handle, so the caller asks music-metadata. */
export const NOT_VORBIS_OR_OPUS = Symbol("not Vorbis or Opus");

/**
 * Reads the front cover (else the first picture) of an Ogg Vorbis or Opus
 * file: METADATA_BLOCK_PICTURE comments, or the older COVERART ones when
 * there are none. Only the chosen picture's base64 is fetched, decoded a
 * chunk at a time into a buffer of its declared size.
 */
export async function readOggPicture(
  source: StorageByteSource,
  head: Uint8Array,
  maxBytes: number,
): Promise<EmbeddedPicture | undefined | typeof NOT_VORBIS_OR_OPUS> {
  const headers = await readHeaders(source, head);
  if (headers === undefined) return NOT_VORBIS_OR_OPUS;
  const { comments, commentCursor: cursor } = headers;
  if (comments === undefined || cursor === undefined) return undefined;
  const open = (start: number, length: number) => async () => {
    await cursor.seek(start);
    const base64 = new Base64Cursor(cursor, length);
    return { cursor: base64, available: base64.maxRemaining };
  };
  const blocks = comments.pictures.filter((field) => field.key === "METADATA_BLOCK_PICTURE");
  if (blocks.length > 0) {
    return pickFlacPicture(
      blocks.map((field) => ({ open: open(field.valueStart, field.valueLength) })),
      maxBytes,
    );
  }
  const coverArt = comments.pictures.find((field) => field.key === "COVERART");
  if (coverArt === undefined) return undefined;
  // Base64 holds three bytes in four characters: the decoded size is known before reading.
  if (Math.floor((coverArt.valueLength * 3) / 4) > maxBytes + 2) return undefined;
  const { cursor: base64 } = await open(coverArt.valueStart, coverArt.valueLength)();
  const data = await base64.read(base64.maxRemaining);
  if (data.length === 0 || data.length > maxBytes) return undefined;
  const declared = comments.fields.find((field) => field.key === "COVERARTMIME")?.value;
  return {
    mimeType:
      declared === undefined || declared === ""
        ? (sniffImageMimeType(data) ?? "application/octet-stream")
        : normalizeMimeType(declared),
    data,
  };
}
