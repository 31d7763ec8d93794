import type { LibraryService } from "@player/core-library";
import {
  type AudioOutput,
  type AudioOutputFormat,
  createResampler,
  PlaybackEngine,
  type PlaybackStatus,
  type PlayOptions,
  RangeByteReader,
  SinkChannel,
} from "@player/core-playback";
import {
  type EventBus,
  PlayerError,
  requireString,
  type StorageProvider,
} from "@player/core-runtime";
import type { PlaybackApi } from "../playback-api.js";

/** What {@link PlaybackApiService} needs from the rest of the worker. */
export interface PlaybackApiServiceOptions {
  bus: EventBus;
  library: LibraryService;
  /** The drive of a signed-in account; undefined when the account is unknown or sign-in is off. */
  storageFor(accountId: string): StorageProvider | undefined;
  /** Seconds of audio decoded ahead of the play position. */
  bufferAheadSeconds: number;
  /** Told of every track about to play (its tags are then read first). */
  willPlay?: (trackId: string) => void;
}

/**
 * The page's handle on playback: resolves library tracks to byte readers
 * over the account's drive, and drives the {@link PlaybackEngine} whose PCM
 * goes straight to the page's AudioWorklet.
 */
export class PlaybackApiService implements PlaybackApi {
  readonly #options: PlaybackApiServiceOptions;
  readonly #engine: PlaybackEngine;
  #channel: SinkChannel | undefined;

  constructor(options: PlaybackApiServiceOptions) {
    this.#options = options;
    this.#engine = new PlaybackEngine({
      bus: options.bus,
      openTrack: (trackId, signal) => this.#openTrack(trackId, signal),
      createResampler: (resampler) => createResampler(resampler),
      bufferAheadSeconds: options.bufferAheadSeconds,
    });
  }

  async connectOutput(port: MessagePort): Promise<AudioOutputFormat> {
    if (typeof (port as MessagePort | undefined)?.postMessage !== "function")
      throw new PlayerError("runtime/invalid-argument", 'Argument "port" must be a MessagePort');
    const channel = new SinkChannel(port);
    const hello = await channel.ready();
    this.#channel?.destroy();
    this.#channel = channel;
    const format = { sampleRate: hello.sampleRate, channels: hello.channels };
    this.#engine.attachOutput(sinkOutput(channel, format));
    return format;
  }

  play(trackId: string, options: PlayOptions = {}): Promise<void> {
    requireString(trackId, "trackId");
    this.#options.willPlay?.(trackId);
    return this.#engine.play(trackId, options);
  }

  pause(): void {
    this.#engine.pause();
  }

  resume(): void {
    this.#engine.resume();
  }

  stop(): Promise<void> {
    return this.#engine.stop();
  }

  seek(seconds: number): Promise<void> {
    return this.#engine.seek(seconds);
  }

  setVolume(volume: number): void {
    this.#engine.setVolume(volume);
  }

  getStatus(): PlaybackStatus {
    return this.#engine.status;
  }

  /** Applies `config.playback` after `configure()`. */
  setBufferAheadSeconds(seconds: number): void {
    this.#engine.bufferAheadSeconds = seconds;
  }

  /** Stops playback and closes the output channel. */
  async destroy(): Promise<void> {
    await this.#engine.dispose();
    this.#channel?.destroy();
    this.#channel = undefined;
  }

  async #openTrack(trackId: string, signal: AbortSignal): Promise<RangeByteReader> {
    const track = await this.#options.library.getTrack(trackId);
    if (track === undefined)
      throw new PlayerError("playback/track-not-found", "No track in the library has this id", {
        details: { trackId },
      });
    const storage = this.#options.storageFor(track.accountId);
    if (storage === undefined)
      throw new PlayerError(
        "auth/unknown-account",
        "The track's account is not signed in on this player",
        { details: { accountId: track.accountId } },
      );
    return RangeByteReader.open(storage, track.remoteId, {}, signal);
  }
}

/** The engine's view of a connected sink. */
function sinkOutput(channel: SinkChannel, format: AudioOutputFormat): AudioOutput {
  return {
    format,
    send: (session, startFrame, channels) => channel.send(session, startFrame, channels),
    flush: (session) => channel.flush(session),
    end: (session) => channel.end(session),
    play: () => channel.play(),
    pause: () => channel.pause(),
    setVolume: (volume) => channel.setVolume(volume),
    onReport: (listener) => channel.onReport(listener),
  };
}
