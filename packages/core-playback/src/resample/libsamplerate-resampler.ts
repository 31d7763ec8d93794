/**
 * A {@link Resampler} over libsamplerate's sinc converters
 * (`@alexanderolsen/libsamplerate-js`, its `full` streaming API). This file
 * is itself loaded lazily by `createResampler`.
 */
import { PlayerError } from "@player/core-runtime";
import { planarFrameCount } from "./planar-pcm.js";
import type { Resampler, ResamplerQuality } from "./resampler.js";

type LibsamplerateModule = typeof import("@alexanderolsen/libsamplerate-js");
type SampleRateConverter = Awaited<ReturnType<LibsamplerateModule["create"]>>;

/** The package's `ConverterType` values (SRC_SINC_BEST_QUALITY = 0, ...). */
const CONVERTER_TYPES = { best: 0, medium: 1, fastest: 2 } as const;

/**
 * Interleaved samples per call to the converter. The package copies input
 * into a fixed buffer of 1 008 000 floats and splits anything larger itself;
 * staying well under keeps every call on the plain path.
 */
const MAX_SAMPLES_PER_CALL = 262_144;

/** Input frames of silence fed per round when flushing the filter's tail. */
const FLUSH_FRAMES = 4096;

/**
 * The package is a UMD bundle (CommonJS to Node and bundlers): its exports
 * arrive on `default`, and only some bundlers also copy them onto the namespace.
 */
async function loadLibsamplerate(): Promise<Pick<LibsamplerateModule, "create">> {
  let imported: LibsamplerateModule & { default?: Partial<LibsamplerateModule> };
  try {
    imported = await import("@alexanderolsen/libsamplerate-js");
  } catch (cause) {
    throw new PlayerError("playback/output-failed", "Could not load the resampler", {
      retryable: true,
      cause,
    });
  }
  const create = imported.default?.create ?? imported.create;
  if (typeof create !== "function") {
    throw new PlayerError("runtime/internal", "The resampler module has no create()");
  }
  return { create };
}

/** Options of {@link LibsamplerateResampler.create}. */
export interface LibsamplerateResamplerOptions {
  channels: number;
  inputRate: number;
  outputRate: number;
  quality: ResamplerQuality;
}

/** Streaming sinc resampling with exact stream lengths (see {@link Resampler}). */
export class LibsamplerateResampler implements Resampler {
  readonly channels: number;
  readonly inputRate: number;
  readonly outputRate: number;
  readonly #converter: SampleRateConverter;
  readonly #framesPerCall: number;
  #interleaved: Float32Array;
  /** Frames put in and taken out since the stream started; they fix the flushed length. */
  #inputFrames = 0;
  #outputFrames = 0;
  #closed = false;

  private constructor(converter: SampleRateConverter, options: LibsamplerateResamplerOptions) {
    this.#converter = converter;
    this.channels = options.channels;
    this.inputRate = options.inputRate;
    this.outputRate = options.outputRate;
    const ratio = Math.max(1, options.outputRate / options.inputRate);
    this.#framesPerCall = Math.max(
      1,
      Math.floor(MAX_SAMPLES_PER_CALL / (options.channels * ratio)),
    );
    this.#interleaved = new Float32Array(0);
  }

  /** Loads the converter's code (once per page or worker) and starts a converter. */
  static async create(options: LibsamplerateResamplerOptions): Promise<LibsamplerateResampler> {
    const { create } = await loadLibsamplerate();
    try {
      const converter = await create(options.channels, options.inputRate, options.outputRate, {
        converterType: CONVERTER_TYPES[options.quality],
      });
      return new LibsamplerateResampler(converter, options);
    } catch (cause) {
      throw failure(cause);
    }
  }

  process(channels: readonly Float32Array[]): Float32Array[] {
    this.#checkOpen();
    const frames = planarFrameCount(channels, this.channels);
    const pieces: Float32Array[] = [];
    for (let offset = 0; offset < frames; offset += this.#framesPerCall) {
      const count = Math.min(this.#framesPerCall, frames - offset);
      pieces.push(this.#convert(this.#interleave(channels, offset, count)));
    }
    this.#inputFrames += frames;
    const output = this.#deinterleave(pieces, Number.POSITIVE_INFINITY);
    this.#outputFrames += output[0]?.length ?? 0;
    return output;
  }

  flush(): Float32Array[] {
    this.#checkOpen();
    const total = Math.round((this.#inputFrames * this.outputRate) / this.inputRate);
    const missing = Math.max(0, total - this.#outputFrames);
    const silence = new Float32Array(FLUSH_FRAMES * this.channels);
    const pieces: Float32Array[] = [];
    let produced = 0;
    // The filter holds well under FLUSH_FRAMES of tail; a few rounds always suffice.
    for (let round = 0; produced < missing && round < 8; round++) {
      const piece = this.#convert(silence);
      pieces.push(piece);
      produced += piece.length / this.channels;
    }
    const tail = this.#deinterleave(pieces, missing);
    this.reset();
    return tail;
  }

  reset(): void {
    this.#checkOpen();
    // Setting the converter type deletes and re-creates the C converter: all state goes.
    this.#converter.converterType = this.#converter.converterType;
    this.#inputFrames = 0;
    this.#outputFrames = 0;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#converter.destroy();
    this.#interleaved = new Float32Array(0);
  }

  #convert(interleaved: Float32Array): Float32Array {
    // `full` returns a new array: the converter's own buffer is reused by the next call.
    return wrapFailure(() => this.#converter.full(interleaved));
  }

  #interleave(channels: readonly Float32Array[], offset: number, count: number): Float32Array {
    const size = count * this.channels;
    if (this.#interleaved.length < size) this.#interleaved = new Float32Array(size);
    const buffer = this.#interleaved.subarray(0, size);
    for (let c = 0; c < this.channels; c++) {
      const source = channels[c] as Float32Array;
      for (let i = 0; i < count; i++) buffer[i * this.channels + c] = source[offset + i] as number;
    }
    return buffer;
  }

  /** Planar copies of the interleaved pieces, cut (or padded with silence) to `limit` frames. */
  #deinterleave(pieces: readonly Float32Array[], limit: number): Float32Array[] {
    const available = pieces.reduce((sum, piece) => sum + piece.length, 0) / this.channels;
    const frames = Number.isFinite(limit) ? limit : available;
    const output = Array.from({ length: this.channels }, () => new Float32Array(frames));
    let frame = 0;
    for (const piece of pieces) {
      const count = Math.min(piece.length / this.channels, frames - frame);
      for (let c = 0; c < this.channels; c++) {
        const target = output[c] as Float32Array;
        for (let i = 0; i < count; i++) target[frame + i] = piece[i * this.channels + c] as number;
      }
      frame += count;
    }
    return output;
  }

  #checkOpen(): void {
    if (this.#closed) throw new PlayerError("runtime/disposed", "The resampler was closed");
  }
}

/** The package throws strings; turn them into PlayerErrors. */
function wrapFailure<T>(run: () => T): T {
  try {
    return run();
  } catch (cause) {
    throw failure(cause);
  }
}

function failure(cause: unknown): PlayerError {
  return new PlayerError("runtime/internal", `The resampler failed: ${String(cause)}`, { cause });
}
