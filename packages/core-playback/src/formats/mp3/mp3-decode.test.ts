import { describe, expect, it } from "vitest";
import { collectPcm, secondSlice } from "../../test-support/decoded-audio.js";
import {
  dominantTone,
  memoryReader,
  readStaircase,
  STAIRCASE_SECONDS,
  staircaseSample,
  staircaseToneAt,
} from "../../test-support/signals.js";
import { mp3Module } from "./index.js";

const RATE = 44_100;

describe.each(["mp3-vbr", "mp3-cbr"] as const)("mp3Module on the %s staircase", (fixture) => {
  it("decodes exactly 24 s of stereo 44.1 kHz with every second's tone", async () => {
    const stream = await mp3Module.open(memoryReader(readStaircase(fixture)));
    expect(stream.info).toMatchObject({
      format: "mp3",
      codec: "mp3",
      sampleRate: RATE,
      channels: 2,
      totalFrames: STAIRCASE_SECONDS * RATE,
    });
    const pcm = await collectPcm(stream);
    stream.close();
    expect(pcm.startFrame).toBe(0);
    expect(pcm.issues).toEqual([]);
    expect(pcm.channels).toHaveLength(2);
    expect(pcm.channels[0]?.length).toBe(STAIRCASE_SECONDS * RATE);
    const [left = new Float32Array(0), right = new Float32Array(0)] = pcm.channels;
    for (let second = 0; second < STAIRCASE_SECONDS; second++) {
      expect(dominantTone(secondSlice(left, RATE, second), RATE).frequencyHz).toBe(
        staircaseToneAt(second),
      );
      expect(dominantTone(secondSlice(right, RATE, second), RATE).frequencyHz).toBe(
        staircaseToneAt(second),
      );
    }
  });

  it("aligns the first sample with the source (encoder and decoder delay trimmed)", async () => {
    const stream = await mp3Module.open(memoryReader(readStaircase(fixture)));
    const { channels } = await collectPcm(stream, 3 * RATE);
    stream.close();
    const left = channels[0] ?? new Float32Array(0);
    // Least-squares lag against the formula across the 1 s tone step (periodic tones alone are ambiguous).
    let bestLag = Number.NaN;
    let bestError = Number.POSITIVE_INFINITY;
    for (let lag = -2000; lag <= 2000; lag++) {
      let error = 0;
      for (let n = RATE - 2048; n < RATE + 2048; n++) {
        const difference = (left[n + lag] ?? 0) - staircaseSample(0, n, RATE);
        error += difference * difference;
      }
      if (error < bestError) {
        bestError = error;
        bestLag = lag;
      }
    }
    expect(bestLag).toBe(0);
  });

  it("gives bit-identical samples whether read in 4 KiB or 1 MiB chunks", async () => {
    const bytes = readStaircase(fixture);
    const small = await mp3Module.open(memoryReader(bytes), {
      chunkBytes: 4096,
      firstChunkBytes: 4096,
    });
    const large = await mp3Module.open(memoryReader(bytes), {
      chunkBytes: 1 << 20,
      firstChunkBytes: 1 << 20,
    });
    const a = await collectPcm(small);
    const b = await collectPcm(large);
    small.close();
    large.close();
    expect(a.pieces).toBeGreaterThan(b.pieces);
    for (const c of [0, 1]) {
      const x = a.channels[c] ?? new Float32Array(0);
      const y = b.channels[c] ?? new Float32Array(1);
      expect(x.length).toBe(y.length);
      expect(Buffer.from(x.buffer).equals(Buffer.from(y.buffer))).toBe(true);
    }
  });

  it("reads at most the first chunk and one more to play the first 0.5 s", async () => {
    const reader = memoryReader(readStaircase(fixture));
    const stream = await mp3Module.open(reader, { firstChunkBytes: 16_384, chunkBytes: 65_536 });
    const { channels } = await collectPcm(stream, RATE / 2);
    stream.close();
    expect(channels[0]?.length).toBeGreaterThanOrEqual(RATE / 2);
    expect(reader.reads[0]).toEqual({ start: 0, end: 16_384 });
    expect(reader.bytesRead).toBeLessThanOrEqual(16_384 + 65_536);
  });
});
