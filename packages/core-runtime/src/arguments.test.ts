import { describe, expect, it } from "vitest";
import { requireArrayBuffer, requireInteger, requireString } from "./arguments.js";
import { isPlayerError } from "./errors.js";

function messageOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isPlayerError(error) && error.code).toBe("runtime/invalid-argument");
    return (error as Error).message;
  }
  throw new Error("expected a rejection");
}

describe("argument checks", () => {
  it("pass valid values through unchanged", () => {
    expect(requireInteger(5, "count", 1, 10)).toBe(5);
    expect(requireString("id", "trackId")).toBe("id");
    const buffer = new ArrayBuffer(2);
    expect(requireArrayBuffer(buffer, "data")).toBe(buffer);
  });

  it("reject wrong types and ranges with the argument's name and what was given", () => {
    expect(messageOf(() => requireInteger("5", "count", 1, 10))).toBe(
      'Argument "count" must be an integer from 1 to 10, got the string "5"',
    );
    expect(messageOf(() => requireInteger(11, "count", 1, 10))).toContain("got number 11");
    expect(messageOf(() => requireInteger(1.5, "count", 1, 10))).toContain("got number 1.5");
    expect(messageOf(() => requireString("", "trackId"))).toContain(
      '"trackId" must be a non-empty string',
    );
    expect(messageOf(() => requireArrayBuffer(new Uint8Array(2), "data"))).toBe(
      'Argument "data" must be an ArrayBuffer, got a Uint8Array',
    );
  });
});
