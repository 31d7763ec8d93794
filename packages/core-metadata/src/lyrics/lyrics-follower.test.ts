import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LyricsLine } from "./lyrics.js";
import { LyricsFollower } from "./lyrics-follower.js";

const LINES: LyricsLine[] = [
  { timeMs: 1000, text: "one" },
  { timeMs: 3000, text: "two" },
  { timeMs: 3000, text: "two, sung together" },
  { timeMs: 5000, text: "" },
  { timeMs: 8000, text: "four" },
];

interface Fired {
  at: number;
  index: number;
  text: string;
  positionMs: number;
}

/** A follower on vitest's fake timers, recording each event with the fake clock's time. */
function followerWithLog(lines: LyricsLine[] = LINES) {
  const fired: Fired[] = [];
  const cleared: number[] = [];
  const follower = new LyricsFollower({
    now: () => Date.now(),
    onLine: ({ index, line, positionMs }) =>
      fired.push({ at: Date.now(), index, text: line.text, positionMs }),
    onBeforeFirstLine: ({ positionMs }) => cleared.push(positionMs),
  });
  follower.load(lines);
  return { follower, fired, cleared };
}

/** Plays from `fromMs` to `toMs` of the track, reporting the exact position every 250 ms. */
function playWithReports(follower: LyricsFollower, fromMs: number, toMs: number): void {
  const startedAt = Date.now();
  follower.update({ positionMs: fromMs, playing: true });
  for (let position = fromMs + 250; position <= toMs; position += 250) {
    vi.advanceTimersByTime(startedAt + (position - fromMs) - Date.now());
    follower.update({ positionMs: position, playing: true });
  }
}

