/**
 * mpg123 (WASM) behind a small interface, loaded on first use so the worker
 * bundle carries it only when an MP3 is played.
 */
import { PlayerError } from "@player/core-runtime";
import type { MPEGDecoder } from "mpg123-decoder";

/** The output of whole frames: `samples` PCM frames per channel. */
export interface DecodedFrames {
  channels: Float32Array[];
  samples: number;
  /** Problems the decoder reported (damaged frames); it carried on. */
  errorCount: number;
}

/** Decodes whole MPEG frames; `reset` forgets the bit reservoir and filter state (for seeks). */
export class Mpg123FrameDecoder {
  private constructor(private readonly decoder: MPEGDecoder) {}

  /**
   * Loads and starts mpg123. Gapless trimming is off: the stream trims delay
   * and padding itself, so sample positions stay the same after a reset.
   */
  static async create(): Promise<Mpg123FrameDecoder> {
    try {
      const { MPEGDecoder } = await import("mpg123-decoder");
      const decoder = new MPEGDecoder({ enableGapless: false });
      await decoder.ready;
      return new Mpg123FrameDecoder(decoder);
    } catch (error) {
      throw new PlayerError("playback/decode-failed", "The MP3 decoder could not be started.", {
        fatal: true,
        cause: error,
      });
    }
  }

  /** Decodes whole frames, concatenated. */
  decode(frames: Uint8Array): DecodedFrames {
    const result = this.decoder.decode(frames);
    return {
      channels: result.channelData,
      samples: result.samplesDecoded,
      errorCount: result.errors.length,
    };
  }

  /** Clears all decoder state (resets the WASM instance). */
  async reset(): Promise<void> {
    await this.decoder.reset();
  }

  /** Frees the WASM memory. */
  free(): void {
    this.decoder.free();
  }
}
