import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { crc32, oggCrc32 } from "./crc32.js";
import { findToneBankDirectory } from "./tone-bank.js";

const CHECK_INPUT = new TextEncoder().encode("123456789");

describe("crc32", () => {
  it("gives the standard check value", () => {
    expect(crc32(CHECK_INPUT)).toBe(0xcbf43926);
  });

  it("is 0 for no bytes", () => {
    expect(crc32(new Uint8Array(0))).toBe(0);
  });
});

describe("oggCrc32", () => {
  it("gives the check value of CRC-32/POSIX without its final XOR", () => {
    // CRC-32/POSIX (same polynomial, MSB first, init 0) checks to 0x765e7680
    // after XOR with 0xffffffff; Ogg skips that XOR.
    expect(oggCrc32(CHECK_INPUT)).toBe((0x765e7680 ^ 0xffffffff) >>> 0);
  });

  it("reproduces the checksum libogg wrote on a real page", () => {
    const file = readFileSync(join(findToneBankDirectory(), "ogg-vorbis", "0.ogg"));
    const page = new Uint8Array(file.subarray(0, 58)); // the identification page: 28 + 30 bytes
    const stored = new DataView(page.buffer).getUint32(22, true);
    page.fill(0, 22, 26);
    expect(oggCrc32(page)).toBe(stored);
  });
});
