import type {
  SinkEndedReport,
  SinkProgressReport,
  SinkReport,
  SinkStartedReport,
  SinkUnderrunReport,
} from "@player/core-runtime";
import { GainRamp } from "./gain-ramp.js";
import { PcmQueue } from "./pcm-queue.js";
import { PcmRingReader } from "./pcm-ring-reader.js";
import type { PcmSource } from "./pcm-source.js";

/** What the player needs from the AudioWorklet global scope. */
export interface PcmPlayerHost {
  readonly sampleRate: number;
  /** Output channels of the node (`outputChannelCount[0]`). */
  readonly channels: number;
  /** The page may use the SharedArrayBuffer ring. */
  readonly sharedMemory: boolean;
  /** The audio clock (`currentTime` of the worklet scope). */
  currentTime(): number;
  /** Sends a report to the worker. The object may be reused afterwards (it is cloned). */
  post(report: SinkReport): void;
}

/** Gain ramps take this long from 0 to 1 (no click on pause, play or volume). */
const RAMP_SECONDS = 0.005;
/** Progress while playing every this many render quanta (8 × 128 frames ≈ 21–23 ms). */
const PROGRESS_QUANTA = 8;

/**
 * The sink's logic, free of the AudioWorklet API so Node tests can drive it:
 * takes SinkCommands, renders one quantum at a time, sends SinkReports.
 * `render()` allocates nothing; reports reuse one object per type.
 */
export class PcmPlayer {
  private queue = new PcmQueue();
  /** Transfer mode: the flushed session's frames, played only while they fade out. */
  private outgoing = new PcmQueue();
  private ring: PcmRingReader | undefined;
  private session = 0;
  /** A flush is fading the old audio out; the new session waits until the gain is 0. */
  private flushing = false;
  /** The last source frame rendered, per channel: faded out when a flush finds no old frames. */
  private lastFrame = new Float32Array(0);
  private playing = false;
  private volume = 1;
  private readonly gain: GainRamp;
  private started = false;
  private inUnderrun = false;
  private endRequested = false;
  private endedReported = false;
  private pauseReportDue = false;
  private quantaSinceProgress = 0;
  private scratch: Float32Array[] = [];

  private readonly progress: SinkProgressReport = {
    type: "progress",
    session: 0,
    position: 0,
    bufferedFrames: 0,
    contextTime: 0,
  };
  private readonly startedReport: SinkStartedReport = { type: "started", session: 0, position: 0 };
  private readonly underrun: SinkUnderrunReport = { type: "underrun", session: 0, position: 0 };
  private readonly ended: SinkEndedReport = { type: "ended", session: 0 };

  constructor(private readonly host: PcmPlayerHost) {
    this.gain = new GainRamp(RAMP_SECONDS * host.sampleRate);
    this.ensureScratch(128);
  }

  private get source(): PcmSource {
    return this.ring ?? this.queue;
  }

  /** Sends `hello`: the first report on a new connection. */
  hello(): void {
    const { sampleRate, channels, sharedMemory } = this.host;
    this.host.post({ type: "hello", sampleRate, channels, sharedMemory });
  }

  /** Applies one SinkCommand; anything malformed is ignored (the audio thread must not throw). */
  handleCommand(data: unknown): void {
    if (typeof data !== "object" || data === null) return;
    const command = data as Record<string, unknown>;
    switch (command.type) {
      case "pcm":
        this.onPcm(command.session, command.startFrame, command.channels);
        return;
      case "ring":
        this.onRing(command.control, command.channels, command.capacityFrames);
        return;
      case "segment":
        this.onSegment(command.session, command.startFrame, command.ringFrame);
        return;
      case "flush":
        if (isCount(command.session) && command.session >= this.session)
          this.flush(command.session, isCount(command.epoch) ? command.epoch : undefined);
        return;
      case "end":
        if (command.session === this.session) this.endRequested = true;
        return;
      case "play":
        this.playing = true;
        this.pauseReportDue = false;
        this.quantaSinceProgress = PROGRESS_QUANTA;
        return;
      case "pause":
        this.playing = false;
        this.pauseReportDue = true;
        return;
      case "volume":
        if (typeof command.value === "number" && !Number.isNaN(command.value)) {
          this.volume = Math.min(1, Math.max(0, command.value));
        }
        return;
    }
  }

