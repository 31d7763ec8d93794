import { isPlayerError } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import {
  channelOf,
  damage,
  drainStream,
  firstDifference,
  tonesPerSecond,
} from "../../test-support/decoded-audio.js";
import {
  memoryReader,
  readStaircase,
  STAIRCASE_SECONDS,
  seekErrorFrames,
  staircaseToneAt,
} from "../../test-support/signals.js";
import { flacModule } from "./index.js";

const RATE = 44_100;
const TOTAL = STAIRCASE_SECONDS * RATE;
const EXPECTED_TONES = Array.from({ length: STAIRCASE_SECONDS }, (_, n) => staircaseToneAt(n));
const SEEK_TARGETS = [RATE - 1, 7 * RATE - 10, 15.5 * RATE, 23 * RATE - 5, 2 * RATE - 1];

/**
 * Compares decoded samples with the generator's formula quantised to 16 bits
 * (× 32768, as ffmpeg converts). `staircaseSample` cannot serve here: its
 * tones are rounded to 0.01 Hz, so its phase drifts from the fixtures'.
 * ffmpeg rounds a few left-channel samples up by one step; the right channel
 * matches exactly, which only a lossless decode can do.
 */
function quantisationErrors(decoded: Float32Array, channel: 0 | 1) {
  const amplitude = channel === 0 ? 0.5 : 0.25;
  const counts = { exact: 0, offByOne: 0, worse: 0 };
  for (let frame = 0; frame < decoded.length; frame++) {
    const t = frame / RATE;
    const value = amplitude * Math.sin(2 * Math.PI * 220 * 2 ** (Math.floor(t) / 12) * t);
    const difference = Math.abs(
      Math.round((decoded[frame] ?? 0) * 0x8000) - Math.round(value * 0x8000),
    );
    if (difference === 0) counts.exact++;
    else if (difference === 1) counts.offByOne++;
    else counts.worse++;
  }
  return counts;
}

async function decodeWhole(bytes: Uint8Array, chunkBytes = 1 << 20) {
  const stream = await flacModule.open(memoryReader(bytes), {
    chunkBytes,
    firstChunkBytes: chunkBytes,
  });
  const drained = await drainStream(stream);
  stream.close();
  return drained;
}

describe.each(["flac", "flac-seektable"] as const)("flacModule on %s", (fixture) => {
  const bytes = readStaircase(fixture);

  it("decodes the whole staircase losslessly, streaming in 4 KiB chunks", async () => {
    const reader = memoryReader(bytes);
    const stream = await flacModule.open(reader, { firstChunkBytes: 4096, chunkBytes: 4096 });
    expect(stream.info).toEqual({
      format: "flac",
      codec: "flac",
      sampleRate: RATE,
      channels: 2,
      totalFrames: TOTAL,
      bitsPerSample: 16,
    });
    expect(reader.reads[0]).toEqual({ start: 0, end: 4096 });
    const afterHeaders = reader.reads.length;
    const decoded = await drainStream(stream);
    expect(decoded.startFrame).toBe(0);
    expect(decoded.discontinuities).toEqual([]);
    expect(decoded.issues).toEqual([]);
    expect(decoded.channels.map((channel) => channel.length)).toEqual([TOTAL, TOTAL]);
    // After the headers (whose unneeded blocks are skipped), sequential chunk reads only.
    const audioReads = reader.reads.slice(afterHeaders);
    audioReads.forEach((read, i) => {
      expect(read.end - read.start).toBeLessThanOrEqual(4096);
      if (i > 0) expect(read.start).toBe(audioReads[i - 1]?.end);
    });
    const [left, right] = decoded.channels as [Float32Array, Float32Array];
    expect(quantisationErrors(left, 0)).toEqual({ exact: 1_043_258, offByOne: 15_142, worse: 0 });
    expect(quantisationErrors(right, 1)).toEqual({ exact: TOTAL, offByOne: 0, worse: 0 });
    expect(tonesPerSecond(left, RATE)).toEqual(EXPECTED_TONES);
    expect(tonesPerSecond(right, RATE)).toEqual(EXPECTED_TONES);

    const whole = await decodeWhole(bytes);
    expect(firstDifference(channelOf(whole, 0), left)).toBe(-1);
    expect(firstDifference(channelOf(whole, 1), right)).toBe(-1);
  });

  it("seeks sample-exactly with a few small reads", async () => {
    const whole = await decodeWhole(bytes);
    const reference = channelOf(whole, 0);
    const reader = memoryReader(bytes);
    const stream = await flacModule.open(reader, { firstChunkBytes: 16_384, chunkBytes: 65_536 });
    const errors: number[] = [];
    const seekBytes: number[] = [];
    for (const target of SEEK_TARGETS) {
      const before = reader.bytesRead;
      await stream.seek(target);
      seekBytes.push(reader.bytesRead - before);
      const after = await drainStream(stream, 8192);
      expect(after.startFrame).toBe(target);
      expect(after.issues).toEqual([]);
      errors.push(seekErrorFrames(reference, channelOf(after, 0), target));
      // Bit-exact against the whole decode, not just aligned.
      const slice = reference.subarray(target, target + channelOf(after, 0).length);
      expect(firstDifference(slice, channelOf(after, 0))).toBe(-1);
    }
    expect(errors).toEqual([0, 0, 0, 0, 0]);
    // Measured: 8–24 KiB per seek with the SEEKTABLE, 19–97 KiB by search alone.
    for (const count of seekBytes)
      expect(count).toBeLessThan(fixture === "flac" ? 100_000 : 32_768);
    stream.close();
  });
});

