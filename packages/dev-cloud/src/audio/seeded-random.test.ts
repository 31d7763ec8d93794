import { describe, expect, it } from "vitest";
import { createSeededRandom, hashString } from "./seeded-random.js";

describe("hashString", () => {
  it("is FNV-1a", () => {
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
  });
});

describe("createSeededRandom", () => {
  it("repeats its sequence for the same seed", () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(first.every((n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32)).toBe(true);
  });

  it("gives another sequence for another seed", () => {
    expect(createSeededRandom(1)()).not.toBe(createSeededRandom(2)());
  });
});
