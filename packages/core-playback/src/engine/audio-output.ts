/**
 * What the playback engine needs from the audio output. core-playback's
 * `SinkChannel` (over the worklet's MessagePort) is the real one; tests use a
 * virtual output that "plays" on demand.
 */
import type { SinkReport } from "@player/core-runtime";

/** The output's fixed properties, known once it has said hello. */
export interface AudioOutputFormat {
  /** Frames per second the output plays; the engine resamples to it. */
  sampleRate: number;
  /** Output channels (1 or 2); mono PCM is accepted on a stereo output. */
  channels: number;
}

/** The audio output as the engine drives it. */
export interface AudioOutput {
  readonly format: AudioOutputFormat;
  /**
   * Queues PCM of `session` starting at track frame `startFrame`.
   * @returns How many frames were accepted (fewer when a shared ring is full;
   * the engine sends the rest after the next progress report).
   */
  send(session: number, startFrame: number, channels: Float32Array[]): number;
  /** Drops everything queued and starts `session`. */
  flush(session: number): void;
  /** No more PCM for `session`: the output reports `ended` after its last frame. */
  end(session: number): void;
  play(): void;
  pause(): void;
  setVolume(volume: number): void;
  /** Listens to the output's reports; returns the unsubscribe function. */
  onReport(listener: (report: SinkReport) => void): () => void;
}
