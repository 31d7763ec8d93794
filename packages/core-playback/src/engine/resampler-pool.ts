import type { ResamplerFactory, StreamResampler } from "./stream-resampler.js";

type ResamplerSpec = Parameters<ResamplerFactory>[0];

/**
 * Keeps the last resampler for reuse: making one (libsamplerate's module
 * instance and its heap) costs tens of milliseconds and megabytes, and the
 * next track almost always needs the same rates. At most one idle resampler
 * is kept, so the memory held is that of the one in use.
 */
export class ResamplerPool {
  readonly #create: ResamplerFactory;
  #idle: { key: string; resampler: StreamResampler } | undefined;

  constructor(create: ResamplerFactory) {
    this.#create = create;
  }

  /** A resampler for `spec`; its `close()` gives it back to the pool. */
  async take(spec: ResamplerSpec): Promise<StreamResampler> {
    const key = `${spec.channels}:${spec.inputRate}:${spec.outputRate}`;
    const idle = this.#idle;
    let resampler: StreamResampler;
    if (idle?.key === key) {
      this.#idle = undefined;
      resampler = idle.resampler;
    } else {
      resampler = await this.#create(spec);
    }
    let returned = false;
    return {
      process: (channels) => resampler.process(channels),
      flush: () => resampler.flush(),
      reset: () => resampler.reset(),
      close: () => {
        if (returned) return;
        returned = true;
        this.#giveBack(key, resampler);
      },
    };
  }

  /** Closes the idle resampler. */
  clear(): void {
    this.#idle?.resampler.close();
    this.#idle = undefined;
  }

  #giveBack(key: string, resampler: StreamResampler): void {
    try {
      resampler.reset();
    } catch {
      resampler.close();
      return;
    }
    if (this.#idle !== undefined) this.#idle.resampler.close();
    this.#idle = { key, resampler };
  }
}
