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
  const render = (quanta: number) => {
    const outputs = [new Float32Array(128), new Float32Array(128)];
    const left: number[] = [];
    for (let q = 0; q < quanta; q++) {
      player.render(outputs);
      left.push(...(outputs[0] ?? []));
    }
    return left;
  };
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

  it("transfers PCM (detaching the buffers) when the page is not isolated", async () => {
    const { channel, render } = connect(false);
    await channel.ready();
    expect(channel.transport).toBe("transfer");
    const shared = new Float32Array(600);
    shared.fill(0.5);
    // Two planes of one buffer: listed once in the transfer list.
    const planes = [shared.subarray(0, 300), shared.subarray(300)];
    channel.flush(3);
    expect(channel.send(3, 0, planes)).toBe(300);
    expect(shared.buffer.byteLength).toBe(0);
    channel.play();
    await delivered();
    expect(render(3).slice(240, 300)).toEqual(Array(60).fill(0.5));
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
