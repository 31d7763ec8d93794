import {
  PlayerError,
  type SinkCommand,
  type SinkHelloReport,
  type SinkReport,
} from "@player/core-runtime";
import { PcmRingWriter } from "./pcm-ring-writer.js";

/** How PCM reaches the sink. */
export type SinkTransport = "transfer" | "ring";

/** Options for {@link SinkChannel}. */
export interface SinkChannelOptions {
  /**
   * `"auto"` (default) uses the ring when the sink says the page is
   * cross-origin isolated and this worker can share memory; otherwise
   * transferred buffers. `"ring"` fails `ready()` when the ring is impossible.
   */
  transport?: "auto" | SinkTransport;
  /** Ring size in frames, a power of two; default 2^17 (≈ 2.7 s at 48 kHz). */
  ringCapacityFrames?: number;
  /** How long `ready()` waits for the sink's `hello`; default 10 000 ms. */
  helloTimeoutMs?: number;
  /** Gets errors thrown by report listeners; default: rethrown outside the channel. */
  onListenerError?: (error: unknown) => void;
}

/** A listener for the sink's reports. */
export type SinkReportListener = (report: SinkReport) => void;

const DEFAULT_RING_CAPACITY = 1 << 17;
const DEFAULT_HELLO_TIMEOUT_MS = 10_000;

/**
 * The worker's end of the audio sink: wraps the MessagePort the page handed
 * over (its twin is in the AudioWorklet) and speaks the SinkCommand /
 * SinkReport protocol of `@player/core-runtime`'s `audio-output.ts`.
 *
 * @example
 * ```ts
 * const sink = new SinkChannel(port);
 * const { sampleRate, channels } = await sink.ready();
 * sink.flush(1);
 * const accepted = sink.send(1, 0, pcm); // keep pcm's frames from `accepted` on for later
 * sink.play();
 * ```
 */
export class SinkChannel {
  private readonly options: SinkChannelOptions;
  private hello: SinkHelloReport | undefined;
  private ring: PcmRingWriter | undefined;
  private readonly helloPromise: Promise<SinkHelloReport>;
  private readonly listeners = new Set<SinkReportListener>();
  private helloTimer: ReturnType<typeof setTimeout> | undefined;
  private settleHello: ((hello: SinkHelloReport | PlayerError) => void) | undefined;
  /** Ring mode: the session and the next track frame the ring's current segment expects. */
  private segmentSession = -1;
  private segmentNextFrame = -1;
  private destroyed = false;

  constructor(
    private readonly port: MessagePort,
    options: SinkChannelOptions = {},
  ) {
    this.options = options;
    this.helloPromise = new Promise<SinkHelloReport>((resolve, reject) => {
      this.settleHello = (result) =>
        result instanceof PlayerError ? reject(result) : resolve(result);
    });
    this.helloPromise.catch(() => undefined);
    const timeout = options.helloTimeoutMs ?? DEFAULT_HELLO_TIMEOUT_MS;
    this.helloTimer = setTimeout(
      () => this.failHello(`The audio sink did not answer within ${timeout} ms`),
      timeout,
    );
    port.addEventListener("message", this.onMessage);
    port.start();
  }

  /** Resolves with the sink's format once it said hello; rejects with `playback/output-failed`. */
  ready(): Promise<SinkHelloReport> {
    return this.helloPromise;
  }

  /** The sink's format, once known. */
  get format(): SinkHelloReport | undefined {
    return this.hello;
  }

  /** The transport in use, once the sink said hello. */
  get transport(): SinkTransport | undefined {
    if (this.hello === undefined) return undefined;
    return this.ring === undefined ? "transfer" : "ring";
  }

  /**
   * Sends planar PCM at the sink's rate: `channels[c][i]` is frame
   * `startFrame + i` of `session`. Returns the frames accepted. With the
   * transfer transport all are accepted and the arrays' whole buffers are
   * detached (SharedArrayBuffer-backed ones are copied first); the ring
   * copies what fits and the caller keeps the rest for a later call (after
   * the next `progress` report).
   */
  send(session: number, startFrame: number, channels: readonly Float32Array[]): number {
    const frames = checkPcm(session, startFrame, channels);
    if (this.hello === undefined) {
      throw new PlayerError("playback/output-failed", "send() before the audio sink said hello");
    }
    if (this.ring === undefined) {
      const owned = channels.map((c) => (c.buffer instanceof ArrayBuffer ? c : c.slice()));
      this.post({ type: "pcm", session, startFrame, channels: owned }, transferList(owned));
      return frames;
    }
    if (session !== this.segmentSession || startFrame !== this.segmentNextFrame) {
      this.post({ type: "segment", session, startFrame, ringFrame: this.ring.writeIndex });
      this.segmentSession = session;
      this.segmentNextFrame = startFrame;
    }
    const accepted = this.ring.write(channels, 0, frames);
    this.segmentNextFrame += accepted;
    return accepted;
  }