  /** Renders one quantum into `outputs` (one array per output channel, equal lengths). */
  render(outputs: readonly Float32Array[]): void {
    const frames = outputs[0]?.length ?? 0;
    if (frames === 0) return;
    this.ensureScratch(frames);
    // Ring mode: the writer's flush is visible in shared memory before its message arrives.
    if (this.ring?.flushPending === true) this.flushing = true;
    if (this.playing && ++this.quantaSinceProgress >= PROGRESS_QUANTA) this.postProgress();

    let done = 0;
    if (this.flushing) {
      done = this.fadeOut(frames);
      // Transfer mode has its flush message by now; ring mode may have seen only the epoch.
      if (this.gain.current === 0 && this.ring?.flushReceived !== false) this.finishFlush();
    }
    if (this.flushing) {
      // Faded out, waiting for the flush message: silence.
      for (const channel of this.scratch) channel.fill(0, done, frames);
      this.gain.ramp(done, frames, 0);
    } else {
      this.renderSource(done, frames);
    }
    this.writeOutputs(outputs, frames);

    if (this.pauseReportDue && this.gain.current === 0) {
      this.pauseReportDue = false;
      this.postProgress();
    }
    const drained = !this.flushing && this.source.bufferedFrames === 0;
    if (this.endRequested && !this.endedReported && drained) {
      this.endedReported = true;
      this.ended.session = this.session;
      this.host.post(this.ended);
    }
  }

  /** Frames `[from, frames)` of the quantum from the current session. */
  private renderSource(from: number, frames: number): void {
    const source = this.source;
    // Paused: play on only while the gain ramps down, so the fade has real audio in it.
    const room = frames - from;
    const wanted = this.playing ? room : Math.min(room, this.gain.framesToSilence());
    const positionBefore = source.position;
    const pulled = wanted > 0 ? source.pull(this.scratch, wanted, from) : 0;
    for (const channel of this.scratch) channel.fill(0, from + pulled, frames);

    if (pulled > 0 && !this.started) {
      this.started = true;
      this.startedReport.session = this.session;
      this.startedReport.position = positionBefore;
      this.host.post(this.startedReport);
    }
    this.trackUnderrun(wanted, pulled, source);
    // The gain stays at 0 until the session's first frame, so its fade-in starts with it.
    this.gain.ramp(from, frames, this.playing && this.started ? this.volume : 0);
  }

  /**
   * Fades the flushed session out from the start of the quantum, over the
   * frames it still has (the outgoing queue, or the ring up to the flush
   * point); where they run out, the last frame is held so the output still
   * ramps to zero without a jump. Returns the frames the fade used.
   */
  private fadeOut(frames: number): number {
    const count = Math.min(frames, this.gain.framesToSilence());
    if (count === 0) return 0;
    const pulled = (this.ring ?? this.outgoing).pull(this.scratch, count);
    for (let c = 0; c < this.scratch.length; c++) {
      const channel = this.scratch[c] as Float32Array;
      const held = pulled > 0 ? (channel[pulled - 1] as number) : (this.lastFrame[c] as number);
      channel.fill(held, pulled, count);
    }
    this.gain.ramp(0, count, 0);
    return count;
  }

  private trackUnderrun(wanted: number, pulled: number, source: PcmSource): void {
    if (pulled === wanted) {
      if (pulled > 0) this.inUnderrun = false;
      return;
    }
    // Running dry after the end was announced is the end, not an underrun.
    if (!this.playing || !this.started || this.endRequested || this.inUnderrun) return;
    this.inUnderrun = true;
    this.underrun.session = this.session;
    this.underrun.position = source.position;
    this.host.post(this.underrun);
  }

