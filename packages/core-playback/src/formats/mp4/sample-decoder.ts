/**
 * The seam between the MP4 demuxer and the codec: the stream hands encoded
 * samples (AAC access units) to a {@link SampleDecoder} and gets planar PCM
 * back. WebCodecs implements it in browsers; tests inject a fake.
 */

/** What the decoder must be configured with, taken from the sample entry. */
export interface SampleDecoderConfig {
  /** WebCodecs codec string, e.g. `mp4a.40.2`. */
  codec: string;
  sampleRate: number;
  channels: number;
  /** Codec-specific setup bytes (AAC: the AudioSpecificConfig from `esds`). */
  description: Uint8Array | undefined;
}

/** One encoded sample, placed on the track's timeline in output frames. */
export interface EncodedSample {
  data: Uint8Array;
  /** Track-timeline frame of the sample's first output frame (before delay trimming). */
  frame: number;
  /** Frames the sample lasts according to the sample table. */
  durationFrames: number;
}

/** Decoded PCM placed on the track's timeline. */
export interface DecodedRun {
  /** Track-timeline frame of `channels[*][0]`. */
  frame: number;
  /** One array per channel, all the same length. */
  channels: Float32Array[];
}

/** Decodes runs of consecutive samples. */
export interface SampleDecoder {
  /**
   * Decodes `samples` (consecutive in the track) starting from a clean
   * decoder state, and resolves with their PCM in order. The caller puts
   * one or two earlier samples first when the codec needs them (AAC's
   * overlapping transform) and drops their output.
   */
  decodeRun(samples: readonly EncodedSample[]): Promise<DecodedRun[]>;
  /** Frees the decoder. */
  close(): void;
}

/**
 * Creates a decoder for a track, or rejects with a PlayerError
 * `playback/unsupported-codec` when this platform cannot decode it.
 */
export type SampleDecoderFactory = (config: SampleDecoderConfig) => Promise<SampleDecoder>;
