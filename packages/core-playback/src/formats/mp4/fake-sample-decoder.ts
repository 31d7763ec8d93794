/**
 * Test-only: a {@link SampleDecoder} that behaves like an AAC decoder in the
 * ways that matter to the stream, without AAC. Each sample of a synthetic
 * file ({@link synthesizeMp4}) carries its index; the fake outputs 1024
 * frames per sample whose left value is the frame's true timeline position
 * (`index * 1024 + k`) and right value its negation. Like AAC, the first
 * output after a cold start mid-stream is wrong ({@link COLD_START_VALUE}):
 * a stream that forgets the preroll shows it.
 */
import { PlayerError } from "@player/core-runtime";
import type {
  DecodedRun,
  EncodedSample,
  SampleDecoder,
  SampleDecoderConfig,
  SampleDecoderFactory,
} from "./sample-decoder.js";
import { AAC_FRAMES_PER_SAMPLE } from "./synthetic-mp4.js";

/** What the fake puts in the frames of a cold start's first sample. */
export const COLD_START_VALUE = -1;

/** The fake's record of what it was asked. */
export interface FakeDecoderLog {
  configs: SampleDecoderConfig[];
  /** Sample indexes of each `decodeRun` call. */
  runs: number[][];
  closed: number;
}

/**
 * A decoder factory over the fake, with a shared log.
 *
 * @param failOnSample - A sample index whose run fails with `playback/decode-failed`.
 */
export function fakeDecoderFactory(options: { failOnSample?: number } = {}): {
  factory: SampleDecoderFactory;
  log: FakeDecoderLog;
} {
  const log: FakeDecoderLog = { configs: [], runs: [], closed: 0 };
  const factory: SampleDecoderFactory = async (config) => {
    log.configs.push(config);
    return new FakeSampleDecoder(config.channels, log, options.failOnSample);
  };
  return { factory, log };
}

class FakeSampleDecoder implements SampleDecoder {
  constructor(
    private readonly channels: number,
    private readonly log: FakeDecoderLog,
    private readonly failOnSample: number | undefined,
  ) {}

  async decodeRun(samples: readonly EncodedSample[]): Promise<DecodedRun[]> {
    const indexes = samples.map((sample) => indexOf(sample.data));
    this.log.runs.push(indexes);
    if (this.failOnSample !== undefined && indexes.includes(this.failOnSample)) {
      throw new PlayerError(
        "playback/decode-failed",
        `fake: sample ${this.failOnSample} is damaged`,
      );
    }
    return samples.map((sample, position) => {
      const index = indexes[position] ?? 0;
      const left = new Float32Array(AAC_FRAMES_PER_SAMPLE);
      for (let k = 0; k < left.length; k++) {
        left[k] =
          position === 0 && index > 0 ? COLD_START_VALUE : index * AAC_FRAMES_PER_SAMPLE + k;
      }
      const right = left.map((value) => -value);
      const channels = this.channels === 1 ? [left] : [left, right];
      return { frame: sample.frame, channels };
    });
  }

  close(): void {
    this.log.closed++;
  }
}

function indexOf(data: Uint8Array): number {
  return new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0);
}
