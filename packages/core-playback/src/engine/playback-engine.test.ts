import { EventBus, type PlayerEventMap } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import { memoryReader } from "../test-support/signals.js";
import { PlaybackEngine, type PlaybackEngineOptions } from "./playback-engine.js";
import {
  type CountingFormatOptions,
  countingFormat,
  wavLookingBytes,
} from "./test-support/counting-format.js";
import { VirtualOutput } from "./test-support/virtual-output.js";

const RATE = 48_000;

function setUp(
  format: Partial<CountingFormatOptions> = {},
  engineOptions: Partial<PlaybackEngineOptions> = {},
) {
  const bus = new EventBus<PlayerEventMap>();
  const events: { name: string; data: unknown }[] = [];
  for (const name of [
    "playback:state",
    "playback:position",
    "playback:track-changed",
    "playback:error",
  ] as const)
    bus.on(name, (data) => events.push({ name, data }));
  const module = countingFormat({ totalFrames: 3 * RATE, sampleRate: RATE, ...format });
  const output = new VirtualOutput({ sampleRate: RATE, channels: 2 });
  const opened: string[] = [];
  const engine = new PlaybackEngine({
    bus,
    openTrack: async (trackId) => {
      opened.push(trackId);
      if (trackId === "not-audio")
        return memoryReader(new TextEncoder().encode("hello, not audio"));
      return memoryReader(wavLookingBytes());
    },
    createResampler: () => Promise.reject(new Error("no resampling expected")),
    bufferAheadSeconds: 1,
    loaders: { wav: async () => module },
    ...engineOptions,
  });
  engine.attachOutput(output);
  const states = () =>
    events
      .filter((event) => event.name === "playback:state")
      .map((event) => (event.data as { state: string }).state);
  /** Lets the session's background pump run. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  /** Plays `seconds` of audio in 10 ms steps, letting the pump refill between them. */
  const playFor = async (seconds: number) => {
    for (let step = 0; step < seconds * 100; step++) {
      output.advance(RATE / 100);
      await settle();
    }
  };
  return { bus, engine, events, output, module, opened, states, settle, playFor };
}