  /** Output = scratch × gain; remembers the last source frame for a later fade-out. */
  private writeOutputs(outputs: readonly Float32Array[], frames: number): void {
    const gains = this.gain.gains;
    const last = this.scratch.length - 1;
    for (let c = 0; c < outputs.length; c++) {
      const output = outputs[c] as Float32Array;
      const input = this.scratch[Math.min(c, last)] as Float32Array;
      for (let i = 0; i < frames; i++) output[i] = (input[i] as number) * (gains[i] as number);
    }
    for (let c = 0; c <= last; c++) this.lastFrame[c] = this.scratch[c]?.[frames - 1] as number;
  }

  private postProgress(): void {
    const source = this.source;
    this.quantaSinceProgress = 0;
    this.progress.session = this.session;
    this.progress.position = source.position;
    this.progress.bufferedFrames = source.bufferedFrames;
    this.progress.contextTime = this.host.currentTime();
    this.host.post(this.progress);
  }

  /**
   * Starts `session`: what was queued fades out over the ramp (no click) and
   * is then dropped; the new session starts after it, at its first frame,
   * fading in. `epoch` is the ring writer's flush epoch (ring mode).
   */
  private flush(session: number, epoch: number | undefined): void {
    this.session = session;
    // The queued audio becomes the outgoing one; a flush during a fade keeps that audio fading.
    if (!this.flushing) [this.outgoing, this.queue] = [this.queue, this.outgoing];
    this.queue.clear();
    this.ring?.flush(epoch);
    this.flushing = true;
    this.started = false;
    this.inUnderrun = false;
    this.endRequested = false;
    this.endedReported = false;
    if (this.gain.current === 0) this.finishFlush();
  }

  /** The fade-out is over: the old session's frames go, the new session may play. */
  private finishFlush(): void {
    this.flushing = false;
    this.outgoing.clear();
    const ring = this.ring;
    if (ring === undefined) return;
    // The jump freed ring space: tell the worker at once so it writes the new session.
    if (ring.finishFlush()) this.postProgress();
    // Another flush already happened in shared memory: wait for its message too.
    this.flushing = ring.flushPending;
  }

  private onPcm(session: unknown, startFrame: unknown, channels: unknown): void {
    if (!isCount(session) || session < this.session || !isCount(startFrame)) return;
    if (!Array.isArray(channels) || !channels.every((c) => c instanceof Float32Array)) return;
    if (session > this.session) this.flush(session, undefined);
    // In ring mode PCM travels only through the ring.
    if (this.ring === undefined) this.queue.push(startFrame, channels as Float32Array[]);
  }

  private onRing(control: unknown, channels: unknown, capacityFrames: unknown): void {
    const ring = PcmRingReader.fromBuffers(control, channels, capacityFrames);
    if (ring === undefined) return;
    this.ring = ring;
    this.queue.clear();
    this.outgoing.clear();
  }

  private onSegment(session: unknown, startFrame: unknown, ringFrame: unknown): void {
    if (this.ring === undefined || !isCount(session) || session < this.session) return;
    if (!isCount(startFrame) || !isCount(ringFrame)) return;
    if (session > this.session) this.flush(session, undefined);
    // The jump freed ring space: tell the worker at once so it writes the new session.
    if (this.ring.addSegment(startFrame, ringFrame)) this.postProgress();
  }

  private ensureScratch(frames: number): void {
    const channels = Math.max(1, this.host.channels);
    this.gain.ensure(frames);
    if ((this.scratch[0]?.length ?? 0) >= frames && this.scratch.length === channels) return;
    this.scratch = Array.from({ length: channels }, () => new Float32Array(frames));
    this.lastFrame = new Float32Array(channels);
  }
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
