import { EventBus, type PlaybackLyricsLineData } from "@player/core-runtime";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Lyrics } from "../lyrics/lyrics.js";
import { LyricsAnnouncer } from "./lyrics-announcer.js";

const LYRICS: Lyrics = {
  synced: true,
  source: "sidecar",
  lines: [0, 500, 1000, 1500].map((timeMs) => ({ timeMs, text: `line at ${timeMs}` })),
};

// The fake clock moves with the fake timers, so a timer fires when the clock says it should.
const now = () => Date.now();
beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(0);
});
afterEach(() => vi.useRealTimers());

async function setUp() {
  const bus = new EventBus();
  const lines: PlaybackLyricsLineData[] = [];
  bus.on("playback:lyrics-line", (data) => lines.push(data));
  const announcer = new LyricsAnnouncer({
    bus,
    lyricsFor: async (key) => (key === "none" ? undefined : LYRICS),
    now,
    follower: { now },
  });
  return { bus, lines, announcer };
}

const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);

function start(bus: EventBus, trackId: string) {
  bus.emit("playback:state", { state: "loading", trackId });
  bus.emit("playback:track-changed", {
    trackId,
    codec: "PCM",
    sampleRate: 48000,
    channels: 2,
    duration: 8,
  });
  bus.emit("playback:state", { state: "playing", trackId });
  bus.emit("playback:position", { trackId, position: 0, duration: 8, buffered: 4 });
}

describe("LyricsAnnouncer", () => {
  it("announces each line on time between position reports", async () => {
    const { bus, lines } = await setUp();
    start(bus, "a");
    await elapse(0);
    await elapse(250);
    bus.emit("playback:position", { trackId: "a", position: 0.25, duration: 8, buffered: 4 });
    await elapse(800);
    expect(lines.map(({ trackId, index, line }) => [trackId, index, line.timeMs])).toEqual([
      ["a", 0, 0],
      ["a", 1, 500],
      ["a", 2, 1000],
    ]);
    expect(lines[1]?.position).toBeCloseTo(0.5, 3);
  });

  it("announces nothing of a stopped track when the next one starts", async () => {
    const { bus, lines } = await setUp();
    start(bus, "a");
    await elapse(0);
    await elapse(255);
    bus.emit("playback:position", { trackId: "a", position: 0.255, duration: 8, buffered: 4 });
    await elapse(300); // the timer announces line 1 at 0.5 s
    bus.emit("playback:state", { state: "idle" });
    await elapse(100);
    start(bus, "b");
    await elapse(0);
    await elapse(600);
    expect(lines.map(({ trackId, index }) => `${trackId}${index}`)).toEqual([
      "a0",
      "a1",
      "b0",
      "b1",
    ]);
  });

  it("is silent while paused and for tracks without synced lyrics", async () => {
    const { bus, lines } = await setUp();
    start(bus, "a");
    await elapse(0);
    await elapse(600);
    bus.emit("playback:state", { state: "paused", trackId: "a" });
    await elapse(2000);
    expect(lines.map(({ index }) => index)).toEqual([0, 1]);
    bus.emit("playback:state", { state: "playing", trackId: "a" });
    await elapse(450);
    expect(lines.map(({ index }) => index)).toEqual([0, 1, 2]);
    start(bus, "none");
    await elapse(3000);
    expect(lines).toHaveLength(3);
  });
});
