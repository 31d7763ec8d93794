import type { SinkReport } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import { PcmPlayer } from "./pcm-player.js";

/** A player at 48 kHz stereo whose reports are kept (copied: the player reuses its objects). */
function setup() {
  const reports: SinkReport[] = [];
  let frame = 0;
  const player = new PcmPlayer({
    sampleRate: 48_000,
    channels: 2,
    sharedMemory: false,
    currentTime: () => frame / 48_000,
    post: (report) => reports.push({ ...report }),
  });
  const outputs = [new Float32Array(128), new Float32Array(128)];
  /** Renders `quanta` render quanta; returns what left the player, per channel. */
  const render = (quanta: number) => {
    const left: number[] = [];
    const right: number[] = [];
    for (let q = 0; q < quanta; q++) {
      player.render(outputs);
      left.push(...(outputs[0] ?? []));
      right.push(...(outputs[1] ?? []));
      frame += 128;
    }
    return { left, right };
  };
  return { player, reports, render };
}

const constant = (length: number, value: number) => new Float32Array(length).fill(value);
/** `length` frames from `first`, moving by `step` a frame. */
const counting = (length: number, first: number, step: number) =>
  Float32Array.from({ length }, (_, i) => first + i * step);
/** The largest jump between neighbouring samples. */
const largestStep = (samples: readonly number[]) =>
  samples.reduce(
    (worst, value, i) => Math.max(worst, Math.abs(value - (samples[i - 1] ?? value))),
    0,
  );
/** The 5 ms ramp at 48 kHz moves the gain by 1/240 a frame. */
const RAMP = 240;

