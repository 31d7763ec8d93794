import { abortableSleep, isPlayerError } from "@player/core-runtime";
import type { DecodeIssue, DecodeStream } from "../decoding/decode-contract.js";
import type { AudioOutput } from "./audio-output.js";
import { toOutputChannels } from "./channel-layout.js";
import type { StreamResampler } from "./stream-resampler.js";

/** Options of a {@link PlaybackSession}. */
export interface PlaybackSessionOptions {
  stream: DecodeStream;
  output: AudioOutput;
  /** Present when the track's rate differs from the output's. */
  resampler: StreamResampler | undefined;
  /** Frames (at the output rate) to keep queued ahead of the play position (read at every refill). */
  aheadFrames: () => number;
  /** The output session id to start with. */
  session: number;
  /** A damaged or truncated stretch was met; playback goes on. */
  onIssue(issue: DecodeIssue): void;
  /** Decoding or reading failed for good; the session has stopped. */
  onFailure(error: unknown): void;
}

const RETRY_BASE_MS = 250;
const RETRY_MAX_MS = 2_000;
/** Attempts at a failing read even when no audio is left queued. */
const MIN_ATTEMPTS = 3;

/**
 * One track being played: pulls PCM from the decode stream, resamples it to
 * the output's rate and queues it on the output, keeping `aheadFrames` ahead
 * of what the output reports played. Driven by the output's progress
 * reports (no polling); one pump runs at a time.
 */
export class PlaybackSession {
  readonly #options: PlaybackSessionOptions;
  readonly #rateRatio: number;
  #session: number;
  /** Output-rate track frame of the next frame to queue. */
  #sentFrame = 0;
  /** Output-rate track frame the output will play next (from its reports). */
  #playedFrame = 0;
  /** Output-rate frame the current run (since the start or the last seek) began at. */
  #runStartFrame = 0;
  /** Source-rate frame after the last decoded piece: where a failed read resumes. */
  #sourceFrame = 0;
  #pending: { startFrame: number; channels: Float32Array[] } | undefined;
  #finished = false;
  #closed = false;
  #pump: Promise<void> | undefined;
  #pumpAbort: AbortController | undefined;

  constructor(options: PlaybackSessionOptions) {
    this.#options = options;
    this.#session = options.session;
    this.#rateRatio = options.output.format.sampleRate / options.stream.info.sampleRate;
  }

  /** The output session id of the current run (changes on every seek). */
  get session(): number {
    return this.#session;
  }

  /** Seconds of audio queued ahead of the play position. */
  get bufferedFrames(): number {
    return Math.max(0, this.#sentFrame - this.#playedFrame);
  }

  /** True once the whole track has been queued. */
  get finished(): boolean {
    return this.#finished;
  }

  /** Queues the first audio; resolves once some is on the output (the rest follows). */
  async start(): Promise<void> {
    await this.#runPump(true);
    this.#kick();
  }

  /** The output reported its play position for this session. */
  onProgress(position: number): void {
    // Before the first frame of a run arrives, an output may report a
    // position it does not know yet (0): that says nothing about the queue.
    if (position < this.#runStartFrame) return;
    this.#playedFrame = position;
    this.#kick();
  }

  /**
   * Repositions to output-rate frame `frame` under the new output session
   * `session`: the output drops what it queued at once, the stream seeks
   * sample-exactly, and the first new audio is queued before this resolves.
   */
  async seek(frame: number, session: number): Promise<void> {
    this.#session = session;
    this.#options.output.flush(session);
    await this.#stopPump();
    const sourceFrame = Math.round(frame / this.#rateRatio);
    await this.#options.stream.seek(sourceFrame);
    this.#options.resampler?.reset();
    this.#sourceFrame = sourceFrame;
    this.#sentFrame = frame;
    this.#playedFrame = frame;
    this.#runStartFrame = frame;
    this.#pending = undefined;
    this.#finished = false;
    await this.start();
  }

  /** Stops pumping and frees the decoder and resampler. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.#stopPump();
    this.#options.stream.close();
    this.#options.resampler?.close();
  }

  #kick(): void {
    if (this.#pump !== undefined || this.#closed || this.#finished) return;
    if (this.#pending === undefined && this.bufferedFrames >= this.#options.aheadFrames()) return;
    this.#runPump(false).catch((error: unknown) => {
      if (!this.#closed && !isAbort(error)) this.#options.onFailure(error);
    });
  }

  /**
   * Runs one pump and registers it, so that no second pump (and no seek)
   * ever touches the decode stream while it runs: streams are not re-entrant.
   */
  #runPump(firstOnly: boolean): Promise<void> {
    const run = this.#pumpOnce(firstOnly).finally(() => {
      if (this.#pump !== run) return;
      this.#pump = undefined;
      this.#pumpAbort = undefined;
    });
    this.#pump = run;
    return run;
  }

  async #stopPump(): Promise<void> {
    this.#pumpAbort?.abort();
    await this.#pump?.catch(() => undefined);
  }

