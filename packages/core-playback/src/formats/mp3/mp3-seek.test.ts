import { beforeAll, describe, expect, it } from "vitest";
import type { DecodeStream } from "../../decoding/decode-contract.js";
import { collectPcm } from "../../test-support/decoded-audio.js";
import { memoryReader, readStaircase, seekErrorFrames } from "../../test-support/signals.js";
import { createMp3Module, mp3Module } from "./index.js";

const RATE = 44_100;
/** Just before 1 s, 7 s, 15.5 s and 23 s, then back to 2 s: each window spans a tone step or a period change. */
const TARGETS = [RATE - 100, 7 * RATE - 37, 15.5 * RATE - 300, 23 * RATE - 1000, 2 * RATE - 5];
const WINDOW = 4096;

interface SeekMeasure {
  target: number;
  startFrame: number;
  error: number;
  maxDifference: number;
}

async function measureSeek(
  stream: DecodeStream,
  reference: Float32Array,
  target: number,
): Promise<SeekMeasure> {
  await stream.seek(target);
  const after = await collectPcm(stream, WINDOW);
  const left = (after.channels[0] ?? new Float32Array(0)).subarray(0, WINDOW);
  let maxDifference = 0;
  for (let i = 0; i < left.length; i++) {
    maxDifference = Math.max(
      maxDifference,
      Math.abs((left[i] ?? 0) - (reference[target + i] ?? 0)),
    );
  }
  const error = seekErrorFrames(reference, left, target, { window: WINDOW, maxLag: 8192 });
  return { target, startFrame: after.startFrame, error, maxDifference };
}

describe.each(["mp3-vbr", "mp3-cbr"] as const)("seeking in the %s staircase", (fixture) => {
  let bytes: Uint8Array;
  let reference: Float32Array;
  beforeAll(async () => {
    bytes = readStaircase(fixture);
    const whole = await mp3Module.open(memoryReader(bytes));
    reference = (await collectPcm(whole)).channels[0] ?? new Float32Array(0);
    whole.close();
  });

  it("lands sample-exactly at every target (index, constant-bitrate arithmetic or header scan)", async () => {
    const stream = await mp3Module.open(memoryReader(bytes));
    const measures: SeekMeasure[] = [];
    for (const target of TARGETS) measures.push(await measureSeek(stream, reference, target));
    stream.close();
    for (const measure of measures) {
      expect(measure.startFrame).toBe(measure.target);
      expect(measure.error).toBe(0);
      // Pre-roll settles the bit reservoir and filters: same samples as the whole decode.
      expect(measure.maxDifference).toBeLessThan(1e-5);
    }
  });

  it("reads only about a chunk for a seek far past what was read", async () => {
    const reader = memoryReader(bytes);
    const stream = await createMp3Module({ forwardScanLimitBytes: 0 }).open(reader, {
      firstChunkBytes: 4096,
      chunkBytes: 16_384,
    });
    const before = reader.bytesRead;
    const measure = await measureSeek(stream, reference, 23 * RATE - 1000);
    stream.close();
    const readForSeek = reader.bytesRead - before;
    expect(readForSeek).toBeLessThanOrEqual(2 * 16_384);
    expect(reader.reads.at(-1)?.start ?? 0).toBeGreaterThan(bytes.length / 2);
    if (fixture === "mp3-cbr") expect(measure.error).toBe(0);
    else expect(Math.abs(measure.error)).toBeLessThanOrEqual(TOC_BOUND_FRAMES);
  });

  it("seeks to the end and past it: nothing more to play", async () => {
    const stream = await mp3Module.open(memoryReader(bytes));
    await stream.seek(24 * RATE);
    expect(await stream.next()).toBeNull();
    await stream.seek(10 ** 9);
    expect(await stream.next()).toBeNull();
    await stream.seek(24 * RATE - 10);
    const tail = await collectPcm(stream);
    expect(tail.startFrame).toBe(24 * RATE - 10);
    expect(tail.channels[0]?.length).toBe(10);
    stream.close();
  });
});

/**
 * A Xing table gives byte positions in 1/256 of the file for each 1 % of the
 * duration, so a jump is only as good as a few frames (measured: up to 3
 * frames, 3456 samples, in this file).
 */
const TOC_BOUND_FRAMES = 6 * 1152;

describe("table seeks in the VBR staircase (forward scan disabled)", () => {
  it("lands within the table's precision at every target", async () => {
    const bytes = readStaircase("mp3-vbr");
    const whole = await mp3Module.open(memoryReader(bytes));
    const reference = (await collectPcm(whole)).channels[0] ?? new Float32Array(0);
    whole.close();
    const stream = await createMp3Module({ forwardScanLimitBytes: 0 }).open(memoryReader(bytes), {
      firstChunkBytes: 4096,
      chunkBytes: 4096,
    });
    // Playing the first 3 s indexes them; later targets need the table.
    await collectPcm(stream, 3 * RATE);
    const errors: number[] = [];
    for (const target of TARGETS) {
      const measure = await measureSeek(stream, reference, target);
      expect(measure.startFrame).toBe(target);
      errors.push(measure.error);
    }
    stream.close();
    for (const error of errors) expect(Math.abs(error)).toBeLessThanOrEqual(TOC_BOUND_FRAMES);
    // Just before 1 s and back to 2 s are inside the indexed stretch: exact.
    expect(errors[0]).toBe(0);
    expect(errors.at(-1)).toBe(0);
  });
});
