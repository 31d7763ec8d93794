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
  /** The newest session flushed or sent; older ones are dropped, as the sink would. */
  private latestSession = 0;
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
   * transfer transport all are accepted: an array that is the whole of its
   * own ArrayBuffer is transferred (detached, zero copy); one that views
   * part of a larger buffer (a WASM heap), shares its buffer with another
   * channel or lives in shared memory is copied, so memory the caller keeps
   * is never detached. The ring copies what fits and the caller keeps the
   * rest for a later call (after the next `progress` report); there a newer
   * session starts itself (as {@link flush} would) and an older one's PCM
   * is dropped and counted as accepted.
   */
  send(session: number, startFrame: number, channels: readonly Float32Array[]): number {
    const frames = checkPcm(session, startFrame, channels);
    if (this.hello === undefined) {
      throw new PlayerError("playback/output-failed", "send() before the audio sink said hello");
    }
    if (this.ring === undefined) {
      this.latestSession = Math.max(this.latestSession, session);
      const owned = transferable(channels);
      // Each buffer is now whole and used once: all of them can be transferred.
      this.post(
        { type: "pcm", session, startFrame, channels: owned },
        owned.map((c) => c.buffer),
      );
      return frames;
    }
    if (session < this.latestSession) return frames;
    if (session > this.latestSession) this.flush(session);
    if (session !== this.segmentSession || startFrame !== this.segmentNextFrame) {
      this.post({ type: "segment", session, startFrame, ringFrame: this.ring.writeIndex });
      this.segmentSession = session;
      this.segmentNextFrame = startFrame;
    }
    const accepted = this.ring.write(channels, 0, frames);
    this.segmentNextFrame += accepted;
    return accepted;
  }

  /**
   * Starts `session` (new track, seek, stop): the sink fades out what it
   * queued for older sessions over 5 ms, drops the rest, then plays this
   * session from its first frame. A session older than the newest one seen
   * is ignored, as the sink would ignore it.
   */
  flush(session: number): void {
    checkSession(session);
    if (session < this.latestSession) return;
    this.latestSession = session;
    this.segmentSession = -1;
    // Ring: marked in shared memory first, so the sink stops here before the message arrives.
    const epoch = this.ring?.beginFlush();
    this.post(epoch === undefined ? { type: "flush", session } : { type: "flush", session, epoch });
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

/**
 * The arrays to post: each channel that is the whole of an ArrayBuffer no
 * other channel uses is kept (its buffer will be transferred); any other is
 * copied, because transferring its buffer would detach memory beyond it.
 */
function transferable(channels: readonly Float32Array[]): Float32Array[] {
  const users = new Map<ArrayBufferLike, number>();
  for (const channel of channels) users.set(channel.buffer, (users.get(channel.buffer) ?? 0) + 1);
  return channels.map((channel) => {
    const { buffer } = channel;
    const whole =
      buffer instanceof ArrayBuffer &&
      channel.byteOffset === 0 &&
      channel.byteLength === buffer.byteLength &&
      users.get(buffer) === 1;
    return whole ? channel : channel.slice();
  });
}
