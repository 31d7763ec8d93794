import { describe, expect, it } from "vitest";
import { memoryReader, readStaircase } from "../../test-support/signals.js";
import { assertSaneMoov } from "./moov-guard.js";
import { box, concat, synthesizeMp4, u32 } from "./synthetic-mp4.js";
import { HEAD_PROBE_BYTES, readTopLevelBoxes } from "./top-level-boxes.js";

// The committed staircase as ffmpeg wrote it: ftyp 28, free 8, mdat 291041, then moov 4866.
const STAIRCASE_MOOV_START = 291_077;
const STAIRCASE_MOOV_SIZE = 4_866;

describe("readTopLevelBoxes", () => {
  it("finds a moov after mdat with three small reads, skipping mdat", async () => {
    const bytes = readStaircase("m4a");
    const reader = memoryReader(bytes);
    const found = await readTopLevelBoxes(reader);
    expect(found.boxes.map((b) => [b.type, b.start, b.size])).toEqual([
      ["ftyp", 0, 28],
      ["free", 28, 8],
      ["mdat", 36, 291_041],
      ["moov", STAIRCASE_MOOV_START, STAIRCASE_MOOV_SIZE],
    ]);
    expect(found.ftyp?.length).toBe(28);
    expect(found.moov.length).toBe(STAIRCASE_MOOV_SIZE);
    expect(reader.reads).toEqual([
      { start: 0, end: HEAD_PROBE_BYTES },
      { start: STAIRCASE_MOOV_START, end: STAIRCASE_MOOV_START + 16 },
      { start: STAIRCASE_MOOV_START, end: STAIRCASE_MOOV_START + STAIRCASE_MOOV_SIZE },
    ]);
    expect(reader.bytesRead).toBe(4096 + 16 + 4866);
    expect(reader.bytesRead / bytes.length).toBeLessThan(0.031);
  });

  it("reads a faststart file's moov from the first read when it fits", async () => {
    const file = synthesizeMp4({ samples: 200, layout: "moov-first" });
    expect(file.bytes.length).toBeGreaterThan(HEAD_PROBE_BYTES);
    const reader = memoryReader(file.bytes);
    const found = await readTopLevelBoxes(reader);
    expect(found.moovLocation.start).toBe(file.moovStart);
    expect(reader.reads).toEqual([{ start: 0, end: HEAD_PROBE_BYTES }]);
  });

  it("steps over an mdat with a 64-bit size", async () => {
    const file = synthesizeMp4({ samples: 200, sampleBytes: 100, largeMdat: true });
    const found = await readTopLevelBoxes(memoryReader(file.bytes));
    expect(found.boxes.find((b) => b.type === "mdat")).toMatchObject({
      headerSize: 16,
      size: 20_016,
    });
    expect(found.moovLocation.start).toBe(file.moovStart);
  });

  it("walks the same way when the reader does not know the file size", async () => {
    const file = synthesizeMp4({ samples: 200, sampleBytes: 100 });
    const found = await readTopLevelBoxes(memoryReader(file.bytes, { size: "unknown" }));
    expect(found.moovLocation.start).toBe(file.moovStart);
  });

  it("rejects a file with no moov as unsupported-format", async () => {
    const file = synthesizeMp4({ samples: 200, sampleBytes: 100 });
    const withoutMoov = file.bytes.subarray(0, file.moovStart);
    await expect(readTopLevelBoxes(memoryReader(withoutMoov))).rejects.toMatchObject({
      code: "playback/unsupported-format",
      message: expect.stringContaining("no index (moov box)"),
    });
  });

  it("rejects a moov cut off by truncation as unsupported-format", async () => {
    const file = synthesizeMp4({ samples: 200, sampleBytes: 100 });
    const cut = file.bytes.subarray(0, file.moovStart + 100);
    await expect(readTopLevelBoxes(memoryReader(cut))).rejects.toMatchObject({
      code: "playback/unsupported-format",
      message: expect.stringContaining("truncated"),
    });
    await expect(readTopLevelBoxes(memoryReader(cut, { size: "unknown" }))).rejects.toMatchObject({
      code: "playback/unsupported-format",
    });
  });

  it("rejects bytes that are not boxes, and box sizes no file has", async () => {
    await expect(
      readTopLevelBoxes(memoryReader(new Uint8Array(64).fill(0xff))),
    ).rejects.toMatchObject({
      code: "playback/unsupported-format",
    });
    const tinyBox = concat(box("ftyp", u32(0)), u32(4), new Uint8Array([0x66, 0x72, 0x65, 0x65]));
    await expect(readTopLevelBoxes(memoryReader(tinyBox))).rejects.toMatchObject({
      code: "playback/decode-failed",
    });
    const hugeMoov = concat(
      box("ftyp", u32(0)),
      u32(0xffff_fff0),
      new Uint8Array([0x6d, 0x6f, 0x6f, 0x76]),
    );
    await expect(
      readTopLevelBoxes(memoryReader(hugeMoov, { size: "unknown" })),
    ).rejects.toMatchObject({
      code: "playback/decode-failed",
      message: expect.stringContaining("moov box of 4294967280 bytes"),
    });
  });

  it("stops after 1024 top-level boxes of an endless chain of empty ones", async () => {
    const free = box("free");
    const chain = concat(box("ftyp", u32(0)), ...Array.from({ length: 2000 }, () => free));
    const reader = memoryReader(chain);
    await expect(readTopLevelBoxes(reader)).rejects.toMatchObject({
      code: "playback/unsupported-format",
    });
    expect(reader.reads.length).toBeLessThanOrEqual(1024);
  });
});

describe("assertSaneMoov", () => {
  const moovOf = (file: Uint8Array, start: number, size: number) => file.slice(start, start + size);

  it("accepts the staircase's moov", () => {
    const bytes = readStaircase("m4a");
    expect(() =>
      assertSaneMoov(moovOf(bytes, STAIRCASE_MOOV_START, STAIRCASE_MOOV_SIZE)),
    ).not.toThrow();
  });

  it("rejects a constant-size stsz claiming billions of samples before mp4box loops over them", () => {
    const file = synthesizeMp4({ samples: 4 });
    const moov = moovOf(file.bytes, file.moovStart, file.moovSize);
    const stsz = boxStart(moov, "stsz");
    const view = new DataView(moov.buffer);
    view.setUint32(stsz + 12, 1024); // sample_size: constant
    view.setUint32(stsz + 16, 0xffff_ffff); // sample_count
    expect(() => assertSaneMoov(moov)).toThrow(/4294967295 samples in one track/);
  });

  it("rejects a chunk offset table claiming more entries than it holds", () => {
    const file = synthesizeMp4({ samples: 4 });
    const moov = moovOf(file.bytes, file.moovStart, file.moovSize);
    new DataView(moov.buffer).setUint32(boxStart(moov, "stco") + 12, 1_000_000);
    expect(() => assertSaneMoov(moov)).toThrow(/stco box claims 1000000 entries/);
  });

  it("rejects a child box running past its parent", () => {
    const file = synthesizeMp4({ samples: 4 });
    const moov = moovOf(file.bytes, file.moovStart, file.moovSize);
    new DataView(moov.buffer).setUint32(boxStart(moov, "trak"), 0x7fff_0000);
    expect(() => assertSaneMoov(moov)).toThrow(/trak box at \d+ in moov claims/);
  });
});

/** Offset of the first box of `type`: its size field, then its type. */
function boxStart(bytes: Uint8Array, type: string): number {
  const text = new TextDecoder("latin1").decode(bytes);
  const index = text.indexOf(type);
  if (index < 0) throw new Error(`no ${type} box`);
  return index - 4;
}
