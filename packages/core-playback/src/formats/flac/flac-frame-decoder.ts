/**
 * The WASM FLAC decoder (`@wasm-audio-decoders/flac`), loaded on first use and
 * fed one verified frame at a time. libFLAC flags a frame whose number does
 * not follow the previous one (MISSING_FRAME), so the decoder is reset after a
 * seek or skipped damage.
 */
import { PlayerError } from "@player/core-runtime";
import type { FLACDecoder } from "@wasm-audio-decoders/flac";

/** One decoded frame: a Float32Array per channel, empty when the decoder refused the frame. */
export interface FlacFrameOutput {
  channels: Float32Array[];
  failed: boolean;
}

/** Decodes verified FLAC frames to PCM. */
export class FlacFrameDecoder {
  private constructor(private readonly decoder: FLACDecoder) {}

  /** Loads the WASM module and makes a decoder. */
  static async create(): Promise<FlacFrameDecoder> {
    try {
      const { FLACDecoder } = await import("@wasm-audio-decoders/flac");
      const decoder = new FLACDecoder();
      await decoder.ready;
      return new FlacFrameDecoder(decoder);
    } catch (error) {
      throw new PlayerError("playback/decode-failed", "Could not load the FLAC decoder.", {
        fatal: true,
        cause: error,
      });
    }
  }

  /** Decodes one whole frame (header to CRC-16). */
  async decode(frame: Uint8Array): Promise<FlacFrameOutput> {
    const decoded = await this.decoder.decodeFrames([frame]);
    return { channels: decoded.channelData, failed: decoded.errors.length > 0 };
  }

  /** Forgets the previous frame, so the next one may come from anywhere in the stream. */
  async reset(): Promise<void> {
    await this.decoder.reset();
  }

  /** Frees the WASM heap. */
  free(): void {
    this.decoder.free();
  }
}
