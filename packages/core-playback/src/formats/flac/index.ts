/**
 * FLAC decoding: native FLAC files (optionally behind an ID3v2 tag), streamed
 * in chunks, positioned by frame headers, seeking through SEEKTABLE and a
 * CRC-checked frame search.
 */
import { chunkSizeOption } from "../../decoding/chunk-size-option.js";
import type { FormatModule, OpenStreamOptions } from "../../decoding/decode-contract.js";
import { FlacDecodeStream } from "./flac-decode-stream.js";
import { FlacFrameDecoder } from "./flac-frame-decoder.js";
import { readFlacHeaders } from "./flac-metadata.js";

const DEFAULT_CHUNK_BYTES = 64 * 1024;
const DEFAULT_FIRST_CHUNK_BYTES = 16 * 1024;

/**
 * The FLAC {@link FormatModule}.
 *
 * @example
 * ```ts
 * const stream = await flacModule.open(reader, { firstChunkBytes: 16_384 });
 * for (let piece = await stream.next(); piece; piece = await stream.next()) play(piece);
 * ```
 */
export const flacModule: FormatModule = {
  async open(reader, options: OpenStreamOptions = {}) {
    const chunkBytes = chunkSizeOption(options.chunkBytes, DEFAULT_CHUNK_BYTES);
    const firstChunkBytes = chunkSizeOption(options.firstChunkBytes, DEFAULT_FIRST_CHUNK_BYTES);
    const head = await reader.read(0, firstChunkBytes, options.signal);
    const headers = await readFlacHeaders(head, reader, options.signal);
    const decoder = await FlacFrameDecoder.create();
    const initial =
      headers.audioOffset < head.length ? head.subarray(headers.audioOffset) : new Uint8Array(0);
    return new FlacDecodeStream(reader, headers, decoder, { firstChunkBytes, chunkBytes }, initial);
  },
};
