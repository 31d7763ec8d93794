/**
 * The WAV format module: RIFF/WAVE parsed here, no decoder library needed.
 */
import type { FormatModule } from "../../decoding/decode-contract.js";
import { WavDecodeStream } from "./wav-decode-stream.js";
import { readWavLayout } from "./wav-layout.js";

const DEFAULT_CHUNK_BYTES = 64 * 1024;
const DEFAULT_FIRST_CHUNK_BYTES = 16 * 1024;

/**
 * Decodes WAV files: integer PCM (8/16/24/32-bit), IEEE float (32/64-bit),
 * plain or WAVE_FORMAT_EXTENSIBLE; skips LIST/id3/other chunks; a data
 * size of 0 or 0xFFFFFFFF (streamed WAV) runs to the end of the file. Seeks
 * are exact by arithmetic.
 *
 * @throws PlayerError `playback/unsupported-format` (not RIFF/WAVE, no data
 * chunk) or `playback/unsupported-codec` (ADPCM, µ-law, …) from `open`.
 */
export const wavModule: FormatModule = {
  async open(reader, options = {}) {
    const firstChunkBytes = Math.max(64, options.firstChunkBytes ?? DEFAULT_FIRST_CHUNK_BYTES);
    const layout = await readWavLayout(reader, firstChunkBytes, options.signal);
    return new WavDecodeStream(reader, layout, options.chunkBytes ?? DEFAULT_CHUNK_BYTES);
  },
};