describe("PlaybackEngine", () => {
  it("plays every frame once, in order, then reports ended", async () => {
    const { engine, output, states, events, playFor } = setUp();
    await engine.play("t1");
    expect(output.bufferedFrames).toBeGreaterThan(0);
    await playFor(3.2);
    expect(output.played).toHaveLength(3 * RATE);
    expect(output.played.every((value, index) => value === index)).toBe(true);
    expect(states()).toEqual(["loading", "playing", "ended"]);
    expect(output.log.filter((line) => line.startsWith("end"))).toHaveLength(1);
    const changed = events.find((event) => event.name === "playback:track-changed");
    expect(changed?.data).toMatchObject({ trackId: "t1", codec: "counting", duration: 3 });
    expect(engine.status).toMatchObject({ state: "ended", position: 3 });
  });

  it("keeps about the configured audio queued ahead, no more", async () => {
    const { engine, output, playFor } = setUp({ totalFrames: 20 * RATE });
    await engine.play("t1");
    let most = 0;
    for (let second = 0; second < 5; second++) {
      await playFor(1);
      most = Math.max(most, output.bufferedFrames);
    }
    // One second ahead plus at most one decoded piece.
    expect(most).toBeGreaterThanOrEqual(RATE - 4800);
    expect(most).toBeLessThanOrEqual(RATE + 4800);
  });

  it("applies a new buffer-ahead to the playing track at the next refill", async () => {
    const { engine, output, playFor } = setUp({ totalFrames: 20 * RATE });
    await engine.play("t1");
    await playFor(2);
    engine.bufferAheadSeconds = 0.3;
    await playFor(1);
    let most = 0;
    for (let step = 0; step < 10; step++) {
      await playFor(0.1);
      most = Math.max(most, output.bufferedFrames);
    }
    expect(most).toBeLessThanOrEqual(0.3 * RATE + 4800);
  });

  it("seeks sample-exactly: the next frame played is the target", async () => {
    const { engine, output, events, playFor } = setUp({ totalFrames: 10 * RATE });
    await engine.play("t1");
    await playFor(0.5);
    await engine.seek(7.25);
    const before = output.played.length;
    await playFor(0.1);
    expect(output.played[before]).toBe(7.25 * RATE);
    expect(output.played.slice(before).every((value, index) => value === 7.25 * RATE + index)).toBe(
      true,
    );
    const positions = events
      .filter((event) => event.name === "playback:position")
      .map((event) => (event.data as { position: number }).position);
    expect(positions).toContain(7.25);
  });

  it("never runs the decode stream twice at once, even when the output reports position 0 after a seek", async () => {
    const { engine, output, module, playFor, settle } = setUp(
      { totalFrames: 10 * RATE },
      { bufferAheadSeconds: 4 },
    );
    await engine.play("t1");
    await playFor(2);
    for (const target of [0.25, 6, 1.5, 0.5]) {
      const before = output.played.length;
      // The output keeps reporting while the seek is under way, as a real one does.
      const seeking = engine.seek(target);
      for (let step = 0; step < 3; step++) {
        output.advance(RATE / 100);
        await settle();
      }
      await seeking;
      await playFor(0.2);
      expect(output.played[before]).toBe(target * RATE);
      expect(
        output.played.slice(before).every((value, index) => value === target * RATE + index),
      ).toBe(true);
    }
    expect(module.calls.reentered).toBe(0);
  });

  it("pause stops output and resume continues where it stopped", async () => {
    const { engine, output, states, playFor } = setUp();
    await engine.play("t1");
    await playFor(0.5);
    engine.pause();
    const atPause = output.played.length;
    await playFor(0.5);
    expect(output.played.length).toBe(atPause);
    engine.resume();
    await playFor(0.1);
    expect(output.played[atPause]).toBe(atPause);
    expect(states()).toEqual(["loading", "playing", "paused", "playing"]);
  });

  it("rejects bytes that are not audio with playback/unsupported-format and stays usable", async () => {
    const { engine, events, states, output, playFor } = setUp();
    await expect(engine.play("not-audio")).rejects.toMatchObject({
      code: "playback/unsupported-format",
    });
    expect(states()).toEqual(["loading", "error"]);
    const error = events.find((event) => event.name === "playback:error");
    expect(error?.data).toMatchObject({ trackId: "not-audio", fatal: true });
    await engine.play("t1");
    await playFor(0.2);
    expect(output.played[0]).toBe(0);
  });

  it("retries failed reads while queued audio lasts, without a gap", async () => {
    const { engine, output, events, module, playFor } = setUp({
      totalFrames: 4 * RATE,
      failingCalls: new Set([14, 15]),
    });
    await engine.play("t1");
    await playFor(0.5);
    for (let step = 0; step < 60; step++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      output.advance(RATE / 100);
    }
    await playFor(4);
    expect(events.some((event) => event.name === "playback:error")).toBe(false);
    // Both failures were retried by repositioning exactly where the last piece ended.
    expect(module.calls.seeks).toEqual([13 * 4800, 13 * 4800]);
    expect(output.played).toHaveLength(4 * RATE);
    expect(output.played.every((value, index) => value === index)).toBe(true);
  });

  it("fails with a retryable playback:error once reads keep failing and the queue is empty", async () => {
    const failing = new Set(Array.from({ length: 200 }, (_, index) => index + 3));
    const { engine, events, states, playFor, output } = setUp({ failingCalls: failing });
    await engine.play("t1");
    for (let step = 0; step < 400 && !states().includes("error"); step++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      output.advance(RATE / 10);
    }
    const error = events.find((event) => event.name === "playback:error")?.data as
      | { fatal: boolean; error: { code: string; retryable: boolean } }
      | undefined;
    expect(error?.fatal).toBe(true);
    expect(error?.error).toMatchObject({ code: "playback/source-failed", retryable: true });
    expect(states().at(-1)).toBe("error");
    await playFor(0.1);
  });

  it("a newer play() supersedes one still loading", async () => {
    const { engine, output, playFor } = setUp();
    const first = engine.play("t1");
    const second = engine.play("t2");
    await expect(first).rejects.toMatchObject({ code: "playback/superseded" });
    await second;
    await playFor(0.1);
    expect(engine.status.trackId).toBe("t2");
    expect(output.played[0]).toBe(0);
  });

  it("reports decoder issues as non-fatal playback:error and keeps playing", async () => {
    const { engine, events, output, playFor } = setUp({
      issuesAt: new Map([[48_000, { kind: "corrupt-data", message: "bad frame", frame: 48_000 }]]),
    });
    await engine.play("t1");
    await playFor(3.2);
    const warning = events.find((event) => event.name === "playback:error")?.data;
    expect(warning).toMatchObject({
      fatal: false,
      error: { code: "playback/corrupt-data", details: { frame: 48_000 } },
    });
    expect(output.played).toHaveLength(3 * RATE);
  });

  it("reuses one resampler across tracks at the same rate and frees it for a track that needs none", async () => {
    const made: { closed: boolean }[] = [];
    const createResampler = async () => {
      const state = { closed: false };
      made.push(state);
      return {
        process: (channels: Float32Array[]) => channels,
        flush: () => [],
        reset: () => {},
        close: () => {
          state.closed = true;
        },
      };
    };
    let trackRate = 44_100;
    const { engine } = setUp({ sampleRate: () => trackRate }, { createResampler });
    await engine.play("t1");
    await engine.play("t2");
    expect(made).toEqual([{ closed: false }]);
    trackRate = RATE;
    await engine.play("t3");
    expect(made).toEqual([{ closed: true }]);
    trackRate = 44_100;
    await engine.play("t4");
    await engine.dispose();
    expect(made).toEqual([{ closed: true }, { closed: true }]);
  });

  it("validates seek and volume arguments", async () => {
    const { engine, output } = setUp();
    await expect(engine.seek(1)).rejects.toMatchObject({ code: "playback/track-not-found" });
    await engine.play("t1");
    await expect(engine.seek(-1)).rejects.toMatchObject({ code: "runtime/invalid-argument" });
    expect(() => engine.setVolume(2)).toThrow(
      expect.objectContaining({ code: "runtime/invalid-argument" }),
    );
    engine.setVolume(0.5);
    expect(output.volume).toBe(0.5);
  });
});