describe("PcmPlayer (the worklet's logic)", () => {
  it("fades in over 5 ms, copies mono to both channels, and reports started", () => {
    const { player, reports, render } = setup();
    player.handleCommand({
      type: "pcm",
      session: 1,
      startFrame: 500,
      channels: [constant(1024, 0.5)],
    });
    player.handleCommand({ type: "play" });
    const { left, right } = render(4);
    expect(left).toEqual(right);
    expect(left[0]).toBeCloseTo(0.5 / RAMP, 6);
    expect(left[RAMP - 2]).toBeLessThan(0.5);
    expect(left.slice(RAMP - 1)).toEqual(Array(512 - RAMP + 1).fill(0.5));
    expect(reports).toContainEqual({ type: "started", session: 1, position: 500 });
  });

  it("pauses to exact zeros after the 240-frame fade and reports where it stopped", () => {
    const { player, reports, render } = setup();
    player.handleCommand({
      type: "pcm",
      session: 1,
      startFrame: 0,
      channels: [constant(4800, 0.25)],
    });
    player.handleCommand({ type: "play" });
    render(10);
    player.handleCommand({ type: "pause" });
    const { left } = render(4);
    expect(left[RAMP - 1]).toBe(0);
    expect(left[RAMP - 2]).toBeGreaterThan(0);
    expect(left.slice(RAMP - 1).every((value) => value === 0)).toBe(true);
    // Sent from the quantum in which the fade ended (the second after the pause).
    expect(reports.at(-1)).toEqual({
      type: "progress",
      session: 1,
      position: 1280 + RAMP,
      bufferedFrames: 4800 - 1280 - RAMP,
      contextTime: 1408 / 48_000,
    });
  });

  it("ramps the volume and reports progress every 8 quanta while playing", () => {
    const { player, reports, render } = setup();
    player.handleCommand({
      type: "pcm",
      session: 1,
      startFrame: 0,
      channels: [constant(48_000, 1)],
    });
    player.handleCommand({ type: "play" });
    render(4);
    player.handleCommand({ type: "volume", value: 0.5 });
    const { left } = render(2);
    expect(left[RAMP / 2 - 1]).toBe(0.5);
    expect(left.slice(RAMP / 2)).toEqual(Array(256 - RAMP / 2).fill(0.5));
    render(18);
    const positions = reports.flatMap((r) => (r.type === "progress" ? [r.position] : []));
    expect(positions).toEqual([0, 1024, 2048]);
  });

  it("outputs exact zeros and reports one underrun when starved, then ended after end", () => {
    const { player, reports, render } = setup();
    player.handleCommand({ type: "pcm", session: 1, startFrame: 0, channels: [constant(300, 1)] });
    player.handleCommand({ type: "play" });
    const { left } = render(6);
    expect(left.slice(300).every((value) => value === 0)).toBe(true);
    expect(reports.filter((r) => r.type === "underrun")).toEqual([
      { type: "underrun", session: 1, position: 300 },
    ]);
    player.handleCommand({
      type: "pcm",
      session: 1,
      startFrame: 300,
      channels: [constant(100, 1)],
    });
    player.handleCommand({ type: "end", session: 1 });
    const after = render(3);
    expect(after.left.slice(0, 100)).toEqual(Array(100).fill(1));
    expect(after.left.slice(100).every((value) => value === 0)).toBe(true);
    expect(reports.filter((r) => r.type === "underrun")).toHaveLength(1);
    expect(reports.filter((r) => r.type === "ended")).toEqual([{ type: "ended", session: 1 }]);
  });

  it("fades the old session out over 5 ms on a flush, then starts the new one at its first frame", () => {
    const { player, reports, render } = setup();
    const old = counting(9600, 0.5, 1e-5);
    player.handleCommand({ type: "pcm", session: 1, startFrame: 0, channels: [old] });
    player.handleCommand({ type: "play" });
    const before = render(4).left;
    player.handleCommand({ type: "flush", session: 2 });
    // Late PCM of the old session is dropped; the new session's is kept for after the fade.
    player.handleCommand({ type: "pcm", session: 1, startFrame: 512, channels: [old] });
    const fresh = counting(1000, -0.5, -1e-5);
    player.handleCommand({ type: "pcm", session: 2, startFrame: 7, channels: [fresh] });
    const { left } = render(6);
    // The fade plays the old session on from frame 512, its gain falling 1/240 a frame to 0.
    for (let i = 0; i < RAMP; i++) {
      expect(left[i]).toBeCloseTo((old[512 + i] as number) * (1 - (i + 1) / RAMP), 6);
    }
    expect(left[RAMP - 1]).toBe(0);
    // Then the new session from its first frame, fading in.
    for (let i = 0; i < RAMP; i++) {
      expect(left[RAMP + i]).toBeCloseTo((fresh[i] as number) * ((i + 1) / RAMP), 6);
    }
    expect(left.slice(2 * RAMP - 1, 768)).toEqual(Array.from(fresh.subarray(RAMP - 1, 768 - RAMP)));
    // No click: from 0.5 down to 0 and on to -0.5, no step is larger than the ramp's.
    expect(largestStep([...before.slice(-1), ...left])).toBeLessThan(0.51 / RAMP + 1e-5);
    expect(reports).toContainEqual({ type: "started", session: 2, position: 7 });
    // Progress at quantum 8 (flushed at quantum 4) counts exactly the new session's frames played.
    expect(reports.at(-1)).toMatchObject({
      session: 2,
      position: 7 + (8 - 4) * 128 - RAMP,
      contextTime: (8 * 128) / 48_000,
    });
  });

  it("fades a flush from the last frame when the old session has nothing left, and at once when silent", () => {
    const { player, render } = setup();
    player.handleCommand({ type: "pcm", session: 1, startFrame: 0, channels: [constant(300, 1)] });
    player.handleCommand({ type: "play" });
    render(2);
    player.handleCommand({ type: "flush", session: 2 });
    player.handleCommand({ type: "pcm", session: 2, startFrame: 0, channels: [constant(900, 1)] });
    const { left } = render(4);
    // 44 frames were left; from the 45th on the last one is held, so the fade is a straight line to 0.
    for (let i = 0; i < RAMP; i++) expect(left[i]).toBeCloseTo(1 - (i + 1) / RAMP, 6);
    expect(left[2 * RAMP - 1]).toBe(1);

    // Paused (gain 0): nothing to fade, the new session is ready at once.
    player.handleCommand({ type: "pause" });
    render(3);
    player.handleCommand({ type: "flush", session: 3 });
    player.handleCommand({ type: "pcm", session: 3, startFrame: 0, channels: [constant(900, 1)] });
    player.handleCommand({ type: "play" });
    const resumed = render(1).left;
    expect(resumed[0]).toBeCloseTo(1 / RAMP, 6);
  });

  it("fades a session in from its first frame even when its PCM comes after the flush's fade", () => {
    const { player, reports, render } = setup();
    player.handleCommand({ type: "play" });
    render(2);
    player.handleCommand({ type: "pcm", session: 1, startFrame: 0, channels: [constant(2000, 1)] });
    const first = render(1).left;
    expect(first[0]).toBeCloseTo(1 / RAMP, 6);
    render(4);
    player.handleCommand({ type: "flush", session: 2 });
    const gap = render(3).left;
    expect(gap.slice(RAMP - 1).every((value) => value === 0)).toBe(true);
    player.handleCommand({ type: "pcm", session: 2, startFrame: 90, channels: [constant(900, 1)] });
    const { left } = render(3);
    expect(left[0]).toBeCloseTo(1 / RAMP, 6);
    expect(left[RAMP - 1]).toBe(1);
    expect(reports.filter((r) => r.type === "underrun")).toEqual([]);
    expect(reports).toContainEqual({ type: "started", session: 2, position: 90 });
  });

  it("ignores malformed commands", () => {
    const { player, reports, render } = setup();
    for (const bad of [
      null,
      3,
      { type: "pcm", session: -1, startFrame: 0, channels: [] },
      { type: "volume", value: "x" },
    ]) {
      player.handleCommand(bad);
    }
    player.handleCommand({ type: "pcm", session: 1, startFrame: 0, channels: [[1, 2, 3]] });
    player.handleCommand({
      type: "ring",
      control: new ArrayBuffer(8),
      channels: [],
      capacityFrames: 1000,
    });
    player.handleCommand({ type: "play" });
    const { left } = render(1);
    expect(left.every((value) => value === 0)).toBe(true);
    expect(reports.map((r) => r.type)).toEqual(["progress"]);
  });
});
