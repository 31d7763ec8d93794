/**
 * The information frame encoders put first in an MP3: a Xing/Info header
 * (frame and byte counts, a 100-point seek table) optionally followed by a
 * LAME tag (encoder delay and padding), or Fraunhofer's VBRI header. The
 * frame carries no audio.
 */
import { MPEG_HEADER_LENGTH, type MpegFrameHeader } from "./mpeg-frame-header.js";

/** A VBRI seek table: entry `i` is the byte length of frames `i*framesPerEntry …`. */
export interface VbriTable {
  framesPerEntry: number;
  /** Byte lengths, already multiplied by the table's scale. */
  entryBytes: number[];
}

/** What the information frame says. */
export interface VbrHeader {
  /** `Info` is LAME's spelling for constant bitrate streams. */
  kind: "xing" | "info" | "vbri";
  /** Audio frames after the information frame, when stored. */
  frameCount: number | undefined;
  /** Bytes from the information frame's start to the end of the audio, when stored. */
  byteCount: number | undefined;
  /** Xing table: entry `p` is the byte position of `p` % of the duration, in 1/256 of `byteCount`. */
  toc: Uint8Array | undefined;
  vbri: VbriTable | undefined;
  /** Samples the encoder added before the audio (LAME tag), when known. */
  encoderDelay: number | undefined;
  /** Samples the encoder added after the audio (LAME tag), when known. */
  encoderPadding: number | undefined;
}

const XING_FLAG_FRAMES = 1;
const XING_FLAG_BYTES = 2;
const XING_FLAG_TOC = 4;
const XING_FLAG_QUALITY = 8;
const XING_TOC_LENGTH = 100;
/** VBRI sits at a fixed place: 32 bytes after the four header bytes. */
const VBRI_OFFSET = MPEG_HEADER_LENGTH + 32;
/** Offset of the 24-bit delay/padding field from the LAME tag's start. */
const LAME_DELAY_OFFSET = 21;
const LAME_ENCODERS = ["LAME", "Lavf", "Lavc", "L3.9", "GOGO"];

/**
 * Reads a Xing/Info (with LAME tag) or VBRI header from the frame at
 * `frameOffset` of `bytes`.
 *
 * @returns The header, or `undefined` when the frame is an ordinary audio frame.
 */
export function parseVbrHeader(
  bytes: Uint8Array,
  frameOffset: number,
  header: MpegFrameHeader,
): VbrHeader | undefined {
  const frameEnd = Math.min(bytes.length, frameOffset + header.frameLength);
  const frame = bytes.subarray(frameOffset, frameEnd);
  const xingOffset = MPEG_HEADER_LENGTH + header.sideInfoLength;
  const tag = ascii(frame, xingOffset, 4);
  if (tag === "Xing" || tag === "Info") return parseXing(frame, xingOffset, tag);
  if (ascii(frame, VBRI_OFFSET, 4) === "VBRI") return parseVbri(frame);
  return undefined;
}

function parseXing(frame: Uint8Array, start: number, tag: string): VbrHeader {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const flags = readU32(view, start + 4) ?? 0;
  let position = start + 8;
  let frameCount: number | undefined;
  let byteCount: number | undefined;
  let toc: Uint8Array | undefined;
  if (flags & XING_FLAG_FRAMES) {
    frameCount = readU32(view, position);
    position += 4;
  }
  if (flags & XING_FLAG_BYTES) {
    byteCount = readU32(view, position);
    position += 4;
  }
  if (flags & XING_FLAG_TOC) {
    if (position + XING_TOC_LENGTH <= frame.length) {
      toc = frame.slice(position, position + XING_TOC_LENGTH);
    }
    position += XING_TOC_LENGTH;
  }
  if (flags & XING_FLAG_QUALITY) position += 4;
  const result: VbrHeader = {
    kind: tag === "Info" ? "info" : "xing",
    frameCount: frameCount === 0 ? undefined : frameCount,
    byteCount: byteCount === 0 ? undefined : byteCount,
    toc,
    vbri: undefined,
    encoderDelay: undefined,
    encoderPadding: undefined,
  };
  if (LAME_ENCODERS.includes(ascii(frame, position, 4))) {
    const b0 = frame[position + LAME_DELAY_OFFSET];
    const b1 = frame[position + LAME_DELAY_OFFSET + 1];
    const b2 = frame[position + LAME_DELAY_OFFSET + 2];
    if (b0 !== undefined && b1 !== undefined && b2 !== undefined) {
      result.encoderDelay = (b0 << 4) | (b1 >> 4);
      result.encoderPadding = ((b1 & 0x0f) << 8) | b2;
    }
  }
  return result;
}

function parseVbri(frame: Uint8Array): VbrHeader {
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const start = VBRI_OFFSET;
  const byteCount = readU32(view, start + 10);
  const frameCount = readU32(view, start + 14);
  const entries = readU16(view, start + 18) ?? 0;
  const scale = readU16(view, start + 20) ?? 0;
  const entrySize = readU16(view, start + 22) ?? 0;
  const framesPerEntry = readU16(view, start + 24) ?? 0;
  let vbri: VbriTable | undefined;
  const tableStart = start + 26;
  const tableFits = tableStart + entries * entrySize <= frame.length;
  if (entries > 0 && entrySize >= 1 && entrySize <= 4 && framesPerEntry > 0 && tableFits) {
    const entryBytes: number[] = [];
    for (let i = 0; i < entries; i++) {
      let value = 0;
      for (let b = 0; b < entrySize; b++)
        value = value * 256 + (frame[tableStart + i * entrySize + b] ?? 0);
      entryBytes.push(value * scale);
    }
    vbri = { framesPerEntry, entryBytes };
  }
  return {
    kind: "vbri",
    frameCount: frameCount === 0 ? undefined : frameCount,
    byteCount: byteCount === 0 ? undefined : byteCount,
    toc: undefined,
    vbri,
    encoderDelay: undefined,
    encoderPadding: undefined,
  };
}

function readU32(view: DataView, offset: number): number | undefined {
  return offset + 4 <= view.byteLength ? view.getUint32(offset) : undefined;
}

function readU16(view: DataView, offset: number): number | undefined {
  return offset + 2 <= view.byteLength ? view.getUint16(offset) : undefined;
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (offset < 0 || offset + length > bytes.length) return "";
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
