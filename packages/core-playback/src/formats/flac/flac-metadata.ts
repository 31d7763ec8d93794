/**
 * The FLAC metadata blocks the decoder needs: STREAMINFO (format, total
 * samples) and SEEKTABLE. Other blocks (tags, pictures) are skipped by their
 * lengths without reading them, so a large cover picture costs no bytes.
 */
import { PlayerError } from "@player/core-runtime";
import type { ByteReader } from "../../decoding/decode-contract.js";

/** The STREAMINFO block. */
export interface FlacStreamInfo {
  minBlockSize: number;
  maxBlockSize: number;
  /** Largest frame in bytes; 0 when the encoder did not know. */
  maxFrameSize: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Samples per channel, when the encoder wrote it. */
  totalSamples: number | undefined;
}

/** One SEEKTABLE point: `sample` starts the frame `offset` bytes after the first frame. */
export interface FlacSeekPoint {
  sample: number;
  offset: number;
}

/** Everything read before the first audio frame. */
export interface FlacHeaders {
  streamInfo: FlacStreamInfo;
  /** Ascending seek points (placeholders removed); empty without a SEEKTABLE. */
  seekPoints: FlacSeekPoint[];
  /** File offset of the first audio frame. */
  audioOffset: number;
}

const STREAMINFO = 0;
const SEEKTABLE = 3;
const SEEK_POINT_BYTES = 18;
// A hostile file may declare endless empty blocks; real files have a handful.
const MAX_METADATA_BLOCKS = 1024;

/**
 * Reads the metadata blocks, using `head` (the file's first bytes) and range
 * reads for whatever lies beyond it.
 *
 * @throws PlayerError `playback/unsupported-format` when the bytes are not
 *   FLAC; `playback/truncated` when the file ends inside its headers.
 */
export async function readFlacHeaders(
  head: Uint8Array,
  reader: ByteReader,
  signal?: AbortSignal,
): Promise<FlacHeaders> {
  const bytesAt = async (start: number, end: number): Promise<Uint8Array> => {
    if (end <= head.length) return head.subarray(start, end);
    const bytes = await reader.read(start, end, signal);
    if (bytes.length < end - start) {
      throw new PlayerError("playback/truncated", "The FLAC file ends inside its headers.", {
        fatal: true,
      });
    }
    return bytes;
  };

  const markerOffset = id3TagLength(head);
  const marker = await bytesAt(markerOffset, markerOffset + 4).catch(() => new Uint8Array(0));
  if (String.fromCharCode(...marker) !== "fLaC") {
    throw new PlayerError("playback/unsupported-format", "The file is not FLAC (no fLaC marker).", {
      fatal: true,
    });
  }

  let position = markerOffset + 4;
  let streamInfo: FlacStreamInfo | undefined;
  let seekPoints: FlacSeekPoint[] = [];
  for (let block = 0; block < MAX_METADATA_BLOCKS; block++) {
    const header = await bytesAt(position, position + 4);
    const isLast = ((header[0] ?? 0) & 0x80) !== 0;
    const type = (header[0] ?? 0) & 0x7f;
    const length = ((header[1] ?? 0) << 16) | ((header[2] ?? 0) << 8) | (header[3] ?? 0);
    const bodyStart = position + 4;
    if (block === 0 && (type !== STREAMINFO || length < 34)) break;
    if (type === STREAMINFO && block === 0) {
      streamInfo = parseStreamInfo(await bytesAt(bodyStart, bodyStart + 34));
    } else if (type === SEEKTABLE) {
      seekPoints = parseSeekTable(await bytesAt(bodyStart, bodyStart + length));
    }
    position = bodyStart + length;
    if (isLast) {
      if (streamInfo === undefined) break;
      return { streamInfo, seekPoints, audioOffset: position };
    }
  }
  throw new PlayerError("playback/unsupported-format", "The FLAC headers are invalid.", {
    fatal: true,
    details: { streamInfo: streamInfo !== undefined },
  });
}

function parseStreamInfo(body: Uint8Array): FlacStreamInfo | undefined {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const minBlockSize = view.getUint16(0);
  const maxBlockSize = view.getUint16(2);
  const maxFrameSize = (view.getUint16(7) << 8) | view.getUint8(9);
  // 20 bits rate, 3 bits channels-1, 5 bits bps-1, 36 bits total samples.
  const packed = view.getUint32(10);
  const sampleRate = packed >>> 12;
  const channels = ((packed >>> 9) & 0x07) + 1;
  const bitsPerSample = ((packed >>> 4) & 0x1f) + 1;
  const totalSamples = (packed & 0x0f) * 2 ** 32 + view.getUint32(14);
  if (sampleRate === 0 || maxBlockSize < 16 || bitsPerSample < 4) return undefined;
  return {
    minBlockSize,
    maxBlockSize,
    maxFrameSize,
    sampleRate,
    channels,
    bitsPerSample,
    totalSamples: totalSamples === 0 ? undefined : totalSamples,
  };
}

function parseSeekTable(body: Uint8Array): FlacSeekPoint[] {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const points: FlacSeekPoint[] = [];
  for (let at = 0; at + SEEK_POINT_BYTES <= body.length; at += SEEK_POINT_BYTES) {
    const high = view.getUint32(at);
    if (high === 0xffffffff) continue; // a placeholder point
    const sample = high * 2 ** 32 + view.getUint32(at + 4);
    const offset = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12);
    const previous = points[points.length - 1];
    // Points must ascend; drop any that do not rather than trust them.
    if (previous === undefined || (sample > previous.sample && offset > previous.offset)) {
      points.push({ sample, offset });
    }
  }
  return points;
}

/** Length of a leading ID3v2 tag (some taggers put one before `fLaC`), or 0. */
function id3TagLength(bytes: Uint8Array): number {
  if (bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33 || bytes.length < 10) return 0;
  let size = 0;
  for (let i = 6; i < 10; i++) size = size * 128 + ((bytes[i] ?? 0) & 0x7f);
  const hasFooter = ((bytes[5] ?? 0) & 0x10) !== 0;
  return 10 + size + (hasFooter ? 10 : 0);
}