  /** Queues audio until `aheadFrames` are ahead (or, for `firstOnly`, until some is). */
  async #pumpOnce(firstOnly: boolean): Promise<void> {
    const abort = new AbortController();
    this.#pumpAbort = abort;
    const { signal } = abort;
    if (this.#pending !== undefined && !this.#sendPending()) return;
    while (!this.#closed && !this.#finished && !signal.aborted) {
      if (!firstOnly && this.bufferedFrames >= this.#options.aheadFrames()) return;
      const piece = await this.#nextPiece(signal);
      if (signal.aborted) return;
      if (piece === null) {
        const tail = this.#options.resampler?.flush();
        if (tail !== undefined && (tail[0]?.length ?? 0) > 0 && !this.#queue(tail)) return;
        this.#finished = true;
        this.#options.output.end(this.#session);
        return;
      }
      for (const issue of piece.issues) this.#options.onIssue(issue);
      const length = piece.channels[0]?.length ?? 0;
      this.#sourceFrame = piece.startFrame + length;
      if (length === 0) continue;
      const channels = this.#options.resampler?.process(piece.channels) ?? piece.channels;
      if ((channels[0]?.length ?? 0) === 0) continue;
      const accepted = this.#queue(channels);
      if (!accepted || firstOnly) return;
    }
  }

  /** The next decoded piece, retrying a failed read while queued audio lasts. */
  async #nextPiece(signal: AbortSignal) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.#options.stream.next(signal);
      } catch (error) {
        const retryable = isPlayerError(error) && error.retryable;
        const bufferLasts = this.bufferedFrames > 0;
        if (!retryable || signal.aborted || (attempt >= MIN_ATTEMPTS && !bufferLasts)) throw error;
        await abortableSleep(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1)), signal);
        // Reposition exactly where the failed read left off; the resampler's
        // state still matches, as its input continues seamlessly.
        await this.#options.stream.seek(this.#sourceFrame, signal);
      }
    }
  }

  /** Queues PCM; keeps what the output did not accept. False when the output is full. */
  #queue(channels: Float32Array[]): boolean {
    const fitted = toOutputChannels(channels, this.#options.output.format.channels);
    this.#pending = { startFrame: this.#sentFrame, channels: fitted };
    this.#sentFrame += fitted[0]?.length ?? 0;
    return this.#sendPending();
  }

  #sendPending(): boolean {
    const pending = this.#pending;
    if (pending === undefined) return true;
    const length = pending.channels[0]?.length ?? 0;
    const accepted = this.#options.output.send(this.#session, pending.startFrame, pending.channels);
    if (accepted >= length) {
      this.#pending = undefined;
      return true;
    }
    this.#pending = {
      startFrame: pending.startFrame + accepted,
      channels: pending.channels.map((channel) => channel.subarray(accepted)),
    };
    return false;
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === "AbortError";
}
