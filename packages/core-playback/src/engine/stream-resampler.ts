/** The resampler as the engine uses it (core-playback's libsamplerate wrapper implements it). */
export interface StreamResampler {
  /** Resamples the next input; keeps filter state between calls. */
  process(channels: Float32Array[]): Float32Array[];
  /** End of input: the remaining output. */
  flush(): Float32Array[];
  /** Forgets the filter state (after a seek). */
  reset(): void;
  close(): void;
}

/** Makes a resampler between two rates. */
export type ResamplerFactory = (options: {
  channels: number;
  inputRate: number;
  outputRate: number;
}) => Promise<StreamResampler>;
