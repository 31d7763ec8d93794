import { afterEach, describe, expect, it, vi } from "vitest";
import type { LyricsLine } from "./lyrics.js";
import { LyricsFollower, type TimerHandle } from "./lyrics-follower.js";

const LINES: LyricsLine[] = [
  { timeMs: 1000, text: "one" },
  { timeMs: 3000, text: "two" },
  { timeMs: 3000, text: "two, sung together" },
  { timeMs: 5000, text: "" },
  { timeMs: 8000, text: "four" },
];

/** Timers driven by hand, to fire them late or early and count how many are armed. */
class ManualTimers {
  readonly pending = new Map<number, { callback: () => void; delayMs: number }>();
  readonly delays: number[] = [];
  mostArmed = 0;
  #nextId = 1;

  setTimer = (callback: () => void, delayMs: number): TimerHandle => {
    const id = this.#nextId++;
    this.pending.set(id, { callback, delayMs });
    this.delays.push(delayMs);
    this.mostArmed = Math.max(this.mostArmed, this.pending.size);
    return id;
  };

  clearTimer = (handle: TimerHandle): void => {
    this.pending.delete(handle as number);
  };

  fireOnly(): void {
    expect(this.pending.size).toBe(1);
    const [id, timer] = [...this.pending][0] ?? [];
    if (id === undefined || timer === undefined) return;
    this.pending.delete(id);
    timer.callback();
  }
}

describe("LyricsFollower with injected clock and timers", () => {
  function setUp() {
    let clock = 10_000;
    const timers = new ManualTimers();
    const fired: [number, number][] = [];
    const follower = new LyricsFollower({
      now: () => clock,
      setTimer: timers.setTimer,
      clearTimer: timers.clearTimer,
      onLine: ({ index, positionMs }) => fired.push([index, positionMs]),
    });
    follower.load(LINES);
    return { follower, timers, fired, setClock: (ms: number) => (clock = ms) };
  }

  it("arms one timer at a time, for the next line's start from the last report", () => {
    const { follower, timers } = setUp();
    follower.update({ positionMs: 200, playing: true });
    follower.update({ positionMs: 450, playing: true });
    follower.update({ positionMs: 700, playing: true });
    expect(timers.delays).toEqual([800, 550, 300]);
    expect(timers.pending.size).toBe(1);
    expect(timers.mostArmed).toBe(1);
  });

  it("uses the elapsed time when a timer fires late", () => {
    const { follower, timers, fired, setClock } = setUp();
    follower.update({ positionMs: 2000, playing: true });
    setClock(11_040);
    timers.fireOnly();
    expect(fired).toEqual([
      [0, 2000],
      [2, 3040],
    ]);
    expect(timers.delays).toEqual([1000, 1960]);
  });

  it("never goes backwards or re-arms in a loop when a timer fires before the clock says", () => {
    const { follower, timers, fired, setClock } = setUp();
    follower.update({ positionMs: 2000, playing: true });
    setClock(10_990);
    timers.fireOnly();
    expect(fired).toEqual([
      [0, 2000],
      [2, 3000],
    ]);
    expect(timers.delays).toEqual([1000, 2000]);
    expect(timers.pending.size).toBe(1);
  });

  it("jumps to the line at the estimated position when a timer fires very late", () => {
    const { follower, timers, fired, setClock } = setUp();
    follower.update({ positionMs: 2000, playing: true });
    setClock(16_500);
    timers.fireOnly();
    expect(fired).toEqual([
      [0, 2000],
      [4, 8500],
    ]);
    expect(timers.pending.size).toBe(0);
  });
});

describe("LyricsFollower defaults", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("uses setTimeout and performance.now when nothing is injected", () => {
    vi.useFakeTimers();
    const indexes: number[] = [];
    const follower = new LyricsFollower({ onLine: ({ index }) => indexes.push(index) });
    follower.load(LINES);
    follower.update({ positionMs: 900, playing: true });
    vi.advanceTimersByTime(99);
    expect(indexes).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(indexes).toEqual([0]);
    follower.dispose();
    expect(vi.getTimerCount()).toBe(0);
  });
});
