import { describe, expect, it, vi } from "vitest";
import { createResampler } from "./resampler.js";

const loads = vi.hoisted(() => ({ count: 0 }));

// Records whether the converter's code is ever loaded.
vi.mock("@alexanderolsen/libsamplerate-js", () => {
  loads.count++;
  throw new Error("the converter must not be loaded");
});

describe("createResampler with equal rates", () => {
  it("passes the input through without loading the converter", async () => {
    const resampler = await createResampler({ channels: 2, inputRate: 48_000, outputRate: 48_000 });
    const left = new Float32Array([0.1, 0.2, 0.3]);
    const right = new Float32Array([-0.1, -0.2, -0.3]);
    const [outLeft, outRight] = resampler.process([left, right]);
    expect(outLeft).toBe(left);
    expect(outRight).toBe(right);
    expect(resampler.flush().map((channel) => channel.length)).toEqual([0, 0]);
    resampler.reset();
    resampler.close();
    expect(() => resampler.process([left, right])).toThrow(
      expect.objectContaining({ code: "runtime/disposed" }),
    );
    expect(loads.count).toBe(0);
  });

  it("does load it, lazily, when the rates differ", async () => {
    await expect(
      createResampler({ channels: 2, inputRate: 44_100, outputRate: 48_000 }),
    ).rejects.toMatchObject({ code: "playback/output-failed", retryable: true });
    expect(loads.count).toBe(1);
  });
});
