import { describe, expect, it } from "vitest";
import { computeBackoffDelay, DEFAULT_BACKOFF } from "./backoff.js";

const delays = (count: number, random: () => number, backoff = DEFAULT_BACKOFF) =>
  Array.from({ length: count }, (_, retry) => computeBackoffDelay(retry, backoff, random));

describe("computeBackoffDelay", () => {
  it("doubles from baseMs up to maxMs with random at 1", () => {
    expect(delays(8, () => 1)).toEqual([250, 500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it("scales the whole window by the jitter (full jitter)", () => {
    expect(delays(4, () => 0.5)).toEqual([125, 250, 500, 1000]);
    expect(delays(3, () => 0)).toEqual([0, 0, 0]);
  });

  it("honours a custom base and cap", () => {
    expect(delays(4, () => 1, { baseMs: 1000, maxMs: 3000 })).toEqual([1000, 2000, 3000, 3000]);
  });

  it("clamps a random source that leaves [0, 1]", () => {
    expect(computeBackoffDelay(0, DEFAULT_BACKOFF, () => 7)).toBe(250);
    expect(computeBackoffDelay(0, DEFAULT_BACKOFF, () => -1)).toBe(0);
  });

  it("keeps the defaults frozen", () => {
    expect(Object.isFrozen(DEFAULT_BACKOFF)).toBe(true);
  });
});
