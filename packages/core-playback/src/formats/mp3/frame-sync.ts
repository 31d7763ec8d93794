/**
 * Finding frame boundaries in a byte stream: a frame header is only trusted
 * when the headers after it sit exactly where its length says, because
 * `0xFFE…` patterns occur by chance inside audio data.
 */

import { isTrailingTagAt, TRAILING_TAG_MARKER_LENGTH } from "./mp3-tags.js";
import {
  isCompatibleHeader,
  MPEG_HEADER_LENGTH,
  type MpegFrameHeader,
  parseMpegFrameHeader,
} from "./mpeg-frame-header.js";
import type { SequentialByteWindow } from "./sequential-byte-window.js";

/** A synchronised position: a trusted frame, or a trailing tag (the audio ends there). */
export type SyncPoint =
  | { kind: "frame"; offset: number; header: MpegFrameHeader }
  | { kind: "tag"; offset: number };

/** Options of {@link findFrameSync}. */
export interface FrameSyncOptions {
  /** Frames must match it (version, layer, sample rate, channels); the first found sets it when absent. */
  reference?: MpegFrameHeader;
  /** How many headers must follow the candidate in a chain (the end of the file also counts). */
  chain: number;
  /** Give up after scanning this many bytes. */
  limit?: number;
  /** Also stop at a trailing tag (once the stream is known to be MPEG audio). */
  stopAtTags: boolean;
  signal?: AbortSignal;
}

/**
 * Scans forward from `from` for a frame header that starts a chain of
 * `chain` more compatible headers.
 *
 * @returns The sync point, or `undefined` when the file (or `limit`) ends first.
 */
export async function findFrameSync(
  window: SequentialByteWindow,
  from: number,
  options: FrameSyncOptions,
): Promise<SyncPoint | undefined> {
  const stop = options.limit === undefined ? Number.POSITIVE_INFINITY : from + options.limit;
  let position = from;
  while (position < stop) {
    const need = options.stopAtTags ? TRAILING_TAG_MARKER_LENGTH : MPEG_HEADER_LENGTH;
    if (window.end < position + need && !window.atEndOfFile) {
      window.release(position);
      await window.readMore(options.signal);
      continue;
    }
    if (position + MPEG_HEADER_LENGTH > window.end) return undefined;
    const index = position - window.start;
    const bytes = window.bytes;
    if (options.stopAtTags && isTrailingTagAt(bytes, index, position, window.fileSize)) {
      return { kind: "tag", offset: position };
    }
    if (bytes[index] === 0xff) {
      const header = parseMpegFrameHeader(bytes, index);
      const reference = options.reference ?? header;
      if (
        header !== undefined &&
        reference !== undefined &&
        isCompatibleHeader(reference, header)
      ) {
        if (await chainHolds(window, position, header, reference, options)) {
          return { kind: "frame", offset: position, header };
        }
      }
    }
    position++;
  }
  return undefined;
}

/** True when `chain` compatible headers follow the frame at `offset`, or the file ends cleanly. */
async function chainHolds(
  window: SequentialByteWindow,
  offset: number,
  header: MpegFrameHeader,
  reference: MpegFrameHeader,
  options: FrameSyncOptions,
): Promise<boolean> {
  let next = offset + header.frameLength;
  for (let link = 0; link < options.chain; link++) {
    const available = await window.ensure(next, MPEG_HEADER_LENGTH, options.signal);
    if (!available) return window.atEndOfFile && next === window.end;
    const index = next - window.start;
    if (options.stopAtTags && isTrailingTagAt(window.bytes, index, next, window.fileSize)) {
      return true;
    }
    const following = parseMpegFrameHeader(window.bytes, index);
    if (following === undefined || !isCompatibleHeader(reference, following)) return false;
    next += following.frameLength;
  }
  return true;
}
