import type { PlaybackStatus, PlayOptions } from "@player/core-playback";
import type { PlayerErrorData } from "@player/core-runtime";
import type { PlaybackApi } from "@player/worker-host";
import { type Remote, transfer } from "comlink";
import { AudioSink, type AudioSinkOptions } from "./audio/audio-sink.js";
import type { CallPath } from "./library-bridge.js";

/** The page's audio output, for hosts that want to tap or visualise it. */
export interface PlayerAudio {
  /** The AudioContext, once playback has started (or `prepare()` ran). */
  readonly context: AudioContext | undefined;
  /** The AudioWorkletNode the music leaves through (connected to the destination). */
  readonly outputNode: AudioWorkletNode | undefined;
  /**
   * Creates and starts the audio output now. Call it from a user gesture
   * (the autoplay policy) to make the first `play()` faster; `play()` does it
   * anyway.
   */
  prepare(): Promise<void>;
}

/**
 * Playback on the page side: the AudioWorklet sink, connected straight to
 * the worker by a MessageChannel on first use, and the calls that drive the
 * worker's engine. PCM never passes through this class.
 */
export class PlaybackBridge {
  readonly audio: PlayerAudio;
  readonly #call: CallPath;
  readonly #remote: () => Remote<PlaybackApi>;
  readonly #sink: AudioSink;
  #connected: Promise<void> | undefined;

  constructor(
    call: CallPath,
    remote: () => Remote<PlaybackApi>,
    options: AudioSinkOptions,
    onOutputError: (error: PlayerErrorData) => void,
  ) {
    this.#call = call;
    this.#remote = remote;
    this.#sink = new AudioSink(options);
    this.#sink.onError((error) => onOutputError(error.toJSON()));
    const sink = this.#sink;
    this.audio = {
      get context() {
        return sink.context;
      },
      get outputNode() {
        return sink.outputNode;
      },
      prepare: () => this.#ensureOutput(),
    };
  }

  play(trackId: string, options?: PlayOptions): Promise<void> {
    // Before any await: resuming the AudioContext must happen inside the user's click.
    const output = this.#ensureOutput();
    return this.#call(async () => {
      await output;
      return this.#remote().play(trackId, options);
    });
  }

  pause(): Promise<void> {
    return this.#call(() => this.#remote().pause());
  }

  resume(): Promise<void> {
    const output = this.#ensureOutput();
    return this.#call(async () => {
      await output;
      return this.#remote().resume();
    });
  }

  stop(): Promise<void> {
    return this.#call(() => this.#remote().stop());
  }

  seek(seconds: number): Promise<void> {
    return this.#call(() => this.#remote().seek(seconds));
  }

  setVolume(volume: number): Promise<void> {
    return this.#call(() => this.#remote().setVolume(volume));
  }

  getStatus(): Promise<PlaybackStatus> {
    return this.#call(() => this.#remote().getStatus());
  }

  /** Closes the AudioContext (unless the host gave it). */
  close(): Promise<void> {
    return this.#sink.close();
  }

  /** Resumes the context (synchronously, for the gesture) and connects the sink to the worker once. */
  #ensureOutput(): Promise<void> {
    const resumed = this.#sink.resume();
    if (this.#connected === undefined) {
      const port = this.#sink.connect();
      const connected = Promise.all([
        this.#sink.whenReady(),
        this.#call(() => this.#remote().connectOutput(transfer(port, [port]))),
      ]).then(() => undefined);
      this.#connected = connected;
      // A failed start may succeed on the next click (e.g. the worklet URL was fixed).
      connected.catch(() => {
        if (this.#connected === connected) this.#connected = undefined;
      });
    }
    return Promise.all([resumed, this.#connected]).then(() => undefined);
  }
}
