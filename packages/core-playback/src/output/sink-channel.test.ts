import type { SinkReport } from "@player/core-runtime";
import { afterEach, describe, expect, it } from "vitest";
// The worklet's logic from main-bridge plays the other end of the channel.
import { PcmPlayer } from "../../../main-bridge/src/audio/pcm-player.js";
import { SinkChannel } from "./sink-channel.js";

const opened: MessagePort[] = [];
afterEach(() => {
  for (const port of opened.splice(0)) port.close();
});

/** A SinkChannel wired to a PcmPlayer (48 kHz stereo) over a real MessageChannel. */
function connect(
  sharedMemory: boolean,
  options: ConstructorParameters<typeof SinkChannel>[1] = {},
) {
  const { port1, port2 } = new MessageChannel();
  opened.push(port1, port2);
  const player = new PcmPlayer({
    sampleRate: 48_000,
    channels: 2,
    sharedMemory,
    currentTime: () => 0,
    post: (report) => port1.postMessage(report),
  });
  port1.addEventListener("message", (event) => player.handleCommand(event.data));
  port1.start();
  player.hello();
  const channel = new SinkChannel(port2, options);
  const reports: SinkReport[] = [];
  channel.onReport((report) => reports.push(report));
  const outputs = [new Float32Array(128), new Float32Array(128)];
  /** Renders `quanta` quanta; returns both channels. */
  const stereo = (quanta: number) => {
    const lefts: number[] = [];
    const rights: number[] = [];
    for (let q = 0; q < quanta; q++) {
      player.render(outputs);
      lefts.push(...(outputs[0] ?? []));
      rights.push(...(outputs[1] ?? []));
    }
    return { lefts, rights };
  };
  /** Renders `quanta` quanta; returns the left channel. */
  const render = Object.assign((quanta: number) => stereo(quanta).lefts, { stereo });
  return { channel, reports, render };
}

const delivered = () => new Promise((resolve) => setTimeout(resolve, 20));
const counting = (from: number, length: number) =>
  Float32Array.from({ length }, (_, i) => (from + i) / 1e5);

