import type {
  SinkEndedReport,
  SinkProgressReport,
  SinkReport,
  SinkStartedReport,
  SinkUnderrunReport,
} from "@player/core-runtime";
import { PcmQueue } from "./pcm-queue.js";
import { isValidRingCapacity, RING_CONTROL_INTS } from "./pcm-ring-layout.js";
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
  private readonly queue = new PcmQueue();
  private ring: PcmRingReader | undefined;
  private session = 0;
  private playing = false;
  private volume = 1;
  private gain = 0;
  private readonly gainStep: number;
  private started = false;
  private inUnderrun = false;
  private endRequested = false;
  private endedReported = false;
  private pauseReportDue = false;
  private quantaSinceProgress = 0;
  private scratch: Float32Array[] = [];
  private gains = new Float32Array(0);

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
    this.gainStep = 1 / Math.max(1, RAMP_SECONDS * host.sampleRate);
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
          this.flush(command.session);
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
    const source = this.source;
    if (this.playing && ++this.quantaSinceProgress >= PROGRESS_QUANTA) this.postProgress();

    // Paused: play on only while the gain ramps down, so the fade has real audio in it.
    const wanted = this.playing
      ? frames
      : Math.min(frames, Math.ceil(this.gain / this.gainStep - 1e-6));
    const positionBefore = source.position;
    const pulled = wanted > 0 ? source.pull(this.scratch, wanted) : 0;
    for (let c = 0; c < this.scratch.length; c++) this.scratch[c]?.fill(0, pulled, frames);

    if (pulled > 0 && !this.started) {
      this.started = true;
      this.startedReport.session = this.session;
      this.startedReport.position = positionBefore;
      this.host.post(this.startedReport);
    }
    this.trackUnderrun(wanted, pulled, source);
    this.applyGain(outputs, frames);

    if (this.pauseReportDue && this.gain === 0) {
      this.pauseReportDue = false;
      this.postProgress();
    }
    if (this.endRequested && !this.endedReported && source.bufferedFrames === 0) {
      this.endedReported = true;
      this.ended.session = this.session;
      this.host.post(this.ended);
    }
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

  /** Output = source × gain, the gain moving linearly toward its target by `gainStep` a frame. */
  private applyGain(outputs: readonly Float32Array[], frames: number): void {
    const target = this.playing ? this.volume : 0;
    const gains = this.gains;
    let gain = this.gain;
    // Within a step (plus rounding drift) of the target: land on it exactly.
    const snap = this.gainStep * (1 + 1e-6);
    for (let i = 0; i < frames; i++) {
      const delta = target - gain;
      if (delta > snap) gain += this.gainStep;
      else if (delta < -snap) gain -= this.gainStep;
      else gain = target;
      gains[i] = gain;
    }
    this.gain = gain;
    const last = this.scratch.length - 1;
    for (let c = 0; c < outputs.length; c++) {
      const output = outputs[c] as Float32Array;
      const input = this.scratch[Math.min(c, last)] as Float32Array;
      for (let i = 0; i < frames; i++) output[i] = (input[i] as number) * (gains[i] as number);
    }
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

  /** Starts `session`: everything queued is dropped and the next audio fades in. */
  private flush(session: number): void {
    this.session = session;
    this.queue.clear();
    this.ring?.reset();
    this.started = false;
    this.inUnderrun = false;
    this.endRequested = false;
    this.endedReported = false;
    this.gain = 0;
  }

  private onPcm(session: unknown, startFrame: unknown, channels: unknown): void {
    if (!isCount(session) || session < this.session || !isCount(startFrame)) return;
    if (!Array.isArray(channels) || !channels.every((c) => c instanceof Float32Array)) return;
    if (session > this.session) this.flush(session);
    // In ring mode PCM travels only through the ring.
    if (this.ring === undefined) this.queue.push(startFrame, channels as Float32Array[]);
  }

  private onRing(control: unknown, channels: unknown, capacityFrames: unknown): void {
    if (!(control instanceof SharedArrayBuffer) || !isValidRingCapacity(capacityFrames)) return;
    if (control.byteLength < RING_CONTROL_INTS * 4 || !Array.isArray(channels)) return;
    const capacity = capacityFrames;
    const views: Float32Array[] = [];
    for (const buffer of channels) {
      if (!(buffer instanceof SharedArrayBuffer) || buffer.byteLength < capacity * 4) return;
      views.push(new Float32Array(buffer, 0, capacity));
    }
    if (views.length === 0) return;
    this.ring = new PcmRingReader(new Int32Array(control, 0, RING_CONTROL_INTS), views, capacity);
    this.queue.clear();
  }

  private onSegment(session: unknown, startFrame: unknown, ringFrame: unknown): void {
    if (this.ring === undefined || !isCount(session) || session < this.session) return;
    if (!isCount(startFrame) || !isCount(ringFrame)) return;
    if (session > this.session) this.flush(session);
    // The jump freed ring space: tell the worker at once so it writes the new session.
    if (this.ring.addSegment(startFrame, ringFrame)) this.postProgress();
  }

  private ensureScratch(frames: number): void {
    const channels = Math.max(1, this.host.channels);
    if (this.gains.length >= frames && this.scratch.length === channels) return;
    const size = Math.max(frames, this.gains.length);
    this.gains = new Float32Array(size);
    this.scratch = Array.from({ length: channels }, () => new Float32Array(size));
  }
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
