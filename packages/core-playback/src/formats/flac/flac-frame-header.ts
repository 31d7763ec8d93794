/**
 * FLAC frame headers: parsing, the CRC-8 check that rejects false syncs, and
 * the consistency checks against STREAMINFO that reject the rest.
 */
import { flacCrc8 } from "./flac-crc.js";
import type { FlacStreamInfo } from "./flac-metadata.js";

/** The longest frame header: sync, 2 code bytes, a 7-byte number, 2+2 extra bytes, CRC-8. */
export const MAX_FRAME_HEADER_BYTES = 16;

/** What one frame header says. */
export interface FlacFrameHeader {
  /** Samples per channel in this frame. */
  blockSize: number;
  /** Samples per channel from the stream's start to this frame's first sample. */
  firstSample: number;
  headerBytes: number;
}

const SAMPLE_RATES = [0, 88_200, 176_400, 192_000, 8000, 16_000, 22_050, 24_000, 32_000, 44_100];
const SAMPLE_SIZES = [0, 8, 12, -1, 16, 20, 24, 32];

/**
 * Parses the frame header at `bytes[position]`.
 *
 * @returns The header; `"need-more"` when `bytes` ends inside it; `undefined`
 *   when there is no valid header there (no sync, bad CRC-8, or values that
 *   contradict STREAMINFO).
 */
export function parseFlacFrameHeader(
  bytes: Uint8Array,
  position: number,
  streamInfo: FlacStreamInfo,
): FlacFrameHeader | "need-more" | undefined {
  const available = bytes.length - position;
  if (available < 2) return "need-more";
  const second = bytes[position + 1] ?? 0;
  if (bytes[position] !== 0xff || (second & 0xfe) !== 0xf8) return undefined;
  if (available < 5) return "need-more";
  const variable = (second & 1) === 1;
  const codes = bytes[position + 2] ?? 0;
  const format = bytes[position + 3] ?? 0;
  const blockSizeCode = codes >> 4;
  const sampleRateCode = codes & 0x0f;
  const channelCode = format >> 4;
  const sampleSizeCode = (format >> 1) & 0x07;
  if (blockSizeCode === 0 || sampleRateCode === 15 || channelCode > 10 || (format & 1) !== 0) {
    return undefined;
  }
  const channels = channelCode < 8 ? channelCode + 1 : 2;
  const sampleSize = SAMPLE_SIZES[sampleSizeCode] ?? -1;
  if (channels !== streamInfo.channels || sampleSize < 0) return undefined;
  if (sampleSize !== 0 && sampleSize !== streamInfo.bitsPerSample) return undefined;

  // The frame or sample number, coded like UTF-8 (up to 7 bytes).
  let cursor = position + 4;
  const lead = bytes[cursor++] ?? 0;
  let extraBytes = 0;
  let number = lead;
  if (lead >= 0x80) {
    if (lead < 0xc0 || lead === 0xff) return undefined;
    extraBytes = lead >= 0xfe ? 6 : Math.clz32(~(lead << 24)) - 1;
    number = lead & (0x3f >> extraBytes);
  }
  if ((variable ? 6 : 5) < extraBytes) return undefined;
  if (available < 5 + extraBytes) return "need-more";
  for (let i = 0; i < extraBytes; i++) {
    const next = bytes[cursor++] ?? 0;
    if ((next & 0xc0) !== 0x80) return undefined;
    number = number * 64 + (next & 0x3f);
  }

  const blockSizeExtra = blockSizeCode === 6 ? 1 : blockSizeCode === 7 ? 2 : 0;
  const rateExtra = sampleRateCode === 12 ? 1 : sampleRateCode >= 13 ? 2 : 0;
  const headerBytes = cursor - position + blockSizeExtra + rateExtra + 1;
  if (available < headerBytes) return "need-more";
  if (flacCrc8(bytes, position, position + headerBytes - 1) !== bytes[position + headerBytes - 1]) {
    return undefined;
  }

  const blockSize = decodeBlockSize(blockSizeCode, bytes, cursor);
  cursor += blockSizeExtra;
  const sampleRate = decodeSampleRate(sampleRateCode, bytes, cursor);
  if (sampleRate !== 0 && sampleRate !== streamInfo.sampleRate) return undefined;
  if (blockSize > streamInfo.maxBlockSize && streamInfo.maxBlockSize >= 16) return undefined;
  const firstSample = variable ? number : number * streamInfo.maxBlockSize;
  if (streamInfo.totalSamples !== undefined && firstSample >= streamInfo.totalSamples) {
    return undefined;
  }
  return { blockSize, firstSample, headerBytes };
}

function decodeBlockSize(code: number, bytes: Uint8Array, at: number): number {
  if (code === 1) return 192;
  if (code <= 5) return 576 << (code - 2);
  if (code === 6) return (bytes[at] ?? 0) + 1;
  if (code === 7) return ((bytes[at] ?? 0) << 8) + (bytes[at + 1] ?? 0) + 1;
  return 256 << (code - 8);
}

function decodeSampleRate(code: number, bytes: Uint8Array, at: number): number {
  if (code < 12) return SAMPLE_RATES[code] ?? 0;
  const value = code === 12 ? (bytes[at] ?? 0) : ((bytes[at] ?? 0) << 8) + (bytes[at + 1] ?? 0);
  return code === 12 ? value * 1000 : code === 13 ? value : value * 10;
}
