import { isPlayerError } from "@player/core-runtime";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { collectPcm, secondSlice } from "../../test-support/decoded-audio.js";
import {
  dominantTone,
  memoryReader,
  readStaircase,
  staircaseToneAt,
} from "../../test-support/signals.js";
import { mp3Module } from "./index.js";

const RATE = 44_100;
const FULL = 24 * RATE;

/** Deterministic junk (a linear congruential sequence), so failures reproduce. */
function junk(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed >>> 0;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function id3v2Tag(bodyLength: number): Uint8Array {
  const tag = new Uint8Array(10 + bodyLength);
  tag.set([0x49, 0x44, 0x33, 4, 0, 0]);
  for (let i = 0; i < 4; i++) tag[9 - i] = (bodyLength >> (7 * i)) & 0x7f;
  return tag;
}

async function expectUnsupported(bytes: Uint8Array): Promise<void> {
  const error = await mp3Module.open(memoryReader(bytes)).then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(isPlayerError(error) ? error.code : error).toBe("playback/unsupported-format");
}

describe("mp3Module with damaged or foreign input", () => {
  it("plays what a truncated file holds, then reports `truncated` and ends", async () => {
    const whole = readStaircase("mp3-cbr");
    const bytes = whole.slice(0, Math.floor(whole.length * 0.4) + 101);
    const stream = await mp3Module.open(memoryReader(bytes));
    const pcm = await collectPcm(stream);
    expect(await stream.next()).toBeNull();
    stream.close();
    const length = pcm.channels[0]?.length ?? 0;
    expect(length).toBeGreaterThan(9 * RATE);
    expect(length).toBeLessThan(10 * RATE);
    expect(pcm.issues.map((issue) => issue.kind)).toEqual(["truncated"]);
    expect(pcm.issues[0]?.frame).toBe(length);
    const left = pcm.channels[0] ?? new Float32Array(0);
    expect(dominantTone(secondSlice(left, RATE, 8), RATE).frequencyHz).toBe(staircaseToneAt(8));
  });

  it.each(["mp3-vbr", "mp3-cbr"] as const)(
    "resyncs past junk in the middle of %s, reports `corrupt-data` and keeps the timeline",
    async (fixture) => {
      const bytes = readStaircase(fixture);
      const start = Math.floor(bytes.length * 0.5);
      bytes.set(junk(3000, 7), start);
      const stream = await mp3Module.open(memoryReader(bytes));
      const pcm = await collectPcm(stream);
      stream.close();
      expect(pcm.issues.length).toBeGreaterThan(0);
      expect(pcm.issues.every((issue) => issue.kind === "corrupt-data")).toBe(true);
      const frame = pcm.issues[0]?.frame ?? 0;
      expect(frame).toBeGreaterThan(9 * RATE);
      expect(frame).toBeLessThan(15 * RATE);
      // Silence stands in for the lost frames: the length stays within a frame of the original.
      expect(Math.abs((pcm.channels[0]?.length ?? 0) - FULL)).toBeLessThanOrEqual(1152);
      const left = pcm.channels[0] ?? new Float32Array(0);
      for (const second of [2, 20, 23]) {
        expect(dominantTone(secondSlice(left, RATE, second), RATE).frequencyHz).toBe(
          staircaseToneAt(second),
        );
      }
    },
  );

  it("stops at ID3v1 and APE tags after the audio", async () => {
    const ape = concat(new TextEncoder().encode("APETAGEX"), junk(200, 3));
    const id3v1 = concat(new TextEncoder().encode("TAG"), junk(125, 4));
    const bytes = concat(readStaircase("mp3-vbr"), ape, id3v1);
    const stream = await mp3Module.open(memoryReader(bytes));
    const pcm = await collectPcm(stream);
    stream.close();
    expect(pcm.issues).toEqual([]);
    expect(pcm.channels[0]?.length).toBe(FULL);
  });

  it("jumps over a leading ID3v2 tag larger than the first read without reading it", async () => {
    const tag = id3v2Tag(100_000);
    const reader = memoryReader(concat(tag, readStaircase("mp3-cbr")));
    const stream = await mp3Module.open(reader, { firstChunkBytes: 16_384 });
    const pcm = await collectPcm(stream, RATE);
    stream.close();
    expect(reader.reads.slice(0, 2)).toEqual([
      { start: 0, end: 16_384 },
      { start: tag.length, end: tag.length + 16_384 },
    ]);
    const left = pcm.channels[0] ?? new Float32Array(0);
    expect(dominantTone(secondSlice(left, RATE, 0), RATE).frequencyHz).toBe(staircaseToneAt(0));
  });

  it("refuses bytes that are not MPEG audio with `playback/unsupported-format`", async () => {
    await expectUnsupported(junk(20_000, 11));
    await expectUnsupported(new TextEncoder().encode("<!DOCTYPE html><html>Not found</html>"));
    await expectUnsupported(new Uint8Array(0));
    await expectUnsupported(concat(id3v2Tag(500), junk(100_000, 12)));
  });

  it("never hangs or throws on randomly damaged files", async () => {
    const original = readStaircase("mp3-vbr").slice(0, 40_000);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(original.length - 1), fc.nat(255)), {
          minLength: 1,
          maxLength: 200,
        }),
        async (damage) => {
          const bytes = original.slice();
          for (const [at, value] of damage) bytes[at] = value;
          const stream = await mp3Module.open(memoryReader(bytes)).catch((error: unknown) => {
            if (isPlayerError(error) && error.code === "playback/unsupported-format") return null;
            throw error;
          });
          if (stream === null) return;
          const pcm = await collectPcm(stream);
          stream.close();
          // 40 kB of this file hold about 5.5 s; damage cannot make more.
          expect(pcm.channels[0]?.length ?? 0).toBeLessThan(7 * RATE);
        },
      ),
      { numRuns: 25, seed: 42 },
    );
  });
});
