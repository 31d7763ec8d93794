import { PlayerError } from "../player-error.js";
import { PCM_PLAYER_WORKLET_SOURCE } from "./worklet-source.gen.js";

/** The processor name registered by `pcm-player.worklet.ts`. */
const PROCESSOR_NAME = "player-pcm";

/** Options for {@link AudioSink}. */
export interface AudioSinkOptions {
  /**
   * Where to load the processor from instead of a Blob URL, for pages whose
   * CSP forbids `blob:` in `script-src`: host `dist/pcm-player.worklet.js`
   * of this package and pass its URL.
   */
  workletUrl?: string | URL;
  /**
   * Default `"interactive"`: the smallest output buffer, so the first frame
   * is heard sooner and pause/volume take effect within a few milliseconds.
   * `"playback"` saves power on some platforms at the cost of up to ~100 ms
   * more latency; the worklet keeps its own deep buffer either way.
   */
  latencyHint?: AudioContextLatencyCategory | number;
  /** Context sample rate; default the device's (the worker resamples to it). */
  sampleRate?: number;
  /** A context the host owns; `close()` then leaves it open. Default: one created on first use. */
  context?: AudioContext;
}

/** A listener for failures after start-up (the processor threw). */
export type AudioSinkErrorListener = (error: PlayerError) => void;

/**
 * The page's end of the audio output: an AudioContext, the `player-pcm`
 * AudioWorklet node, and MessageChannels whose other ends go to the worker,
 * which then speaks the SinkCommand/SinkReport protocol with the worklet
 * directly. Everything is created lazily: call {@link resume} (or
 * {@link connect}) from a user gesture so the autoplay policy lets it sound.
 *
 * @example
 * ```ts
 * const sink = new AudioSink();
 * playButton.onclick = () => {
 *   void sink.resume();
 *   const port = sink.connect();
 *   worker.postMessage({ sink: port }, [port]);
 * };
 * ```
 */
export class AudioSink {
  private readonly options: AudioSinkOptions;
  private audioContext: AudioContext | undefined;
  private node: AudioWorkletNode | undefined;
  private loading: Promise<AudioWorkletNode> | undefined;
  private closed = false;
  private readonly errorListeners = new Set<AudioSinkErrorListener>();

  constructor(options: AudioSinkOptions = {}) {
    this.options = options;
    this.audioContext = options.context;
  }

  /** The AudioContext, once created. */
  get context(): AudioContext | undefined {
    return this.audioContext;
  }

  /** The worklet node, once loaded; connect it elsewhere to tap the output (it already feeds the destination). */
  get outputNode(): AudioWorkletNode | undefined {
    return this.node;
  }

  /** True when the worker may use the SharedArrayBuffer ring (the page is cross-origin isolated). */
  get sharedMemory(): boolean {
    return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === "function";
  }

  /**
   * Resolves once the processor is loaded and its node is playing into the
   * destination; rejects with `playback/output-failed`. Starts loading if
   * nothing did yet.
   */
  whenReady(): Promise<void> {
    return this.start().then(() => undefined);
  }

  /**
   * A new MessagePort for the worker, whose twin goes to the worklet: hand it
   * to the worker (transferred). Returns at once; messages wait in the port
   * until the processor is loaded. A later call replaces the earlier channel
   * (a restarted worker). Load failures surface through {@link whenReady}.
   */
  connect(): MessagePort {
    const channel = new MessageChannel();
    this.start().then(
      (node) => node.port.postMessage({ type: "connect", port: channel.port1 }, [channel.port1]),
      () => channel.port1.close(),
    );
    return channel.port2;
  }

  /**
   * Starts (or restarts) the audio clock. Call it from a user gesture: the
   * autoplay policy keeps a context created or resumed elsewhere suspended.
   */
  async resume(): Promise<void> {
    const context = this.ensureContext();
    // `resume()` is called before any await so it still runs inside the gesture.
    const resumed = context.resume();
    this.start().catch(() => undefined);
    try {
      await resumed;
    } catch (error) {
      throw outputFailed("The AudioContext could not be resumed", error);
    }
  }

  /** Stops the output and releases the context (unless the host gave it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.node?.port.postMessage({ type: "close" });
    this.node?.disconnect();
    this.node = undefined;
    this.errorListeners.clear();
    const context = this.audioContext;
    if (context !== undefined && context !== this.options.context && context.state !== "closed") {
      await context.close();
    }
  }

  /** Calls `listener` when the processor fails after start-up. Returns the unsubscribe function. */
  onError(listener: AudioSinkErrorListener): () => void {
    this.errorListeners.add(listener);
    return () => this.errorListeners.delete(listener);
  }

  private ensureContext(): AudioContext {
    if (this.closed) throw outputFailed("The audio sink is closed");
    if (this.audioContext !== undefined) return this.audioContext;
    try {
      const { latencyHint = "interactive", sampleRate } = this.options;
      this.audioContext = new AudioContext(
        sampleRate === undefined ? { latencyHint } : { latencyHint, sampleRate },
      );
    } catch (error) {
      throw outputFailed("The AudioContext could not be created", error);
    }
    return this.audioContext;
  }

  private start(): Promise<AudioWorkletNode> {
    if (this.loading === undefined) {
      let context: AudioContext;
      try {
        context = this.ensureContext();
      } catch (error) {
        return Promise.reject(error);
      }
      this.loading = this.load(context);
      // Failures are reported by whenReady(); this keeps them from being "unhandled".
      this.loading.catch(() => undefined);
    }
    return this.loading;
  }

  private async load(context: AudioContext): Promise<AudioWorkletNode> {
    const { workletUrl } = this.options;
    const blobUrl =
      workletUrl === undefined
        ? URL.createObjectURL(new Blob([PCM_PLAYER_WORKLET_SOURCE], { type: "text/javascript" }))
        : undefined;
    try {
      await context.audioWorklet.addModule(String(workletUrl ?? blobUrl));
    } catch (error) {
      throw outputFailed("The audio worklet could not be loaded", error);
    } finally {
      if (blobUrl !== undefined) URL.revokeObjectURL(blobUrl);
    }
    if (this.closed) throw outputFailed("The audio sink was closed while starting");
    let node: AudioWorkletNode;
    try {
      node = new AudioWorkletNode(context, PROCESSOR_NAME, {
        numberOfInputs: 0,
        numberOfOutputs: 1,
        outputChannelCount: [2],
        processorOptions: { sharedMemory: this.sharedMemory },
      });
      node.connect(context.destination);
    } catch (error) {
      throw outputFailed("The audio worklet node could not be created", error);
    }
    node.onprocessorerror = (event) => {
      const error = outputFailed("The audio worklet stopped with an error", event);
      for (const listener of this.errorListeners) {
        try {
          listener(error);
        } catch (thrown) {
          // One failing listener must not keep the others from hearing about it.
          reportError(thrown);
        }
      }
    };
    this.node = node;
    return node;
  }
}

function outputFailed(message: string, cause?: unknown): PlayerError {
  return new PlayerError("playback/output-failed", message, { cause, fatal: true });
}
