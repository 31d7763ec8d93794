/**
 * Sample-rate conversion between a decoder's rate and the AudioContext's.
 * The converter (libsamplerate compiled to JavaScript) is large, so it is
 * loaded with a dynamic `import()` only when the rates differ.
 */
import { PlayerError } from "@player/core-runtime";
import { PassthroughResampler } from "./passthrough-resampler.js";

/**
 * Streaming conversion of planar PCM from one rate to another. Output is
 * time-aligned with the input (no added delay): output frame `k` is the
 * signal at `k / outputRate` seconds.
 */
export interface Resampler {
  readonly channels: number;
  readonly inputRate: number;
  readonly outputRate: number;
  /**
   * Converts the next run of input, one array per channel (all the same
   * length). Keeps the filter's state between calls, so the output of any
   * split of a stream equals the output of the whole; the last few output
   * frames wait for later input or {@link Resampler.flush}.
   */
  process(channels: readonly Float32Array[]): Float32Array[];
  /**
   * Ends the stream: returns the remaining output, so that the stream's total
   * is exactly `round(totalInputFrames * outputRate / inputRate)` frames.
   * The resampler is then ready for a new stream.
   */
  flush(): Float32Array[];
  /** Drops all state (after a seek): the next input starts a new stream. */
  reset(): void;
  /** Frees the converter's memory. The resampler is unusable afterwards. */
  close(): void;
}

/**
 * libsamplerate converter qualities. `medium` is the default: it keeps a
 * 1 kHz sine at over 130 dB SNR and its passband reaches 90% of Nyquist
 * (flat to 19 kHz at 44.1 kHz); `fastest` rolls off above ~16 kHz (-4 dB at
 * 18 kHz); `best` costs about three times as much for no audible gain.
 */
export type ResamplerQuality = "best" | "medium" | "fastest";

/** Options of {@link createResampler}. */
export interface ResamplerOptions {
  /** Channels of the PCM, 1 to 128. */
  channels: number;
  /** Rate of the input in Hz, an integer from 1 to 192 000. */
  inputRate: number;
  /** Rate of the output in Hz, an integer from 1 to 192 000. */
  outputRate: number;
  /** Converter quality. Default `medium`. */
  quality?: ResamplerQuality;
}

/** Largest channel count and rate the converter accepts. */
export const MAX_RESAMPLER_CHANNELS = 128;
export const MAX_RESAMPLER_RATE = 192_000;

/**
 * Makes a resampler for one stream's format. Equal rates give a passthrough
 * that loads nothing.
 *
 * @throws PlayerError `runtime/invalid-argument` for a channel count or rate
 *   out of range; `playback/output-failed` (retryable) when the converter's
 *   code cannot be loaded.
 *
 * @example
 * ```ts
 * const resampler = await createResampler({ channels: 2, inputRate: 44_100, outputRate: 48_000 });
 * const out = resampler.process([left, right]);
 * const tail = resampler.flush();
 * ```
 */
export async function createResampler(options: ResamplerOptions): Promise<Resampler> {
  const { channels, inputRate, outputRate } = options;
  checkInteger(channels, "channels", 1, MAX_RESAMPLER_CHANNELS);
  checkInteger(inputRate, "inputRate", 1, MAX_RESAMPLER_RATE);
  checkInteger(outputRate, "outputRate", 1, MAX_RESAMPLER_RATE);
  if (inputRate === outputRate) return new PassthroughResampler(channels, inputRate);
  const { LibsamplerateResampler } = await import("./libsamplerate-resampler.js");
  return LibsamplerateResampler.create({
    channels,
    inputRate,
    outputRate,
    quality: options.quality ?? "medium",
  });
}

function checkInteger(value: number, name: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new PlayerError(
      "runtime/invalid-argument",
      `${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
      { details: { argument: name } },
    );
  }
}
