/**
 * An {@link AudioOutput} for engine tests: it "plays" only when the test
 * calls `advance(frames)`, and reports like the AudioWorklet does.
 */
import type { SinkReport } from "@player/core-runtime";
import type { AudioOutput, AudioOutputFormat } from "../audio-output.js";

interface Queued {
  session: number;
  startFrame: number;
  channels: Float32Array[];
}

export class VirtualOutput implements AudioOutput {
  readonly format: AudioOutputFormat;
  /** Every frame that left the output, first channel, in order (silence while starved is not recorded). */
  readonly played: number[] = [];
  /** Every command, for assertions. */
  readonly log: string[] = [];
  playing = false;
  volume = 1;
  #queue: Queued[] = [];
  #session = 0;
  #ended: number | undefined;
  #position = 0;
  #started = new Set<number>();
  #starved = false;
  #listeners = new Set<(report: SinkReport) => void>();

  constructor(format: AudioOutputFormat = { sampleRate: 48_000, channels: 2 }) {
    this.format = format;
  }

  /** Frames queued and not played. */
  get bufferedFrames(): number {
    return this.#queue.reduce((sum, item) => sum + (item.channels[0]?.length ?? 0), 0);
  }

  send(session: number, startFrame: number, channels: Float32Array[]): number {
    const length = channels[0]?.length ?? 0;
    this.log.push(`send ${session} ${startFrame} ${length}`);
    if (session === this.#session) this.#queue.push({ session, startFrame, channels });
    return length;
  }

  flush(session: number): void {
    this.log.push(`flush ${session}`);
    this.#session = session;
    // Like the worklet: until the new session's frames arrive, its position is unknown (0).
    this.#position = 0;
    this.#queue = [];
    this.#ended = undefined;
    this.#starved = false;
  }

  end(session: number): void {
    this.log.push(`end ${session}`);
    if (session === this.#session) this.#ended = session;
  }

  play(): void {
    this.playing = true;
  }

  pause(): void {
    this.playing = false;
  }

  setVolume(volume: number): void {
    this.volume = volume;
  }

  onReport(listener: (report: SinkReport) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Plays up to `frames` frames (if playing), then reports progress, start, underrun and end. */
  advance(frames: number): void {
    if (!this.playing) return;
    let left = frames;
    while (left > 0 && this.#queue.length > 0) {
      const head = this.#queue[0] as Queued;
      const take = Math.min(left, head.channels[0]?.length ?? 0);
      if (!this.#started.has(head.session)) {
        this.#started.add(head.session);
        this.#report({ type: "started", session: head.session, position: head.startFrame });
      }
      const first = head.channels[0] as Float32Array;
      for (let i = 0; i < take; i++) this.played.push(first[i] ?? 0);
      this.#position = head.startFrame + take;
      left -= take;
      if (take === first.length) this.#queue.shift();
      else
        this.#queue[0] = {
          ...head,
          startFrame: head.startFrame + take,
          channels: head.channels.map((channel) => channel.subarray(take)),
        };
    }
    const session = this.#session;
    if (left > 0 && this.#queue.length === 0) {
      if (this.#ended === session) {
        this.#ended = undefined;
        this.#report({ type: "ended", session });
      } else if (!this.#starved) {
        this.#starved = true;
        this.#report({ type: "underrun", session, position: this.#position });
      }
    } else this.#starved = false;
    this.#report({
      type: "progress",
      session,
      position: this.#position,
      bufferedFrames: this.bufferedFrames,
      contextTime: this.played.length / this.format.sampleRate,
    });
  }

  #report(report: SinkReport): void {
    for (const listener of this.#listeners) listener(report);
  }
}
