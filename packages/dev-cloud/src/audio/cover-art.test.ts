import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readLatin1, readU32be } from "./byte-writer.js";
import { renderCoverArt } from "./cover-art.js";
import { crc32 } from "./crc32.js";

interface PngChunk {
  type: string;
  data: Uint8Array;
  crcOk: boolean;
}

function readPng(png: Uint8Array): PngChunk[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks: PngChunk[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = readU32be(png, offset);
    const typeAndData = png.subarray(offset + 4, offset + 8 + length);
    chunks.push({
      type: readLatin1(png, offset + 4, 4),
      data: png.subarray(offset + 8, offset + 8 + length),
      crcOk: crc32(typeAndData) === readU32be(png, offset + 8 + length),
    });
    offset += 12 + length;
  }
  return chunks;
}

describe("renderCoverArt", () => {
  it.each([250, 500, 1200])("renders a valid %i px palette PNG", (size) => {
    const chunks = readPng(renderCoverArt("Kind of Blue", size));
    expect(chunks.map((c) => c.type)).toEqual(["IHDR", "PLTE", "IDAT", "IEND"]);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    const header = chunks[0]?.data ?? new Uint8Array(0);
    expect([readU32be(header, 0), readU32be(header, 4), header[8], header[9]]).toEqual([
      size,
      size,
      8,
      3,
    ]);
    const pixels = inflateSync(chunks[2]?.data ?? new Uint8Array(0));
    expect(pixels.length).toBe((size + 1) * size);
    const paletteSize = (chunks[1]?.data.length ?? 0) / 3;
    expect(pixels.reduce((max, value) => Math.max(max, value), 0)).toBeLessThan(paletteSize);
  });

  it("stays small enough to embed", () => {
    expect(renderCoverArt("Kind of Blue", 250).length).toBeLessThan(8_000);
  });

  it("is the same for the same key and differs between keys", () => {
    const a = renderCoverArt("Kind of Blue", 250);
    expect(Buffer.from(renderCoverArt("Kind of Blue", 250))).toEqual(Buffer.from(a));
    const paletteOf = (png: Uint8Array): Buffer =>
      Buffer.from(readPng(png).find((c) => c.type === "PLTE")?.data ?? []);
    expect(paletteOf(renderCoverArt("Blue Train", 250))).not.toEqual(paletteOf(a));
  });

  it("draws more than a flat fill", () => {
    const chunks = readPng(renderCoverArt("Giant Steps", 250));
    const pixels = inflateSync(chunks[2]?.data ?? new Uint8Array(0));
    expect(new Set(pixels.filter((_, i) => i % 251 !== 0)).size).toBeGreaterThanOrEqual(3);
  });

  it.each([0, 15, 4097, 250.5])("rejects size %s", (size) => {
    expect(() => renderCoverArt("x", size)).toThrow(RangeError);
  });
});