it("decodes both FLAC fixtures (ffmpeg's and libFLAC's encoders) to identical PCM", async () => {
  const plain = await decodeWhole(readStaircase("flac"));
  const withTable = await decodeWhole(readStaircase("flac-seektable"));
  for (const channel of [0, 1]) {
    expect(firstDifference(channelOf(plain, channel), channelOf(withTable, channel))).toBe(-1);
  }
});

describe("flacModule on bad input", () => {
  const bytes = readStaircase("flac");

  it("plays what a truncated file holds, then reports it", async () => {
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2) + 123);
    const decoded = await decodeWhole(cut, 8192);
    const length = decoded.channels[0]?.length ?? 0;
    expect(decoded.issues.map((issue) => issue.kind)).toEqual(["truncated"]);
    expect(decoded.discontinuities).toEqual([]);
    expect(length % 4608).toBe(0); // whole frames only
    expect(length).toBeGreaterThan(10 * RATE);
    const whole = await decodeWhole(bytes);
    expect(firstDifference(channelOf(whole, 0).subarray(0, length), channelOf(decoded, 0))).toBe(
      -1,
    );
  });

  it("skips a damaged frame in the middle and carries on at exact positions", async () => {
    const broken = damage(bytes, 300_000, 40);
    const reader = memoryReader(broken);
    const stream = await flacModule.open(reader, { chunkBytes: 8192 });
    const decoded = await drainStream(stream);
    expect(decoded.issues).toHaveLength(1);
    expect(decoded.issues[0]?.kind).toBe("corrupt-data");
    // One 4608-sample frame is missing; everything after it stays in place.
    expect(decoded.discontinuities).toHaveLength(1);
    const [[expected, actual]] = decoded.discontinuities as [[number, number]];
    expect(actual - expected).toBe(4608);
    expect(decoded.channels[0]?.length).toBe(TOTAL - 4608);
    expect(tonesPerSecond(channelOf(decoded, 0), RATE, 10)).toEqual(EXPECTED_TONES.slice(0, 10));
  });

  it("rejects a file that is not FLAC", async () => {
    const notFlac = bytes.slice();
    notFlac.set([0x66, 0x4c, 0x61, 0x64], 0); // "fLad"
    const error = await flacModule.open(memoryReader(notFlac)).catch((caught: unknown) => caught);
    expect(isPlayerError(error) && error.code).toBe("playback/unsupported-format");
    const text = new TextEncoder().encode("<html>not audio</html>");
    const error2 = await flacModule.open(memoryReader(text)).catch((caught: unknown) => caught);
    expect(isPlayerError(error2) && error2.code).toBe("playback/unsupported-format");
  });
});
