import { PlayerError } from "@player/core-runtime";
import { planarFrameCount } from "./planar-pcm.js";
import type { Resampler } from "./resampler.js";

/** The {@link Resampler} for equal rates: hands the input back untouched. */
export class PassthroughResampler implements Resampler {
  readonly channels: number;
  readonly inputRate: number;
  readonly outputRate: number;
  #closed = false;

  constructor(channels: number, rate: number) {
    this.channels = channels;
    this.inputRate = rate;
    this.outputRate = rate;
  }

  process(channels: readonly Float32Array[]): Float32Array[] {
    this.#checkOpen();
    planarFrameCount(channels, this.channels);
    return [...channels];
  }

  flush(): Float32Array[] {
    this.#checkOpen();
    return Array.from({ length: this.channels }, () => new Float32Array(0));
  }

  reset(): void {
    this.#checkOpen();
  }

  close(): void {
    this.#closed = true;
  }

  #checkOpen(): void {
    if (this.#closed) throw new PlayerError("runtime/disposed", "The resampler was closed");
  }
}
