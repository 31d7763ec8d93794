/** Heartbeat settings; see {@link HeartbeatMonitor}. */
export interface HeartbeatOptions {
  /** How often a heartbeat is sent. Default 250 ms. */
  intervalMs: number;
  /** An unanswered heartbeat older than this means the worker is lost. Default 1250 ms. */
  timeoutMs: number;
  /** Allowance for the very first answer, while the worker script loads. Default 10 s. */
  startupTimeoutMs: number;
}

/** Default heartbeat: a dead or hung worker is noticed within 1.5 s. */
export const DEFAULT_HEARTBEAT: Readonly<HeartbeatOptions> = Object.freeze({
  intervalMs: 250,
  timeoutMs: 1250,
  startupTimeoutMs: 10_000,
});

/**
 * Notices a dead or hung worker: one heartbeat is in flight at a time, and if
 * it is not answered within its timeout, `onLost` is called once. Silence is
 * measured from the unanswered heartbeat, not from the last answer, so a page
 * whose timers are throttled in a background tab sees no false alarm.
 */
export class HeartbeatMonitor {
  private seq = 0;
  private answered = false;
  private lastAnswerAt: number;
  private interval: ReturnType<typeof setInterval> | undefined;
  private deadline: ReturnType<typeof setTimeout> | undefined;
  private inFlight = false;

  constructor(
    private readonly send: (seq: number) => Promise<number>,
    private readonly onLost: (silentForMs: number) => void,
    private readonly options: HeartbeatOptions,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.lastAnswerAt = now();
  }

  start(): void {
    if (this.interval !== undefined) return;
    this.interval = setInterval(() => this.beat(), this.options.intervalMs);
    this.beat();
  }

  stop(): void {
    clearInterval(this.interval);
    clearTimeout(this.deadline);
    this.interval = undefined;
    this.deadline = undefined;
    // A heartbeat sent before stop() must not block or satisfy a restarted monitor.
    this.inFlight = false;
  }

  private beat(): void {
    if (this.inFlight) return;
    this.inFlight = true;
    const seq = ++this.seq;
    const limit = this.answered ? this.options.timeoutMs : this.options.startupTimeoutMs;
    this.deadline = setTimeout(() => {
      this.stop();
      this.onLost(this.now() - this.lastAnswerAt);
    }, limit);
    this.send(seq).then(
      (echoed) => {
        if (echoed !== seq || seq !== this.seq || this.interval === undefined) return;
        clearTimeout(this.deadline);
        this.inFlight = false;
        this.answered = true;
        this.lastAnswerAt = this.now();
      },
      () => {
        // A failed heartbeat call is left to time out: only silence decides.
      },
    );
  }
}
