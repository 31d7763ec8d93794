import { type ByteCursor, readU32le } from "../byte-cursor.js";
import { concatBytes } from "../byte-source.js";

/** One `NAME=value` comment, the name upper-cased as music-metadata does. */
export interface CommentField {
  key: string;
  value: string;
}

/** Where a picture comment's value lies in the cursor's run; its bytes are not read. */
export interface PictureField {
  /** `METADATA_BLOCK_PICTURE` (a base64 FLAC picture block) or the older `COVERART` (base64 image). */
  key: "METADATA_BLOCK_PICTURE" | "COVERART";
  /** Cursor position of the value's first byte. */
  valueStart: number;
  valueLength: number;
}

/** A comment list as read: the text fields, the picture fields, and whether it was read to its end. */
export interface CommentList {
  fields: CommentField[];
  pictures: PictureField[];
  /** False when the list ended early (cut short, or a limit was reached). */
  complete: boolean;
}

/** Limits that keep a hostile list from costing much. */
export interface CommentListLimits {
  /** Longer text values are skipped, not read. */
  maxValueBytes: number;
  /** The list is not read past this many comments. */
  maxFields: number;
}

export const DEFAULT_COMMENT_LIMITS: CommentListLimits = {
  maxValueBytes: 256 * 1024,
  maxFields: 8192,
};

/** Bytes read at the start of each comment to find its name; every name we map is shorter. */
const NAME_PROBE_BYTES = 64;
const EQUALS = 0x3d;
const utf8 = new TextDecoder("utf-8");

/**
 * Reads a Vorbis comment list (vendor string, count, `length + NAME=value`
 * comments, little-endian lengths) from a cursor: text comments are read,
 * picture comments are stepped over by their declared length.
 *
 * Every step consumes at least four bytes of the run or stops, so a count of
 * 2^32-1 or a length past the end ends the loop where the bytes end.
 */
export async function readCommentList(
  cursor: ByteCursor,
  limits: CommentListLimits = DEFAULT_COMMENT_LIMITS,
): Promise<CommentList> {
  const list: CommentList = { fields: [], pictures: [], complete: false };
  const vendorLength = await readU32le(cursor);
  if (vendorLength === undefined || (await cursor.skip(vendorLength)) < vendorLength) return list;
  const count = await readU32le(cursor);
  if (count === undefined) return list;
  for (let index = 0; index < count; index++) {
    if (index >= limits.maxFields) return list;
    const length = await readU32le(cursor);
    if (length === undefined) return list;
    const probe = await cursor.read(Math.min(length, NAME_PROBE_BYTES));
    if (probe.length < Math.min(length, NAME_PROBE_BYTES)) return list;
    const equals = probe.indexOf(EQUALS);
    const rest = length - probe.length;
    const key = equals < 0 ? undefined : utf8.decode(probe.subarray(0, equals)).toUpperCase();
    if (key === "METADATA_BLOCK_PICTURE" || key === "COVERART") {
      const valueStart = cursor.position - probe.length + equals + 1;
      if ((await cursor.skip(rest)) < rest) return list;
      list.pictures.push({ key, valueStart, valueLength: length - equals - 1 });
    } else if ((equals < 0 && rest > 0) || length > limits.maxValueBytes) {
      // A name longer than any we map, or a value too long to be worth reading.
      if ((await cursor.skip(rest)) < rest) return list;
    } else {
      const tail = await cursor.read(rest);
      if (tail.length < rest) return list;
      list.fields.push(splitComment(utf8.decode(concatBytes([probe, tail]))));
    }
  }
  list.complete = true;
  return list;
}

/** `NAME=value` → key and value, exactly as music-metadata's VorbisDecoder splits it. */
function splitComment(text: string): CommentField {
  const equals = text.indexOf("=");
  return { key: text.substring(0, equals).toUpperCase(), value: text.substring(equals + 1) };
}
