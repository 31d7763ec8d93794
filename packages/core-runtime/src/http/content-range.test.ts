import { describe, expect, it } from "vitest";
import { parseContentRange } from "./content-range.js";

describe("parseContentRange", () => {
  it("reads a satisfied range with and without a known size", () => {
    expect(parseContentRange("bytes 0-499/1234")).toEqual({
      kind: "range",
      start: 0,
      end: 499,
      totalSize: 1234,
    });
    expect(parseContentRange("bytes 10-19/*")).toEqual({
      kind: "range",
      start: 10,
      end: 19,
      totalSize: undefined,
    });
    expect(parseContentRange("Bytes  5-5/6")).toEqual({
      kind: "range",
      start: 5,
      end: 5,
      totalSize: 6,
    });
  });

  it("reads the unsatisfied form sent with a 416", () => {
    expect(parseContentRange("bytes */1234")).toEqual({ kind: "unsatisfied", totalSize: 1234 });
    expect(parseContentRange("bytes */0")).toEqual({ kind: "unsatisfied", totalSize: 0 });
  });

  it("rejects absent, foreign and inconsistent values", () => {
    expect(parseContentRange(null)).toBeUndefined();
    expect(parseContentRange("")).toBeUndefined();
    expect(parseContentRange("items 0-4/10")).toBeUndefined();
    expect(parseContentRange("bytes 5-4/10")).toBeUndefined();
    expect(parseContentRange("bytes 0-10/10")).toBeUndefined();
    expect(parseContentRange("bytes */*")).toBeUndefined();
    expect(parseContentRange("bytes 0-/10")).toBeUndefined();
    expect(parseContentRange("bytes 0-99999999999999999999/*")).toBeUndefined();
  });
});
