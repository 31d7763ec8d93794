/**
 * Walks a RIFF/WAVE file's chunks up to `data`: reads `fmt `, skips the
 * rest (LIST, id3, cue, …) by their sizes without reading their bodies.
 */
import { PlayerError } from "@player/core-runtime";
import type { ByteReader } from "../../decoding/decode-contract.js";
import { parseWavFormat, type WavSampleFormat } from "./wav-format.js";

/** Where a WAV's samples are and how they are stored. */
export interface WavLayout {
  format: WavSampleFormat;
  /** File offset of the first sample byte. */
  dataStart: number;
  /** File offset just past the last sample byte; `undefined` for a streamed WAV of unknown size. */
  dataEnd: number | undefined;
  /** True when `dataEnd` is the header's promise (a shorter file is truncated). */
  dataSizeDeclared: boolean;
  /** The bytes from `dataStart` that the header reads already fetched. */
  head: Uint8Array;
}

const CHUNK_HEADER_LENGTH = 8;
/** A streamed WAV writes 0 or 0xFFFFFFFF as the data size: the data runs to the end of the file. */
const STREAMED_SIZES = new Set([0, 0xffff_ffff]);
/** More chunks than any real file has: the bound keeps hostile input from looping. */
const MAX_CHUNKS = 4096;
/** A `fmt ` chunk is 16 to 40 bytes; a huge one is damage. */
const MAX_FORMAT_BYTES = 1024;

/**
 * Reads the chunk headers (and `fmt `) of a WAV, `readBytes` at a time.
 *
 * @throws PlayerError `playback/unsupported-format` when it is not RIFF/WAVE
 * (or RF64) or has no `data` chunk; `playback/unsupported-codec` for sample
 * encodings other than PCM and float.
 */
export async function readWavLayout(
  reader: ByteReader,
  readBytes: number,
  signal?: AbortSignal,
): Promise<WavLayout> {
  let buffer = await reader.read(0, readBytes, signal);
  let bufferStart = 0;
  const riff = ascii(buffer, 0);
  if ((riff !== "RIFF" && riff !== "RF64") || ascii(buffer, 8) !== "WAVE") {
    throw new PlayerError("playback/unsupported-format", "The file is not a RIFF/WAVE file.");
  }
  let format: WavSampleFormat | undefined;
  let position = 12;
  for (let chunk = 0; chunk < MAX_CHUNKS; chunk++) {
    if (position + CHUNK_HEADER_LENGTH > bufferStart + buffer.length) {
      buffer = await reader.read(position, position + readBytes, signal);
      bufferStart = position;
      if (buffer.length < CHUNK_HEADER_LENGTH) break;
    }
    const at = position - bufferStart;
    const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    const id = ascii(buffer, at);
    const size = view.getUint32(at + 4, true);
    const bodyStart = position + CHUNK_HEADER_LENGTH;
    if (id === "data") {
      if (format === undefined) break;
      const streamed = STREAMED_SIZES.has(size) || riff === "RF64";
      const dataEnd = streamed ? reader.size : bodyStart + size;
      const head = buffer.subarray(
        bodyStart - bufferStart,
        dataEnd === undefined ? undefined : dataEnd - bufferStart,
      );
      return { format, dataStart: bodyStart, dataEnd, dataSizeDeclared: !streamed, head };
    }
    if (id === "fmt ") {
      if (size > MAX_FORMAT_BYTES) break;
      const inBuffer = bodyStart + size <= bufferStart + buffer.length;
      const body = inBuffer
        ? buffer.subarray(bodyStart - bufferStart, bodyStart - bufferStart + size)
        : await reader.read(bodyStart, bodyStart + size, signal);
      format = parseWavFormat(body);
    }
    // RIFF pads odd-sized chunks to an even length; the pad byte is not counted.
    position = bodyStart + size + (size % 2);
  }
  throw new PlayerError(
    "playback/unsupported-format",
    format === undefined ? "The WAV has no format chunk." : "The WAV has no data chunk.",
  );
}

function ascii(bytes: Uint8Array, offset: number): string {
  if (offset + 4 > bytes.length) return "";
  return String.fromCharCode(...bytes.subarray(offset, offset + 4));
}
