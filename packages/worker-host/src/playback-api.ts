import type { AudioOutputFormat, PlaybackStatus, PlayOptions } from "@player/core-playback";

/**
 * Playback, as the page drives it. PCM does not travel through this API: it
 * goes from the worker to the page's AudioWorklet over the port given to
 * {@link PlaybackApi.connectOutput}.
 */
export interface PlaybackApi {
  /**
   * Connects the audio output: one end of a MessageChannel whose other end
   * the page gave its AudioWorklet. Resolves with the output's format once
   * the worklet has answered. A later call replaces the output.
   */
  connectOutput(port: MessagePort): Promise<AudioOutputFormat>;
  /** Plays a library track (its key); resolves once its first audio is queued. */
  play(trackId: string, options?: PlayOptions): Promise<void>;
  pause(): void;
  resume(): void;
  stop(): Promise<void>;
  /** Moves to `seconds` into the current track, sample-exactly. */
  seek(seconds: number): Promise<void>;
  /** Output gain, 0 to 1. */
  setVolume(volume: number): void;
  getStatus(): PlaybackStatus;
}
