import {
  type EventBus,
  isPlayerError,
  type PlaybackState,
  PlayerError,
  type PlayerEventMap,
  type SinkReport,
  toPlayerError,
} from "@player/core-runtime";
import type { ByteReader, DecodeIssue } from "../decoding/decode-contract.js";
import type { SniffedFormat } from "../format-sniffer.js";
import type { AudioOutput } from "./audio-output.js";
import type { FormatLoader } from "./format-registry.js";
import { openDecodeStream } from "./open-decode-stream.js";
import { PlaybackSession } from "./playback-session.js";
import { ResamplerPool } from "./resampler-pool.js";
import type { ResamplerFactory } from "./stream-resampler.js";

/** Options of {@link PlaybackEngine}. */
export interface PlaybackEngineOptions {
  bus: EventBus<PlayerEventMap>;
  /** Finds a track's file: a byte reader over it (worker-host: library + the account's connector). */
  openTrack(trackId: string, signal: AbortSignal): Promise<ByteReader>;
  /** Makes resamplers for tracks whose rate differs from the output's. */
  createResampler: ResamplerFactory;
  /** Seconds of decoded audio kept queued ahead of the play position (default 4). */
  bufferAheadSeconds?: number;
  /** Bytes per sequential read (default 64 KiB) and of the first read (default 16 KiB). */
  chunkBytes?: number;
  firstChunkBytes?: number;
  /** Replaces the format modules (tests). */
  loaders?: Partial<Record<SniffedFormat, FormatLoader>>;
}

/** Where the engine is, for `player.playback.getStatus()`. */
export interface PlaybackStatus {
  state: PlaybackState;
  trackId: string | undefined;
  /** Seconds from the track's start (audio clock). */
  position: number;
  duration: number | undefined;
  volume: number;
}

/** Options of {@link PlaybackEngine.play}. */
export interface PlayOptions {
  /** Start this many seconds into the track. */
  startAt?: number;
}

const POSITION_EVENT_INTERVAL_S = 0.25;

/**
 * Plays tracks: opens the file, decodes in this worker, and queues PCM on the
 * attached audio output. One track at a time; a new `play()` supersedes the
 * one before. States, positions and errors go out as `playback:*` events.
 */
export class PlaybackEngine {
  readonly #options: PlaybackEngineOptions;
  #output: AudioOutput | undefined;
  #unsubscribe: (() => void) | undefined;
  #current: PlaybackSession | undefined;
  #trackId: string | undefined;
  #duration: number | undefined;
  #state: PlaybackState = "idle";
  #position = 0;
  #volume = 1;
  #lastSession = 0;
  #request: AbortController | undefined;
  #lastPositionAt = Number.NEGATIVE_INFINITY;
  #bufferAheadSeconds: number;
  readonly #resamplers: ResamplerPool;

  constructor(options: PlaybackEngineOptions) {
    this.#options = options;
    this.#resamplers = new ResamplerPool(options.createResampler);
    this.#bufferAheadSeconds = options.bufferAheadSeconds ?? 4;
  }

  /** Seconds of audio kept queued ahead; a change applies at the next refill, also to the playing track. */
  set bufferAheadSeconds(seconds: number) {
    this.#bufferAheadSeconds = seconds;
  }