  /** Starts `session`: the sink drops everything queued for older ones at once. */
  flush(session: number): void {
    checkSession(session);
    this.segmentSession = -1;
    this.post({ type: "flush", session });
  }

  /** No more PCM for `session`: the sink reports `ended` after its last frame. */
  end(session: number): void {
    checkSession(session);
    this.post({ type: "end", session });
  }

  /** Makes the output audible (a 5 ms fade in). */
  play(): void {
    this.post({ type: "play" });
  }

  /** Silences the output within one render quantum plus a 5 ms fade; a `progress` follows. */
  pause(): void {
    this.post({ type: "pause" });
  }

  /** Output gain 0..1 (values outside are clamped), ramped in the sink. */
  setVolume(value: number): void {
    if (typeof value !== "number" || Number.isNaN(value)) {
      throw new PlayerError("playback/output-failed", `Bad volume ${String(value)}`);
    }
    this.post({ type: "volume", value: Math.min(1, Math.max(0, value)) });
  }

  /** Calls `listener` with every report after `hello`. Returns the unsubscribe function. */
  onReport(listener: SinkReportListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops listening and closes the port. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.failHello("The audio sink channel was destroyed");
    this.port.removeEventListener("message", this.onMessage);
    this.port.close();
    this.listeners.clear();
  }

  private readonly onMessage = (event: MessageEvent): void => {
    const report = event.data as SinkReport | null;
    if (typeof report !== "object" || report === null || typeof report.type !== "string") return;
    if (report.type === "hello") {
      this.onHello(report);
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(report);
      } catch (error) {
        const handler = this.options.onListenerError;
        if (handler !== undefined) handler(error);
        else
          setTimeout(() => {
            throw error;
          }, 0);
      }
    }
  };

  private onHello(hello: SinkHelloReport): void {
    if (this.hello !== undefined || this.settleHello === undefined) return;
    const wanted = this.options.transport ?? "auto";
    const canShare =
      hello.sharedMemory &&
      typeof SharedArrayBuffer === "function" &&
      (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
    if (wanted === "ring" && !canShare) {
      this.failHello("The ring transport needs a cross-origin isolated page");
      return;
    }
    if (wanted !== "transfer" && canShare) {
      try {
        this.ring = new PcmRingWriter(
          hello.channels,
          this.options.ringCapacityFrames ?? DEFAULT_RING_CAPACITY,
        );
      } catch (error) {
        this.failHello("The PCM ring could not be created", error);
        return;
      }
      const { control, channels, capacityFrames } = this.ring.buffers;
      this.post({ type: "ring", control, channels, capacityFrames });
    }
    this.hello = hello;
    clearTimeout(this.helloTimer);
    this.settleHello(hello);
    this.settleHello = undefined;
  }

  private failHello(message: string, cause?: unknown): void {
    clearTimeout(this.helloTimer);
    this.settleHello?.(new PlayerError("playback/output-failed", message, { cause, fatal: true }));
    this.settleHello = undefined;
  }

  private post(command: SinkCommand, transfer: Transferable[] = []): void {
    if (this.destroyed)
      throw new PlayerError("playback/output-failed", "The sink channel is closed");
    this.port.postMessage(command, transfer);
  }
}

function checkSession(session: number): void {
  if (!Number.isInteger(session) || session < 0) {
    throw new PlayerError("playback/output-failed", `Bad sink session ${session}`);
  }
}

/** Checks a PCM run and returns its frame count. */
function checkPcm(session: number, startFrame: number, channels: readonly Float32Array[]): number {
  checkSession(session);
  if (!Number.isInteger(startFrame) || startFrame < 0) {
    throw new PlayerError("playback/output-failed", `Bad start frame ${startFrame}`);
  }
  const frames = channels[0]?.length ?? 0;
  if (
    channels.length === 0 ||
    channels.some((c) => !(c instanceof Float32Array) || c.length !== frames)
  ) {
    throw new PlayerError(
      "playback/output-failed",
      "PCM needs one or more Float32Arrays of equal length",
    );
  }
  return frames;
}

/** The distinct buffers behind `channels` (planes may share one; listing it twice throws). */
function transferList(channels: readonly Float32Array[]): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  for (const channel of channels) buffers.add(channel.buffer as ArrayBuffer);
  return [...buffers];
}
