import { isPlayerError } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import type { FormatModule } from "../../decoding/decode-contract.js";
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
import { oggOpusModule, oggVorbisModule } from "./index.js";
import { oggPageChecksum } from "./ogg-page.js";

const EXPECTED_TONES = Array.from({ length: STAIRCASE_SECONDS }, (_, n) => staircaseToneAt(n));

const CASES = [
  {
    fixture: "ogg-opus",
    module: oggOpusModule,
    codec: "opus",
    rate: 48_000,
    // Measured 51–102 KB of the 288 KB file: Opus pages here hold a second each
    // (~10 KB); a seek decodes the page before the 80 ms pre-roll and the target's page.
    maxSeekBytes: 110_000,
  },
  {
    fixture: "ogg-vorbis",
    module: oggVorbisModule,
    codec: "vorbis",
    rate: 44_100,
    maxSeekBytes: 26_000,
  },
] as const;

async function decodeWhole(module: FormatModule, bytes: Uint8Array, chunkBytes = 1 << 20) {
  const stream = await module.open(memoryReader(bytes), {
    chunkBytes,
    firstChunkBytes: chunkBytes,
  });
  const drained = await drainStream(stream);
  stream.close();
  return drained;
}

describe.each(CASES)("Ogg $codec", ({ fixture, module, codec, rate, maxSeekBytes }) => {
  const bytes = readStaircase(fixture);
  const total = STAIRCASE_SECONDS * rate;

  it("decodes the whole staircase, streaming in 4 KiB chunks, equal to one whole read", async () => {
    const reader = memoryReader(bytes);
    const stream = await module.open(reader, { firstChunkBytes: 4096, chunkBytes: 4096 });
    expect(stream.info).toEqual({
      format: fixture,
      codec,
      sampleRate: rate,
      channels: 2,
      totalFrames: total,
    });
    // The first chunk, then one read of the tail for the length.
    expect(reader.reads.slice(0, 2)).toEqual([
      { start: 0, end: 4096 },
      { start: bytes.length - 16_384, end: bytes.length },
    ]);
    const decoded = await drainStream(stream);
    expect(decoded.startFrame).toBe(0);
    expect(decoded.issues).toEqual([]);
    expect(decoded.discontinuities).toEqual([]);
    expect(decoded.channels.map((channel) => channel.length)).toEqual([total, total]);
    const [left, right] = decoded.channels as [Float32Array, Float32Array];
    expect(tonesPerSecond(left, rate)).toEqual(EXPECTED_TONES);
    expect(tonesPerSecond(right, rate)).toEqual(EXPECTED_TONES);
    const whole = await decodeWhole(module, bytes);
    expect(firstDifference(channelOf(whole, 0), left)).toBe(-1);
    expect(firstDifference(channelOf(whole, 1), right)).toBe(-1);
  });

  it("seeks sample-exactly with a few small reads", async () => {
    const reference = (await decodeWhole(module, bytes)).channels[0] as Float32Array;
    const reader = memoryReader(bytes);
    const stream = await module.open(reader, { firstChunkBytes: 8192, chunkBytes: 16_384 });
    const targets = [rate - 1, 7 * rate - 10, 15.5 * rate, 23 * rate - 5, 2 * rate - 1];
    const errors: number[] = [];
    for (const target of targets) {
      const before = reader.bytesRead;
      await stream.seek(target);
      // Includes the reads that decode up to the target (8 KiB, then 16 KiB chunks).
      expect(reader.bytesRead - before).toBeLessThan(maxSeekBytes);
      const after = await drainStream(stream, 8192);
      expect(after.startFrame).toBe(target);
      expect(after.issues).toEqual([]);
      errors.push(seekErrorFrames(reference, channelOf(after, 0), target));
      // Vorbis restarts bit-exactly; Opus converges within its pre-roll.
      const slice = reference.subarray(target, target + channelOf(after, 0).length);
      let worst = 0;
      channelOf(after, 0).forEach((sample, i) => {
        worst = Math.max(worst, Math.abs(sample - (slice[i] ?? 0)));
      });
      expect(worst).toBeLessThan(codec === "vorbis" ? 1e-9 : 1e-3);
    }
    expect(errors).toEqual([0, 0, 0, 0, 0]);
    await stream.seek(total + 100);
    expect(await stream.next()).toBeNull();
    stream.close();
  });

  it("plays what a truncated file holds, without garbage from the cut-off page", async () => {
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6) + 77);
    const decoded = await decodeWhole(module, cut, 8192);
    expect(decoded.issues.map((issue) => issue.kind)).toEqual(["truncated"]);
    expect(decoded.discontinuities).toEqual([]);
    const length = channelOf(decoded, 0).length;
    expect(length).toBeGreaterThan(12 * rate);
    expect(length).toBeLessThan(16 * rate);
    const whole = await decodeWhole(module, bytes);
    const worst = maxDifference(channelOf(whole, 0).subarray(0, length), channelOf(decoded, 0));
    expect(worst).toBeLessThan(1e-9);
  });

  it("skips a damaged page in the middle and keeps positions exact", async () => {
    const broken = damage(bytes, Math.floor(bytes.length / 2), 32);
    const decoded = await decodeWhole(module, broken, 8192);
    expect(decoded.issues.map((issue) => issue.kind)).toEqual(["corrupt-data"]);
    // One page is missing: a jump in positions, then the rest in place.
    expect(decoded.discontinuities).toHaveLength(1);
    const [[from, to]] = decoded.discontinuities as [[number, number]];
    expect(to - from).toBeGreaterThan(0);
    expect(to - from).toBeLessThanOrEqual(1.1 * rate);
    expect(decoded.startFrame + channelOf(decoded, 0).length + (to - from)).toBe(total);
    const tones = tonesPerSecond(channelOf(decoded, 0), rate, 8);
    expect(tones).toEqual(EXPECTED_TONES.slice(0, 8));
  });
});

describe("Ogg on bad input", () => {
  it("rejects a file that is not Ogg", async () => {
    const text = new TextEncoder().encode("ID3 and then nothing useful at all, not even close");
    for (const module of [oggOpusModule, oggVorbisModule]) {
      const error = await module.open(memoryReader(text)).catch((caught: unknown) => caught);
      expect(isPlayerError(error) && error.code).toBe("playback/unsupported-format");
    }
  });

  it("rejects an Ogg stream of another codec as unsupported-codec", async () => {
    const bytes = readStaircase("ogg-opus").slice();
    // Rename the first packet's magic ("OpusHead" → "Speex   ") and re-sign the page.
    const segments = bytes[26] ?? 0;
    const packet = 27 + segments;
    bytes.set(new TextEncoder().encode("Speex   "), packet);
    const pageLength = packet + (bytes[27] ?? 0);
    new DataView(bytes.buffer).setUint32(22, oggPageChecksum(bytes.subarray(0, pageLength)), true);
    const error = await oggVorbisModule
      .open(memoryReader(bytes))
      .catch((caught: unknown) => caught);
    expect(isPlayerError(error) && error.code).toBe("playback/unsupported-codec");
  });
});

function maxDifference(a: Float32Array, b: Float32Array): number {
  let worst = a.length === b.length ? 0 : Number.POSITIVE_INFINITY;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  }
  return worst;
}
