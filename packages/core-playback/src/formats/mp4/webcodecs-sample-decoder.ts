/**
 * {@link SampleDecoder} over WebCodecs `AudioDecoder` (browsers and their
 * workers). There is no AAC decoder on npm that is both WASM and
 * permissively licensed, so AAC plays where the platform decodes it.
 */
import { PlayerError } from "@player/core-runtime";
import type {
  DecodedRun,
  EncodedSample,
  SampleDecoder,
  SampleDecoderConfig,
  SampleDecoderFactory,
} from "./sample-decoder.js";

const MICROSECONDS_PER_SECOND = 1_000_000;

/** The `AudioDecoder` constructor of the global scope, when this platform has one. */
function platformAudioDecoder(): typeof AudioDecoder | undefined {
  const scope = globalThis as { AudioDecoder?: typeof AudioDecoder };
  return typeof scope.AudioDecoder === "function" ? scope.AudioDecoder : undefined;
}

function unsupported(config: SampleDecoderConfig, reason: string, cause?: unknown): PlayerError {
  return new PlayerError(
    "playback/unsupported-codec",
    `Cannot decode ${config.codec} (${config.sampleRate} Hz, ${config.channels} channels): ${reason}`,
    { fatal: true, cause, details: { codec: config.codec } },
  );
}

/**
 * Creates a WebCodecs-backed decoder after asking `AudioDecoder.isConfigSupported`.
 * Rejects with `playback/unsupported-codec` where there is no `AudioDecoder`
 * (Node, old browsers) or it cannot decode this codec.
 */
export const createWebCodecsSampleDecoder: SampleDecoderFactory = async (config) => {
  const Decoder = platformAudioDecoder();
  if (Decoder === undefined)
    throw unsupported(config, "this platform has no WebCodecs AudioDecoder");
  const decoderConfig: AudioDecoderConfig = {
    codec: config.codec,
    sampleRate: config.sampleRate,
    numberOfChannels: config.channels,
  };
  if (config.description !== undefined) decoderConfig.description = config.description;
  let support: AudioDecoderSupport;
  try {
    support = await Decoder.isConfigSupported(decoderConfig);
  } catch (error) {
    throw unsupported(config, "the AudioDecoder rejected the configuration", error);
  }
  if (support.supported !== true) throw unsupported(config, "the AudioDecoder does not support it");
  return new WebCodecsSampleDecoder(Decoder, decoderConfig);
};

class WebCodecsSampleDecoder implements SampleDecoder {
  private decoder: AudioDecoder | undefined;
  private outputs: DecodedRun[] = [];
  private failure: unknown;

  constructor(
    private readonly Decoder: typeof AudioDecoder,
    private readonly config: AudioDecoderConfig,
  ) {}

  async decodeRun(samples: readonly EncodedSample[]): Promise<DecodedRun[]> {
    const decoder = this.activeDecoder();
    this.outputs = [];
    this.failure = undefined;
    const rate = this.config.sampleRate;
    try {
      for (const sample of samples) {
        decoder.decode(
          new EncodedAudioChunk({
            type: "key",
            timestamp: Math.round((sample.frame * MICROSECONDS_PER_SECOND) / rate),
            duration: Math.round((sample.durationFrames * MICROSECONDS_PER_SECOND) / rate),
            data: sample.data,
          }),
        );
      }
      // flush() also resets the codec state: the caller's preroll covers that.
      await decoder.flush();
    } catch (error) {
      throw this.decodeFailed(this.failure ?? error);
    }
    if (this.failure !== undefined) throw this.decodeFailed(this.failure);
    const runs = this.outputs;
    this.outputs = [];
    return runs;
  }

  close(): void {
    if (this.decoder !== undefined && this.decoder.state !== "closed") this.decoder.close();
    this.decoder = undefined;
  }

  /** The configured decoder; a new one after an error closed the previous. */
  private activeDecoder(): AudioDecoder {
    if (this.decoder !== undefined && this.decoder.state === "configured") return this.decoder;
    this.close();
    const decoder = new this.Decoder({
      output: (data) => this.collect(data),
      error: (error) => {
        this.failure ??= error;
      },
    });
    decoder.configure(this.config);
    this.decoder = decoder;
    return decoder;
  }

  private collect(data: AudioData): void {
    try {
      if (data.sampleRate !== this.config.sampleRate) {
        this.failure ??= new Error(
          `The decoder output ${data.sampleRate} Hz where the track says ${this.config.sampleRate} Hz`,
        );
        return;
      }
      const channels: Float32Array[] = [];
      for (let plane = 0; plane < data.numberOfChannels; plane++) {
        const samples = new Float32Array(data.numberOfFrames);
        data.copyTo(samples, { planeIndex: plane, format: "f32-planar" });
        channels.push(samples);
      }
      const frame = Math.round((data.timestamp * data.sampleRate) / MICROSECONDS_PER_SECOND);
      this.outputs.push({ frame, channels });
    } catch (error) {
      this.failure ??= error;
    } finally {
      data.close();
    }
  }

  private decodeFailed(cause: unknown): PlayerError {
    this.close();
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new PlayerError(
      "playback/decode-failed",
      `The ${this.config.codec} decoder failed: ${reason}`,
      {
        cause,
        details: { codec: this.config.codec },
      },
    );
  }
}