describe("LyricsFollower on fake timers", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("fires each line at its exact time between reports, equal times once (the last)", () => {
    const { follower, fired } = followerWithLog();
    follower.update({ positionMs: 0, playing: true });
    vi.advanceTimersByTime(999);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(fired).toEqual([{ at: 1000, index: 0, text: "one", positionMs: 1000 }]);
    vi.advanceTimersByTime(9000);
    expect(fired).toEqual([
      { at: 1000, index: 0, text: "one", positionMs: 1000 },
      { at: 3000, index: 2, text: "two, sung together", positionMs: 3000 },
      { at: 5000, index: 3, text: "", positionMs: 5000 },
      { at: 8000, index: 4, text: "four", positionMs: 8000 },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fires on time with reports every 250 ms arriving off the line boundaries, no duplicates", () => {
    const { follower, fired } = followerWithLog();
    vi.setSystemTime(100);
    playWithReports(follower, 130, 9130);
    expect(fired.map(({ at, index }) => [at, index])).toEqual([
      [970, 0],
      [2970, 2],
      [4970, 3],
      [7970, 4],
    ]);
    expect(fired.map((event) => event.positionMs)).toEqual([1000, 3000, 5000, 8000]);
  });

  it("announces nothing before the first line", () => {
    const { follower, fired, cleared } = followerWithLog();
    playWithReports(follower, 0, 750);
    expect(fired).toEqual([]);
    expect(cleared).toEqual([]);
  });

  it("fires the line at the position at once on a seek forward past the next line", () => {
    const { follower, fired } = followerWithLog();
    follower.update({ positionMs: 1200, playing: true });
    vi.advanceTimersByTime(100);
    follower.update({ positionMs: 8500, playing: true });
    expect(fired).toEqual([
      { at: 0, index: 0, text: "one", positionMs: 1200 },
      { at: 100, index: 4, text: "four", positionMs: 8500 },
    ]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fires the earlier line at once on a seek back, then goes on from there", () => {
    const { follower, fired } = followerWithLog();
    follower.update({ positionMs: 6000, playing: true });
    vi.advanceTimersByTime(200);
    follower.update({ positionMs: 1500, playing: true });
    vi.advanceTimersByTime(1499);
    expect(fired.map(({ at, index }) => [at, index])).toEqual([
      [0, 3],
      [200, 0],
    ]);
    vi.advanceTimersByTime(1);
    expect(fired.at(-1)).toEqual({
      at: 1700,
      index: 2,
      text: "two, sung together",
      positionMs: 3000,
    });
  });

  it("re-times the next line after a seek within the current line, without an event", () => {
    const { follower, fired } = followerWithLog();
    follower.update({ positionMs: 1000, playing: true });
    follower.update({ positionMs: 2500, playing: true });
    vi.advanceTimersByTime(499);
    expect(fired.map((event) => event.index)).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(fired.map(({ at, index }) => [at, index])).toEqual([
      [0, 0],
      [500, 2],
    ]);
  });

  it("tells when a seek goes back before the first line, then fires it on time", () => {
    const { follower, fired, cleared } = followerWithLog();
    follower.update({ positionMs: 3500, playing: true });
    follower.update({ positionMs: 400, playing: true });
    expect(cleared).toEqual([400]);
    vi.advanceTimersByTime(600);
    expect(fired.map(({ at, index }) => [at, index])).toEqual([
      [0, 2],
      [600, 0],
    ]);
  });

  it("takes a report a few milliseconds behind the current line as jitter, not a seek", () => {
    const { follower, fired } = followerWithLog();
    follower.update({ positionMs: 2900, playing: true });
    vi.advanceTimersByTime(100);
    follower.update({ positionMs: 2985, playing: true });
    expect(fired.map((event) => event.index)).toEqual([0, 2]);
    // The next line is still timed from the report: 5000 - 2985 ms later.
    vi.advanceTimersByTime(2014);
    expect(fired.map((event) => event.index)).toEqual([0, 2]);
    vi.advanceTimersByTime(1);
    expect(fired.at(-1)).toMatchObject({ at: 2115, index: 3 });
    follower.update({ positionMs: 2900, playing: true });
    expect(fired.map((event) => event.index)).toEqual([0, 2, 3, 0]);
  });

  it("stops on pause and resumes from the reported position", () => {
    const { follower, fired } = followerWithLog();
    follower.update({ positionMs: 1500, playing: true });
    vi.advanceTimersByTime(250);
    follower.update({ positionMs: 1750, playing: false });
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(fired.map((event) => event.index)).toEqual([0]);
    follower.update({ positionMs: 1750, playing: true });
    vi.advanceTimersByTime(1249);
    expect(fired.map((event) => event.index)).toEqual([0]);
    vi.advanceTimersByTime(1);
    expect(fired.at(-1)).toEqual({
      at: 11_500,
      index: 2,
      text: "two, sung together",
      positionMs: 3000,
    });
  });

  it("announces a seek made while paused", () => {
    const { follower, fired } = followerWithLog();
    follower.update({ positionMs: 1500, playing: false });
    follower.update({ positionMs: 5200, playing: false });
    expect(fired.map((event) => event.index)).toEqual([0, 3]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("starts over on load: cancels the timer and announces the line of the new track", () => {
    const { follower, fired } = followerWithLog();
    follower.update({ positionMs: 1500, playing: true });
    follower.load([
      { timeMs: 0, text: "new one" },
      { timeMs: 2000, text: "new two" },
    ]);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(fired.map((event) => event.text)).toEqual(["one"]);
    follower.update({ positionMs: 1500, playing: true });
    vi.advanceTimersByTime(500);
    expect(fired.map(({ at, text }) => [at, text])).toEqual([
      [0, "one"],
      [5000, "new one"],
      [5500, "new two"],
    ]);
  });

  it("does nothing without lines, and after dispose", () => {
    const { follower, fired } = followerWithLog();
    follower.load(undefined);
    follower.update({ positionMs: 4000, playing: true });
    expect(vi.getTimerCount()).toBe(0);
    follower.load(LINES);
    follower.update({ positionMs: 1500, playing: true });
    follower.dispose();
    expect(vi.getTimerCount()).toBe(0);
    follower.load(LINES);
    follower.update({ positionMs: 8500, playing: true });
    vi.advanceTimersByTime(10_000);
    expect(fired.map((event) => event.index)).toEqual([0]);
  });

  it("keeps going when a listener throws", () => {
    const indexes: number[] = [];
    const follower = new LyricsFollower({
      now: () => Date.now(),
      onLine: ({ index }) => {
        indexes.push(index);
        if (index === 0) throw new Error("render failed");
      },
    });
    follower.load(LINES);
    expect(() => follower.update({ positionMs: 1000, playing: true })).toThrow("render failed");
    vi.advanceTimersByTime(2000);
    expect(indexes).toEqual([0, 2]);
  });

  it("sorts a copy of unsorted lines and leaves the caller's array alone", () => {
    const lines: LyricsLine[] = [
      { timeMs: 2000, text: "b" },
      { timeMs: 1000, text: "a" },
    ];
    const { follower, fired } = followerWithLog(lines);
    follower.update({ positionMs: 1500, playing: false });
    expect(fired).toEqual([{ at: 0, index: 0, text: "a", positionMs: 1500 }]);
    expect(lines.map((line) => line.text)).toEqual(["b", "a"]);
  });

  it("refuses positions and line times that are not finite numbers", () => {
    const { follower } = followerWithLog();
    expect(() => follower.update({ positionMs: Number.NaN, playing: true })).toThrow(
      expect.objectContaining({ code: "runtime/invalid-argument" }),
    );
    expect(() => follower.load([{ timeMs: Number.POSITIVE_INFINITY, text: "x" }])).toThrow(
      expect.objectContaining({ code: "runtime/invalid-argument" }),
    );
  });
});
