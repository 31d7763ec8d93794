export type {
  ByteReader,
  DecodedPiece,
  DecodeIssue,
  DecodeStream,
  FormatModule,
  OpenStreamOptions,
  StreamInfo,
} from "./decoding/decode-contract.js";
export type { AudioOutput, AudioOutputFormat } from "./engine/audio-output.js";
export { FORMAT_LOADERS, type FormatLoader, loaderFor } from "./engine/format-registry.js";
export { type OpenedStream, openDecodeStream } from "./engine/open-decode-stream.js";
export {
  PlaybackEngine,
  type PlaybackEngineOptions,
  type PlaybackStatus,
  type PlayOptions,
} from "./engine/playback-engine.js";
export type { ResamplerFactory, StreamResampler } from "./engine/stream-resampler.js";
export type { SniffedFormat } from "./format-sniffer.js";
export { sniffFormat } from "./format-sniffer.js";
export { SinkChannel, type SinkChannelOptions, type SinkTransport } from "./output/sink-channel.js";
export {
  createResampler,
  MAX_RESAMPLER_CHANNELS,
  MAX_RESAMPLER_RATE,
  type Resampler,
  type ResamplerOptions,
  type ResamplerQuality,
} from "./resample/resampler.js";
export { RangeByteReader, type RangeByteReaderOptions } from "./source/range-byte-reader.js";
