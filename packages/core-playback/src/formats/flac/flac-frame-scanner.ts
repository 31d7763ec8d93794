/**
 * Finds whole FLAC frames in a run of bytes. A frame is accepted only when its
 * header passes CRC-8 and the CRC-16 over header and body ends exactly where
 * the next valid header (or the file) begins, so false syncs inside audio
 * data and damaged frames are both rejected without decoding anything.
 */
import { flacCrc16 } from "./flac-crc.js";
import {
  type FlacFrameHeader,
  MAX_FRAME_HEADER_BYTES,
  parseFlacFrameHeader,
} from "./flac-frame-header.js";
import type { FlacStreamInfo } from "./flac-metadata.js";

/** What {@link scanFlacFrame} found. */
export type FlacFrameScan =
  /** A verified frame at `bytes[start..end)`. */
  | { kind: "frame"; start: number; end: number; header: FlacFrameHeader }
  /** A header at `start` whose frame never checks out: damaged data. */
  | { kind: "corrupt"; start: number; header: FlacFrameHeader }
  /** The bytes end inside a frame that the end of the file cut off. */
  | { kind: "cut-off"; start: number; header: FlacFrameHeader }
  /** More bytes are needed to decide; everything before `keepFrom` can be dropped. */
  | { kind: "need-more"; keepFrom: number }
  /** No frame header at or after `from`; everything before `keepFrom` can be dropped. */
  | { kind: "none"; keepFrom: number };

/** The largest frame worth searching for: STREAMINFO's figure, or a bound from the format. */
export function maxFlacFrameBytes(streamInfo: FlacStreamInfo): number {
  if (streamInfo.maxFrameSize > 0) return streamInfo.maxFrameSize + MAX_FRAME_HEADER_BYTES;
  // A verbatim frame: every sample stored raw, plus headers and padding.
  const raw = Math.ceil(
    (streamInfo.maxBlockSize * streamInfo.channels * streamInfo.bitsPerSample) / 8,
  );
  return raw + 64 * streamInfo.channels + 1024;
}

/**
 * Looks for the first verified frame at or after `from`.
 *
 * @param atEnd - `bytes` ends where the file ends (no more bytes will come).
 */
export function scanFlacFrame(
  bytes: Uint8Array,
  from: number,
  atEnd: boolean,
  streamInfo: FlacStreamInfo,
): FlacFrameScan {
  const maxFrameBytes = maxFlacFrameBytes(streamInfo);
  for (let start = from; start < bytes.length; start++) {
    if (bytes[start] !== 0xff) continue;
    const header = parseFlacFrameHeader(bytes, start, streamInfo);
    if (header === undefined) continue;
    if (header === "need-more") {
      if (atEnd) return { kind: "none", keepFrom: bytes.length };
      return { kind: "need-more", keepFrom: start };
    }
    const end = findFrameEnd(bytes, start, header, atEnd, maxFrameBytes, streamInfo);
    if (end === "need-more") return { kind: "need-more", keepFrom: start };
    if (end === "cut-off") return { kind: "cut-off", start, header };
    if (end === undefined) return { kind: "corrupt", start, header };
    return { kind: "frame", start, end, header };
  }
  const keepFrom = atEnd ? bytes.length : Math.max(from, bytes.length - 1);
  return { kind: atEnd ? "none" : "need-more", keepFrom };
}

function findFrameEnd(
  bytes: Uint8Array,
  start: number,
  header: FlacFrameHeader,
  atEnd: boolean,
  maxFrameBytes: number,
  streamInfo: FlacStreamInfo,
): number | "need-more" | "cut-off" | undefined {
  const limit = Math.min(bytes.length, start + maxFrameBytes);
  let crc = flacCrc16(0, bytes, start, start + header.headerBytes);
  for (let position = start + header.headerBytes; position < limit; ) {
    crc = flacCrc16(crc, bytes, position, position + 1);
    position++;
    if (crc !== 0) continue;
    if (position === bytes.length) return atEnd ? position : "need-more";
    const next = parseFlacFrameHeader(bytes, position, streamInfo);
    if (next === "need-more") {
      if (atEnd) continue;
      return "need-more";
    }
    if (next !== undefined && next.firstSample > header.firstSample) return position;
  }
  if (limit === start + maxFrameBytes) return undefined;
  return atEnd ? "cut-off" : "need-more";
}
