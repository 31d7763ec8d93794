import { parseBuffer } from "music-metadata";
import { describe, expect, it } from "vitest";
import { TONE_FREQUENCIES_HZ } from "../library/tone-plan.js";
import { makeTaggedTrack } from "../test-support/track-facts.js";
import { readLatin1, readU32le } from "./byte-writer.js";
import { decodeAudio } from "./decode-for-tests.js";
import { detectTone } from "./tone-detector.js";
import { tagsFromTrack } from "./track-tags.js";
import { synthesizeTonePcm, WAV_SAMPLE_RATE, writeWav } from "./wav-writer.js";

const frequency = TONE_FREQUENCIES_HZ[12] ?? 440;
const pcm = synthesizeTonePcm(frequency);
const wav = writeWav(pcm, tagsFromTrack(makeTaggedTrack()));

/** Chunk ids in file order. */
function chunkIds(bytes: Uint8Array): string[] {
  const ids: string[] = [];
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const size = readU32le(bytes, offset + 4);
    ids.push(readLatin1(bytes, offset, 4));
    offset += 8 + size + (size % 2);
  }
  return ids;
}

describe("synthesizeTonePcm", () => {
  it("is exactly 3 s of 16-bit mono at 44.1 kHz", () => {
    expect(pcm.length).toBe(3 * WAV_SAMPLE_RATE * 2);
  });

  it("fades in from and out to silence, peaking at half scale", async () => {
    const { samples } = await decodeAudio("wav", wav.bytes);
    expect(samples[0]).toBe(0);
    expect(Math.abs(samples.at(-1) ?? 1)).toBeLessThan(0.001);
    const peak = samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
    expect(peak).toBeGreaterThan(0.49);
    expect(peak).toBeLessThan(0.51);
    expect(detectTone(samples, WAV_SAMPLE_RATE).frequencyHz).toBe(frequency);
  });
});

describe("writeWav", () => {
  it("lays out fmt, CSET, LIST/INFO and id3 before data, with a consistent RIFF size", () => {
    const { bytes } = wav;
    expect(readLatin1(bytes, 0, 4)).toBe("RIFF");
    expect(readU32le(bytes, 4)).toBe(bytes.length - 8);
    expect(readLatin1(bytes, 8, 4)).toBe("WAVE");
    expect(chunkIds(bytes)).toEqual(["fmt ", "CSET", "LIST", "id3 ", "data"]);
    expect(readU32le(bytes, wav.audioStart - 4)).toBe(pcm.length);
    expect(wav.audioEnd).toBe(bytes.length);
  });

  it("writes INFO tags that a reader decodes as UTF-8", async () => {
    const { native } = await parseBuffer(wav.bytes);
    const info = Object.fromEntries((native.exif ?? []).map((tag) => [tag.id, tag.value]));
    expect(info).toEqual({
      INAM: "Señales — de humo",
      IART: "Los Émulos",
      IPRD: "Compilación 2004",
      ICRD: "2004",
      IGNR: "Cumbia",
      ITRK: "3",
    });
  });
});
