/**
 * Finds `ftyp` and `moov` among an MP4 file's top-level boxes with small range
 * reads: box headers only, skipping `mdat` whole, so a file whose `moov` sits
 * after `mdat` (ffmpeg's default) costs a few reads, not the file.
 */
import { PlayerError } from "@player/core-runtime";
import type { ByteReader } from "../../decoding/decode-contract.js";

/** The first read: enough for `ftyp`, a `free` and the `mdat` header, or a small faststart `moov`. */
export const HEAD_PROBE_BYTES = 4096;
/** 32-bit size, type, and the 64-bit size when the 32-bit one is 1. */
const LARGEST_HEADER_BYTES = 16;
/** Real files have a handful of top-level boxes; this bounds hostile ones. */
const MAX_TOP_LEVEL_BOXES = 1024;
/** A `moov` for ten hours of AAC is ~8 MB; anything far larger is not an audio file. */
export const MAX_MOOV_BYTES = 64 * 1024 * 1024;
const MAX_FTYP_BYTES = 4096;

/** Where one top-level box lies. */
export interface BoxLocation {
  type: string;
  start: number;
  headerSize: number;
  /** Whole box in bytes; `Infinity` when it runs to the end of a file of unknown size. */
  size: number;
}

/** The boxes the demuxer needs, with the bytes of `ftyp` and `moov`. */
export interface TopLevelBoxes {
  /** Every top-level box visited, in file order (up to and including `moov`). */
  boxes: BoxLocation[];
  ftyp: Uint8Array | undefined;
  moov: Uint8Array;
  moovLocation: BoxLocation;
}

/** The header of the box at `offset` of `bytes`, or `undefined` when `bytes` ends inside it. */
export function parseBoxHeader(
  bytes: Uint8Array,
  offset: number,
  fileStart: number,
): BoxLocation | undefined {
  if (bytes.length < offset + 8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
  const size32 = view.getUint32(0);
  const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
  if (size32 === 1) {
    if (bytes.length < offset + LARGEST_HEADER_BYTES) return undefined;
    const size = Number(view.getBigUint64(8));
    return { type, start: fileStart, headerSize: 16, size };
  }
  return {
    type,
    start: fileStart,
    headerSize: 8,
    size: size32 === 0 ? Number.POSITIVE_INFINITY : size32,
  };
}

/** A PlayerError for box sizes no real file has. */
export function hostileStructure(message: string): PlayerError {
  return new PlayerError("playback/decode-failed", `Damaged MP4 box structure: ${message}`, {
    fatal: true,
    cause: new RangeError(message),
  });
}

function unsupportedFormat(message: string): PlayerError {
  return new PlayerError("playback/unsupported-format", message, { fatal: true });
}

const isBoxType = (type: string) => /^[\x20-\x7e]{4}$/.test(type);

/**
 * Walks the top-level boxes until `moov` and returns it (with `ftyp`).
 *
 * @throws PlayerError `playback/unsupported-format` when there is no whole
 * `moov` (a missing or cut-off index); `playback/decode-failed` for box
 * sizes that cannot be right.
 */
export async function readTopLevelBoxes(
  reader: ByteReader,
  signal?: AbortSignal,
): Promise<TopLevelBoxes> {
  const fileSize = reader.size;
  const head = await reader.read(
    0,
    Math.min(HEAD_PROBE_BYTES, fileSize ?? HEAD_PROBE_BYTES),
    signal,
  );
  const bytesAt = async (start: number, end: number): Promise<Uint8Array> =>
    end <= head.length ? head.subarray(start, end) : reader.read(start, end, signal);

  const boxes: BoxLocation[] = [];
  let ftyp: Uint8Array | undefined;
  let offset = 0;
  for (let count = 0; count < MAX_TOP_LEVEL_BOXES; count++) {
    if (fileSize !== undefined && offset >= fileSize) break;
    const headerBytes = await bytesAt(offset, offset + LARGEST_HEADER_BYTES);
    const box = parseBoxHeader(headerBytes, 0, offset);
    if (box === undefined) break;
    if (!isBoxType(box.type)) {
      if (boxes.length === 0) throw unsupportedFormat("The file does not start with an MP4 box");
      break; // Trailing garbage after the last box: stop looking.
    }
    const oversized = Number.isFinite(box.size) && !Number.isSafeInteger(offset + box.size);
    if (box.size < box.headerSize || oversized) {
      throw hostileStructure(`the ${box.type} box at ${offset} claims ${box.size} bytes`);
    }
    if (fileSize !== undefined && !Number.isFinite(box.size)) box.size = fileSize - offset;
    boxes.push(box);
    const runsPastEnd = fileSize !== undefined && offset + box.size > fileSize;
    if (box.type === "ftyp" && ftyp === undefined) {
      if (box.size > MAX_FTYP_BYTES) throw hostileStructure(`an ftyp box of ${box.size} bytes`);
      ftyp = await bytesAt(offset, offset + box.size);
    } else if (box.type === "moov") {
      if (!Number.isFinite(box.size) || box.size > MAX_MOOV_BYTES) {
        throw hostileStructure(`a moov box of ${box.size} bytes`);
      }
      if (runsPastEnd)
        throw unsupportedFormat("The MP4 index (moov) is cut off: the file is truncated");
      const moov = await bytesAt(offset, offset + box.size);
      if (moov.length < box.size) {
        throw unsupportedFormat("The MP4 index (moov) is cut off: the file is truncated");
      }
      return { boxes, ftyp, moov, moovLocation: box };
    }
    if (!Number.isFinite(box.size) || runsPastEnd) break;
    offset += box.size;
  }
  throw unsupportedFormat(
    "The MP4 file has no index (moov box); it may be truncated or still being written",
  );
}