  /** Connects the audio output (the page's AudioWorklet); replaces one attached before. */
  attachOutput(output: AudioOutput): void {
    this.#unsubscribe?.();
    this.#output = output;
    output.setVolume(this.#volume);
    this.#unsubscribe = output.onReport((report) => this.#onReport(report));
  }

  /** The engine's current state, position and volume. */
  get status(): PlaybackStatus {
    return {
      state: this.#state,
      trackId: this.#trackId,
      position: this.#position,
      duration: this.#duration,
      volume: this.#volume,
    };
  }

  /**
   * Plays a track from the start (or `startAt` seconds). Resolves once its
   * first audio is queued on the output.
   *
   * @throws PlayerError `playback/output-failed` without an output,
   * `playback/unsupported-format` / `unsupported-codec` for files it cannot
   * decode, `playback/source-failed` when the file cannot be read,
   * `playback/superseded` when another `play()` or `stop()` came first.
   */
  async play(trackId: string, options: PlayOptions = {}): Promise<void> {
    const output = this.#requireOutput();
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    await this.#closeCurrent();
    const previousTrackId = this.#trackId;
    const session = this.#newSession(output);
    this.#trackId = trackId;
    this.#duration = undefined;
    this.#position = 0;
    this.#setState("loading");
    try {
      const reader = await this.#options.openTrack(trackId, request.signal);
      const { stream } = await openDecodeStream(reader, this.#streamOptions(request.signal));
      if (request.signal.aborted) {
        stream.close();
        throw superseded();
      }
      const { info } = stream;
      const rate = output.format.sampleRate;
      // A track at the output's rate frees the idle resampler (tens of MB) at once.
      if (info.sampleRate === rate) this.#resamplers.clear();
      const resampler =
        info.sampleRate === rate
          ? undefined
          : await this.#resamplers.take({
              channels: Math.min(info.channels, output.format.channels),
              inputRate: info.sampleRate,
              outputRate: rate,
            });
      const current = new PlaybackSession({
        stream,
        output,
        resampler,
        aheadFrames: () => Math.round(this.#bufferAheadSeconds * rate),
        session,
        onIssue: (issue) => this.#warn(trackId, issue),
        onFailure: (error) => this.#fail(trackId, error),
      });
      this.#current = current;
      this.#duration =
        info.totalFrames === undefined ? undefined : info.totalFrames / info.sampleRate;
      this.#options.bus.emit("playback:track-changed", {
        trackId,
        ...(previousTrackId === undefined ? {} : { previousTrackId }),
        codec: info.codec,
        sampleRate: info.sampleRate,
        channels: info.channels,
        duration: this.#duration,
      });
      output.play();
      const startAt = options.startAt ?? 0;
      if (startAt > 0) await this.#seekSession(current, startAt);
      else await current.start();
      if (request.signal.aborted) throw superseded();
    } catch (error) {
      if (request.signal.aborted) throw superseded(error);
      this.#fail(trackId, error);
      throw toPlayerError(error, "playback/decode-failed");
    }
  }

  /** Pauses output at once (within one render quantum plus a short ramp). */
  pause(): void {
    if (this.#current === undefined || this.#state === "paused") return;
    this.#output?.pause();
    this.#setState("paused");
  }

  /** Resumes after `pause()`. */
  resume(): void {
    if (this.#current === undefined || this.#state !== "paused") return;
    this.#output?.play();
    this.#setState(
      this.#current.finished && this.#current.bufferedFrames === 0 ? "ended" : "playing",
    );
  }

  /** Stops and forgets the current track. */
  async stop(): Promise<void> {
    this.#request?.abort();
    await this.#closeCurrent();
    if (this.#output !== undefined) this.#newSession(this.#output);
    this.#trackId = undefined;
    this.#duration = undefined;
    this.#position = 0;
    this.#setState("idle");
  }

  /**
   * Moves to `seconds` into the current track, sample-exactly; resolves once
   * audio from there is queued.
   *
   * @throws PlayerError `runtime/invalid-argument` for a negative or non-finite
   * time, `playback/track-not-found` when nothing is loaded.
   */
  async seek(seconds: number): Promise<void> {
    if (!Number.isFinite(seconds) || seconds < 0)
      throw new PlayerError("runtime/invalid-argument", "seek() needs a time in seconds ≥ 0", {
        details: { seconds: String(seconds) },
      });
    const current = this.#current;
    if (current === undefined)
      throw new PlayerError("playback/track-not-found", "Nothing is playing to seek in");
    const target = this.#duration === undefined ? seconds : Math.min(seconds, this.#duration);
    await this.#seekSession(current, target);
  }

  /** Output gain 0..1, applied with a short ramp. */
  setVolume(volume: number): void {
    if (!Number.isFinite(volume) || volume < 0 || volume > 1)
      throw new PlayerError("runtime/invalid-argument", "setVolume() needs a number from 0 to 1", {
        details: { volume: String(volume) },
      });
    this.#volume = volume;
    this.#output?.setVolume(volume);
  }

  /** Stops playback and detaches from the output. */
  async dispose(): Promise<void> {
    await this.stop();
    this.#resamplers.clear();
    this.#unsubscribe?.();
    this.#output = undefined;
  }

  async #seekSession(current: PlaybackSession, seconds: number): Promise<void> {
    const output = this.#requireOutput();
    const rate = output.format.sampleRate;
    const frame = Math.round(seconds * rate);
    this.#position = frame / rate;
    if (this.#state === "ended") this.#setState("playing");
    await current.seek(frame, ++this.#lastSession);
    this.#emitPosition(true);
  }

  #onReport(report: SinkReport): void {
    const current = this.#current;
    if (current === undefined || !("session" in report) || report.session !== current.session)
      return;
    const rate = this.#output?.format.sampleRate ?? 1;
    switch (report.type) {
      case "progress":
        this.#position = report.position / rate;
        current.onProgress(report.position);
        if (this.#state === "buffering" && report.bufferedFrames > 0) this.#setState("playing");
        // The report that follows a pause carries where playback stopped: always pass it on.
        this.#emitPosition(this.#state === "paused", report.contextTime);
        break;
      case "started":
        if (this.#state === "loading" || this.#state === "buffering") this.#setState("playing");
        break;
      case "underrun":
        if (this.#state === "playing" && !current.finished) this.#setState("buffering");
        break;
      case "ended":
        if (this.#duration !== undefined) this.#position = this.#duration;
        this.#emitPosition(true);
        this.#setState("ended");
        break;
    }
  }

  #emitPosition(force: boolean, clock?: number): void {
    const trackId = this.#trackId;
    if (trackId === undefined) return;
    if (!force && clock !== undefined && clock - this.#lastPositionAt < POSITION_EVENT_INTERVAL_S)
      return;
    if (clock !== undefined) this.#lastPositionAt = clock;
    const rate = this.#output?.format.sampleRate ?? 1;
    this.#options.bus.emit("playback:position", {
      trackId,
      position: this.#position,
      duration: this.#duration,
      buffered: (this.#current?.bufferedFrames ?? 0) / rate,
    });
  }

  #streamOptions(signal: AbortSignal) {
    return {
      signal,
      ...(this.#options.chunkBytes === undefined ? {} : { chunkBytes: this.#options.chunkBytes }),
      ...(this.#options.firstChunkBytes === undefined
        ? {}
        : { firstChunkBytes: this.#options.firstChunkBytes }),
      ...(this.#options.loaders === undefined ? {} : { loaders: this.#options.loaders }),
    };
  }

  #newSession(output: AudioOutput): number {
    const session = ++this.#lastSession;
    output.flush(session);
    return session;
  }

  async #closeCurrent(): Promise<void> {
    const current = this.#current;
    this.#current = undefined;
    await current?.close();
  }

  #requireOutput(): AudioOutput {
    if (this.#output === undefined)
      throw new PlayerError("playback/output-failed", "No audio output is connected to the player");
    return this.#output;
  }

  #setState(state: PlaybackState): void {
    if (state === this.#state) return;
    this.#state = state;
    const trackId = this.#trackId;
    this.#options.bus.emit(
      "playback:state",
      trackId === undefined ? { state } : { state, trackId },
    );
  }

  #warn(trackId: string, issue: DecodeIssue): void {
    const code = issue.kind === "truncated" ? "playback/truncated" : "playback/corrupt-data";
    const error = new PlayerError(code, issue.message, {
      ...(issue.frame === undefined ? {} : { details: { frame: issue.frame } }),
    });
    this.#options.bus.emit("playback:error", { trackId, fatal: false, error: error.toJSON() });
  }

  #fail(trackId: string, cause: unknown): void {
    if (trackId !== this.#trackId) return;
    const error = isPlayerError(cause) ? cause : toPlayerError(cause, "playback/decode-failed");
    this.#options.bus.emit("playback:error", { trackId, fatal: true, error: error.toJSON() });
    this.#setState("error");
    void this.#closeCurrent();
  }
}

function superseded(cause?: unknown): PlayerError {
  return new PlayerError("playback/superseded", "A newer play() or stop() replaced this one", {
    ...(cause === undefined ? {} : { cause }),
  });
}
