import { describe, expect, it } from "vitest";
import { ResamplerPool } from "./resampler-pool.js";
import type { StreamResampler } from "./stream-resampler.js";

function countingFactory() {
  const made: { resets: number; closed: boolean }[] = [];
  const create = async () => {
    const state = { resets: 0, closed: false };
    made.push(state);
    const resampler: StreamResampler = {
      process: (channels) => channels,
      flush: () => [],
      reset: () => {
        state.resets++;
      },
      close: () => {
        state.closed = true;
      },
    };
    return resampler;
  };
  return { made, create };
}

const SPEC = { channels: 2, inputRate: 44_100, outputRate: 48_000 };

describe("ResamplerPool", () => {
  it("reuses the last resampler for the same rates, reset, and makes a new one for others", async () => {
    const { made, create } = countingFactory();
    const pool = new ResamplerPool(create);
    const first = await pool.take(SPEC);
    first.close();
    first.close(); // a second close gives nothing back twice
    const second = await pool.take(SPEC);
    expect(made).toHaveLength(1);
    expect(made[0]).toEqual({ resets: 1, closed: false });
    second.close();
    const other = await pool.take({ ...SPEC, inputRate: 32_000 });
    expect(made).toHaveLength(2);
    other.close();
    // Only one idle resampler is kept: the 44.1 kHz one was closed for the 32 kHz one.
    expect(made[0]?.closed).toBe(true);
    pool.clear();
    expect(made[1]?.closed).toBe(true);
  });

  it("never hands one resampler to two users at once", async () => {
    const { made, create } = countingFactory();
    const pool = new ResamplerPool(create);
    const first = await pool.take(SPEC);
    const second = await pool.take(SPEC);
    expect(made).toHaveLength(2);
    first.close();
    second.close();
    expect(made[0]?.closed).toBe(true);
    expect(made[1]?.closed).toBe(false);
  });
});
