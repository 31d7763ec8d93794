import { PlayerError } from "@player/core-runtime";
import type { LyricsLine } from "./lyrics.js";

/** Payload of {@link LyricsFollowerOptions.onLine}. */
export interface LyricsLineEvent {
  /** Index of the line in the loaded lines; it goes backwards after a seek back. */
  index: number;
  line: LyricsLine;
  /** The play position when the line was entered (estimated from the last report for timed events). */
  positionMs: number;
}

/** A position and state report of the playback engine. */
export interface PlaybackReport {
  /** The exact play position at the time of the call. */
  positionMs: number;
  playing: boolean;
}

/** Whatever `setTimer` returns; handed back to `clearTimer` unchanged. */
export type TimerHandle = unknown;

/** Options of {@link LyricsFollower}. */
export interface LyricsFollowerOptions {
  /** Called when the position enters a new line, whether by playing on or by a seek. */
  onLine(event: LyricsLineEvent): void;
  /** Called when a seek moves the position before the first line: no line is current any more. */
  onBeforeFirstLine?(event: { positionMs: number }): void;
  /** Monotonic clock in milliseconds. Default `performance.now()`. */
  now?: () => number;
  /** Default `setTimeout`. */
  setTimer?: (callback: () => void, delayMs: number) => TimerHandle;
  /** Default `clearTimeout`. */
  clearTimer?: (handle: TimerHandle) => void;
}

// A report this little behind the current line's start is clock jitter, not a seek:
// going back one line for a few milliseconds would make the display flicker.
const BACKWARD_JITTER_MS = 30;

/**
 * Tells when the play position enters a new lyrics line. Position reports come
 * a few times a second; between them, one timer armed for the next line's start
 * fires the line on time instead of at the next report. A report that shows a
 * seek fires the line now containing the position at once. Lines with equal
 * times fire once (the last of them); nothing fires before the first line.
 *
 * @example
 * ```ts
 * const follower = new LyricsFollower({ onLine: ({ index }) => highlight(index) });
 * follower.load(lyrics.synced ? lyrics.lines : undefined);
 * // On every position or state report of the playback engine:
 * follower.update({ positionMs: report.positionMs, playing: report.playing });
 * ```
 */
export class LyricsFollower {
  readonly #options: LyricsFollowerOptions;
  readonly #now: () => number;
  readonly #setTimer: (callback: () => void, delayMs: number) => TimerHandle;
  readonly #clearTimer: (handle: TimerHandle) => void;
  #lines: readonly LyricsLine[] = [];
  /** Index of the line last announced; -1 before the first line. */
  #current = -1;
  #report: { positionMs: number; atMs: number } | undefined;
  #timer: { handle: TimerHandle } | undefined;
  #disposed = false;

  constructor(options: LyricsFollowerOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => performance.now());
    this.#setTimer = options.setTimer ?? ((callback, delayMs) => setTimeout(callback, delayMs));
    this.#clearTimer =
      options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
  }

  /**
   * Starts following new lines (a new track), forgetting the previous ones and
   * the last report. If the track is already playing, call {@link update} next.
   *
   * @throws PlayerError `runtime/invalid-argument` when a line's time is not a finite number.
   */
  load(lines: readonly LyricsLine[] | undefined): void {
    if (this.#disposed) return;
    if (lines?.some((line) => !Number.isFinite(line.timeMs))) {
      throw new PlayerError("runtime/invalid-argument", "Lyrics line times must be finite numbers");
    }
    this.#cancelTimer();
    // A stable sort of a copy: the caller's array is left alone and equal times keep their order.
    this.#lines = lines === undefined ? [] : [...lines].sort((a, b) => a.timeMs - b.timeMs);
    this.#current = -1;
    this.#report = undefined;
  }

  /**
   * Takes a position and state report: announces the line now containing the
   * position if it changed, and while playing arms the timer for the next line.
   *
   * @throws PlayerError `runtime/invalid-argument` when `positionMs` is not a finite number.
   */
  update(report: PlaybackReport): void {
    if (this.#disposed) return;
    if (!Number.isFinite(report.positionMs)) {
      throw new PlayerError("runtime/invalid-argument", "positionMs must be a finite number", {
        details: { positionMs: String(report.positionMs) },
      });
    }
    this.#cancelTimer();
    if (this.#lines.length === 0) return;
    const positionMs = Math.max(0, report.positionMs);
    this.#report = { positionMs, atMs: this.#now() };
    let index = this.#indexAt(positionMs);
    const current = this.#lines[this.#current];
    if (index < this.#current && current && positionMs >= current.timeMs - BACKWARD_JITTER_MS) {
      index = this.#current;
    }
    // Armed before announcing, so a listener that throws cannot stop the follower.
    if (report.playing) this.#armTimer(index, positionMs);
    this.#enter(index, positionMs);
  }

  /** Cancels the timer; later calls do nothing. */
  dispose(): void {
    this.#cancelTimer();
    this.#disposed = true;
    this.#lines = [];
    this.#report = undefined;
  }

  #armTimer(fromIndex: number, positionMs: number): void {
    const nextIndex = fromIndex + 1;
    const next = this.#lines[nextIndex];
    if (next === undefined) return;
    const handle = this.#setTimer(
      () => this.#onTimer(nextIndex),
      Math.max(0, next.timeMs - positionMs),
    );
    this.#timer = { handle };
  }

  #onTimer(nextIndex: number): void {
    this.#timer = undefined;
    const report = this.#report;
    const next = this.#lines[nextIndex];
    if (report === undefined || next === undefined) return;
    // The timer was armed for this line, so the position is at least its start even if
    // the clock says otherwise; that guarantees progress without re-arming loops.
    const estimated = report.positionMs + (this.#now() - report.atMs);
    const positionMs = Math.max(estimated, next.timeMs);
    const index = this.#indexAt(positionMs);
    this.#armTimer(index, positionMs);
    this.#enter(index, positionMs);
  }

  #enter(index: number, positionMs: number): void {
    if (index === this.#current) return;
    this.#current = index;
    const line = this.#lines[index];
    if (line === undefined) this.#options.onBeforeFirstLine?.({ positionMs });
    else this.#options.onLine({ index, line, positionMs });
  }

  #cancelTimer(): void {
    if (this.#timer === undefined) return;
    this.#clearTimer(this.#timer.handle);
    this.#timer = undefined;
  }

  /** Index of the last line starting at or before the position (the last of equal times); -1 before the first. */
  #indexAt(positionMs: number): number {
    let low = 0;
    let high = this.#lines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.#lines[middle]?.timeMs ?? 0) <= positionMs) low = middle + 1;
      else high = middle;
    }
    return low - 1;
  }
}
