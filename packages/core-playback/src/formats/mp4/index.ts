/**
 * The MP4/M4A decoding module: AAC (and MP3) audio in an ISO-BMFF file,
 * demuxed with mp4box from `moov` alone and decoded by WebCodecs.
 */
import type {
  ByteReader,
  DecodeStream,
  FormatModule,
  OpenStreamOptions,
} from "../../decoding/decode-contract.js";
import { Mp4DecodeStream } from "./mp4-decode-stream.js";
import { demuxAudioTrack } from "./mp4-demuxer.js";
import type { SampleDecoderFactory } from "./sample-decoder.js";
import { readTopLevelBoxes } from "./top-level-boxes.js";
import { createWebCodecsSampleDecoder } from "./webcodecs-sample-decoder.js";

export type { GaplessTrim } from "./gapless-trim.js";
export type {
  DecodedRun,
  EncodedSample,
  SampleDecoder,
  SampleDecoderConfig,
  SampleDecoderFactory,
} from "./sample-decoder.js";

const DEFAULT_CHUNK_BYTES = 64 * 1024;
const DEFAULT_FIRST_CHUNK_BYTES = 16 * 1024;

/** Options of {@link createMp4Module}. */
export interface Mp4ModuleOptions {
  /** Makes the codec decoder; default: WebCodecs `AudioDecoder`. Tests pass a fake. */
  createDecoder?: SampleDecoderFactory;
}

/**
 * Creates the MP4 module with a chosen decoder. Only the first audio track
 * plays; priming and padding are trimmed from the edit list, `iTunSMPB`, or
 * AAC's usual 1024-frame delay.
 *
 * @example
 * ```ts
 * const stream = await createMp4Module().open(reader);
 * for (let piece = await stream.next(); piece; piece = await stream.next()) play(piece);
 * ```
 */
export function createMp4Module(options: Mp4ModuleOptions = {}): FormatModule {
  const createDecoder = options.createDecoder ?? createWebCodecsSampleDecoder;
  return {
    async open(reader: ByteReader, open: OpenStreamOptions = {}): Promise<DecodeStream> {
      open.signal?.throwIfAborted();
      const boxes = await readTopLevelBoxes(reader, open.signal);
      const track = await demuxAudioTrack(boxes);
      open.signal?.throwIfAborted();
      const decoder = await createDecoder({
        codec: track.codec,
        sampleRate: track.sampleRate,
        channels: track.channels,
        description: track.description,
      });
      return new Mp4DecodeStream(reader, track, decoder, {
        chunkBytes: open.chunkBytes ?? DEFAULT_CHUNK_BYTES,
        firstChunkBytes: open.firstChunkBytes ?? DEFAULT_FIRST_CHUNK_BYTES,
      });
    },
  };
}

/**
 * The MP4/M4A module with WebCodecs decoding. Where there is no
 * `AudioDecoder` (Node) or it cannot decode the track, `open` rejects with
 * PlayerError `playback/unsupported-codec`.
 */
export const mp4Module: FormatModule = createMp4Module();
