/**
 * Finds the FLAC frame that holds a given sample while reading only small
 * ranges: SEEKTABLE points narrow the byte range, then an interpolation
 * search probes it, and a short linear scan finishes.
 */
import type { ByteReader } from "../../decoding/decode-contract.js";
import { maxFlacFrameBytes, scanFlacFrame } from "./flac-frame-scanner.js";
import type { FlacHeaders } from "./flac-metadata.js";

/** The frame found by {@link locateFlacFrame} and the bytes read from its start. */
export interface LocatedFlacFrame {
  offset: number;
  firstSample: number;
  /** Bytes from `offset` on, already read (at least the whole frame unless the file ends). */
  bytes: Uint8Array;
}

interface Bound {
  offset: number;
  sample: number | undefined;
}

interface ProbedFrame {
  offset: number;
  end: number;
  firstSample: number;
  blockSize: number;
  bytes: Uint8Array;
}

// Interpolation converges in a few probes; the bound only stops hostile input.
const MAX_PROBES = 40;

/**
 * Locates the frame holding sample `target` (the last frame when `target` is
 * past the end), or `undefined` when no frame can be found.
 */
export async function locateFlacFrame(
  reader: ByteReader,
  headers: FlacHeaders,
  target: number,
  signal?: AbortSignal,
): Promise<LocatedFlacFrame | undefined> {
  const { streamInfo, seekPoints, audioOffset } = headers;
  const probeBytes = Math.min(64 * 1024, Math.max(8 * 1024, 2 * maxFlacFrameBytes(streamInfo)));
  let low: Bound = { offset: audioOffset, sample: 0 };
  let high: Bound | undefined =
    reader.size === undefined
      ? undefined
      : { offset: reader.size, sample: streamInfo.totalSamples };
  for (const point of seekPoints) {
    const bound = { offset: audioOffset + point.offset, sample: point.sample };
    if (point.sample <= target) low = bound;
    else if (high === undefined || bound.offset < high.offset) {
      high = bound;
      break;
    }
  }

  const probe = async (offset: number): Promise<ProbedFrame | undefined> => {
    let bytes = await reader.read(offset, offset + probeBytes, signal);
    for (let attempt = 0; attempt < 2; attempt++) {
      const atEnd = bytes.length < probeBytes * (attempt + 1);
      const scan = scanFlacFrame(bytes, 0, atEnd, streamInfo);
      if (scan.kind === "frame") {
        const { start, end, header } = scan;
        return {
          offset: offset + start,
          end: offset + end,
          firstSample: header.firstSample,
          blockSize: header.blockSize,
          bytes: bytes.subarray(start),
        };
      }
      if (scan.kind !== "need-more" || atEnd) return undefined;
      const more = await reader.read(offset + bytes.length, offset + 2 * probeBytes, signal);
      bytes = concatBytes(bytes, more);
    }
    return undefined;
  };

  let previousSpan = Number.POSITIVE_INFINITY;
  for (let probes = 0; probes < MAX_PROBES && high !== undefined; probes++) {
    const span = high.offset - low.offset;
    if (span <= 2 * probeBytes) break;
    let at = low.offset + Math.floor(span / 2);
    // Interpolate by sample while it keeps halving the range; bisect otherwise.
    if (high.sample !== undefined && low.sample !== undefined && span < previousSpan * 0.75) {
      const fraction = (target - low.sample) / Math.max(1, high.sample - low.sample);
      at = low.offset + Math.floor(fraction * span) - probeBytes / 2;
    }
    previousSpan = span;
    at = Math.min(Math.max(at, low.offset), high.offset - probeBytes);
    const frame = await probe(at);
    if (frame === undefined || frame.offset >= high.offset) {
      high = { offset: at, sample: high.sample };
    } else if (target < frame.firstSample) {
      high = { offset: frame.offset, sample: frame.firstSample };
    } else if (target >= frame.firstSample + frame.blockSize) {
      low = { offset: frame.end, sample: frame.firstSample + frame.blockSize };
    } else {
      return { offset: frame.offset, firstSample: frame.firstSample, bytes: frame.bytes };
    }
  }
  return scanForward(reader, headers, low.offset, target, probeBytes, signal);
}

/** Walks frames from `offset` until the one holding `target` (or the last one). */
async function scanForward(
  reader: ByteReader,
  headers: FlacHeaders,
  offset: number,
  target: number,
  probeBytes: number,
  signal?: AbortSignal,
): Promise<LocatedFlacFrame | undefined> {
  let bufferStart = offset;
  let bytes: Uint8Array = new Uint8Array(0);
  let atEnd = false;
  let position = 0;
  let last: LocatedFlacFrame | undefined;
  // Every pass either consumes a frame or reads more, and reading stops at the end.
  for (;;) {
    const scan = scanFlacFrame(bytes, position, atEnd, headers.streamInfo);
    if (scan.kind === "frame") {
      const found = {
        offset: bufferStart + scan.start,
        firstSample: scan.header.firstSample,
        bytes: bytes.subarray(scan.start),
      };
      // A frame past the target means the target fell in a gap: use the frame before.
      if (target < scan.header.firstSample) return last ?? found;
      if (target < scan.header.firstSample + scan.header.blockSize) return found;
      last = found;
      position = scan.end;
    } else if (scan.kind === "corrupt") {
      position = scan.start + 1;
    } else if (scan.kind === "need-more") {
      const readAt = bufferStart + bytes.length;
      const more = await reader.read(readAt, readAt + probeBytes, signal);
      atEnd = more.length < probeBytes;
      bytes = concatBytes(bytes.subarray(scan.keepFrom), more);
      bufferStart += scan.keepFrom;
      position = 0;
    } else {
      return last;
    }
  }
}

/** `a` followed by `b` in a new array. */
export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a, 0);
  joined.set(b, a.length);
  return joined;
}