describe("SinkChannel", () => {
  it("takes the ring when the sink allows shared memory, accepts what fits, and the sink plays it in order", async () => {
    const { channel, reports, render } = connect(true, { ringCapacityFrames: 1024 });
    expect(await channel.ready()).toEqual({
      type: "hello",
      sampleRate: 48_000,
      channels: 2,
      sharedMemory: true,
    });
    expect(channel.transport).toBe("ring");
    channel.flush(1);
    expect(channel.send(1, 0, [counting(0, 1500)])).toBe(1024);
    expect(channel.send(1, 1024, [counting(1024, 476)])).toBe(0);
    channel.play();
    await delivered();
    const first = render(4);
    expect(channel.send(1, 1024, [counting(1024, 476)])).toBe(476);
    await delivered();
    const rest = render(8);
    // After the 240-frame fade-in, every frame comes out once and in order.
    const played = [...first, ...rest].slice(240, 1500);
    expect(played).toEqual(Array.from(counting(240, 1260)));
    expect(reports).toContainEqual({ type: "started", session: 1, position: 0 });
  });

  it("never plays a new session's frames under the old one when the ring's flush overtakes its message", async () => {
    const { channel, reports, render } = connect(true, { ringCapacityFrames: 4096 });
    await channel.ready();
    channel.flush(1);
    // 600 frames: 88 are left in the ring at the flush, so new frames follow closely behind.
    const old = counting(0, 600);
    channel.send(1, 0, [old]);
    channel.play();
    await delivered();
    const before = render(4);

    // A seek: flush, then the new session's frames go into the ring at once. Rendering now, in
    // this same task, runs before the flush and segment messages can reach the sink.
    channel.flush(2);
    const fresh = counting(50_000, 1000).map((value) => -value);
    expect(channel.send(2, 48_000, [fresh])).toBe(1000);
    const during = render(4);
    // The old session fades out over 240 frames from its last 88 (the last one held), then
    // silence: not one new frame is played under the old session.
    for (let i = 0; i < 240; i++) {
      const source = old[Math.min(512 + i, 599)] as number;
      expect(during[i]).toBeCloseTo(source * (1 - (i + 1) / 240), 7);
    }
    expect(during.slice(239).every((value) => value === 0)).toBe(true);
    await delivered();
    expect(reports.some((r) => r.type === "started" && r.session === 2)).toBe(false);

    const after = render(4);
    // Once the messages are in, the new session plays from its first frame, fading in.
    for (let i = 0; i < 240; i++) {
      expect(after[i]).toBeCloseTo((fresh[i] as number) * ((i + 1) / 240), 7);
    }
    expect(after.slice(239)).toEqual(Array.from(fresh.subarray(239, 512)));
    await delivered();
    expect(reports).toContainEqual({ type: "started", session: 2, position: 48_000 });
    const jumps = [...before.slice(-1), ...during.slice(0, 240)].map((value, i, all) =>
      Math.abs(value - (all[i - 1] ?? value)),
    );
    expect(Math.max(...jumps)).toBeLessThan(0.0075 / 240 + 1e-5);
  });

  it("in ring mode starts a newer session sent without a flush, and drops PCM of older ones", async () => {
    const { channel, reports, render } = connect(true, { ringCapacityFrames: 1024 });
    await channel.ready();
    channel.flush(4);
    channel.flush(3);
    expect(channel.send(2, 0, [counting(0, 500)])).toBe(500);
    expect(channel.send(5, 100, [counting(100, 300)])).toBe(300);
    channel.play();
    await delivered();
    const played = render(4);
    expect(played.slice(240, 300)).toEqual(Array.from(counting(340, 60)));
    await delivered();
    expect(reports).toContainEqual({ type: "started", session: 5, position: 100 });
    expect(reports.some((r) => r.type === "started" && r.session !== 5)).toBe(false);
  });

  it("transfers whole-buffer arrays (detached, zero copy) when the page is not isolated", async () => {
    const { channel, render } = connect(false);
    await channel.ready();
    expect(channel.transport).toBe("transfer");
    const left = new Float32Array(300).fill(0.5);
    const right = new Float32Array(300).fill(0.25);
    channel.flush(3);
    expect(channel.send(3, 0, [left, right])).toBe(300);
    expect(left.buffer.byteLength).toBe(0);
    expect(right.buffer.byteLength).toBe(0);
    channel.play();
    await delivered();
    const { lefts, rights } = render.stereo(3);
    expect(lefts.slice(240, 300)).toEqual(Array(60).fill(0.5));
    expect(rights.slice(240, 300)).toEqual(Array(60).fill(0.25));
  });

  it("copies a view on part of a larger buffer (a decoder's heap) instead of detaching it", async () => {
    const { channel, render } = connect(false);
    await channel.ready();
    const heap = new Float32Array(4096);
    heap.fill(0.125);
    const view = heap.subarray(1000, 1300).fill(0.75);
    channel.flush(1);
    expect(channel.send(1, 0, [view])).toBe(300);
    // The heap keeps working: not detached, its contents untouched, writable.
    expect(heap.buffer.byteLength).toBe(4096 * 4);
    expect(view[0]).toBe(0.75);
    expect(heap[999]).toBe(0.125);
    heap.fill(-1);
    channel.play();
    await delivered();
    const { lefts, rights } = render.stereo(3);
    expect(lefts.slice(240, 300)).toEqual(Array(60).fill(0.75));
    expect(rights.slice(240, 300)).toEqual(Array(60).fill(0.75));
  });

  it("copies channels that share one buffer, each playing its own plane", async () => {
    const { channel, render } = connect(false);
    await channel.ready();
    const block = new Float32Array(600);
    block.fill(0.5, 0, 300).fill(-0.5, 300);
    const planes = [block.subarray(0, 300), block.subarray(300)];
    const whole = new Float32Array(300).fill(0.25);
    channel.flush(1);
    expect(channel.send(1, 0, planes)).toBe(300);
    expect(block.buffer.byteLength).toBe(600 * 4);
    // The same whole array twice is shared too: copied, not transferred.
    expect(channel.send(1, 300, [whole, whole])).toBe(300);
    expect(whole.buffer.byteLength).toBe(300 * 4);
    channel.play();
    await delivered();
    const { lefts, rights } = render.stereo(5);
    expect(lefts.slice(240, 300)).toEqual(Array(60).fill(0.5));
    expect(rights.slice(240, 300)).toEqual(Array(60).fill(-0.5));
    expect(lefts.slice(300, 600)).toEqual(Array(300).fill(0.25));
    expect(rights.slice(300, 600)).toEqual(Array(300).fill(0.25));
  });

  it("rejects bad input and calls before hello with playback/output-failed", async () => {
    const { channel } = connect(false);
    const code = { code: "playback/output-failed" };
    expect(() => channel.send(1, 0, [new Float32Array(4)])).toThrow(expect.objectContaining(code));
    await channel.ready();
    expect(() => channel.send(1, 0, [new Float32Array(4), new Float32Array(5)])).toThrow(
      expect.objectContaining(code),
    );
    expect(() => channel.send(1, -1, [new Float32Array(4)])).toThrow(expect.objectContaining(code));
    expect(() => channel.setVolume(Number.NaN)).toThrow(expect.objectContaining(code));
    expect(() => channel.flush(1.5)).toThrow(expect.objectContaining(code));
  });

  it("fails ready() when the sink never says hello", async () => {
    const { port2 } = new MessageChannel();
    opened.push(port2);
    const channel = new SinkChannel(port2, { helloTimeoutMs: 30 });
    await expect(channel.ready()).rejects.toMatchObject({
      code: "playback/output-failed",
      fatal: true,
    });
  });

  it("fails ready() when the ring is demanded but the sink has no shared memory", async () => {
    const { channel } = connect(false, { transport: "ring" });
    await expect(channel.ready()).rejects.toMatchObject({ code: "playback/output-failed" });
  });
});
