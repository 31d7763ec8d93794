import { parseBuffer } from "music-metadata";
import { describe, expect, it } from "vitest";
import type { AudioFormat } from "../library/library-types.js";
import { makeTaggedTrack } from "../test-support/track-facts.js";
import { type DecodableFormat, decodeAudio } from "./decode-for-tests.js";
import { createTrackRenderer } from "./index.js";

const renderer = createTrackRenderer();
const FORMATS: readonly AudioFormat[] = ["mp3", "flac", "ogg-vorbis", "ogg-opus", "m4a", "wav"];

/** Decodes, treating a thrown decoder error as zero samples. */
async function decodedLength(format: DecodableFormat, bytes: Uint8Array): Promise<number> {
  try {
    return (await decodeAudio(format, bytes)).samples.length;
  } catch {
    return 0;
  }
}

describe.each(FORMATS)("a broken %s file", (format) => {
  const intact = renderer.renderTrack(makeTaggedTrack({ format }));

  it("when truncated, is the first 40% of the intact file", async () => {
    const truncated = renderer.renderTrack(makeTaggedTrack({ format, broken: "truncated" }));
    expect(truncated.length).toBe(Math.floor(intact.length * 0.4));
    expect(Buffer.from(truncated)).toEqual(Buffer.from(intact.subarray(0, truncated.length)));
    if (format === "m4a") {
      // moov is at the end, so a cut M4A has no index: readers cannot play it.
      await expect(parseBuffer(truncated)).rejects.toThrow();
    } else {
      const full = await decodedLength(format, intact);
      expect(await decodedLength(format, truncated)).toBeLessThan(full * 0.6);
    }
  });

  it("when corrupt, keeps its length and tags but not its audio", async () => {
    const corrupt = renderer.renderTrack(makeTaggedTrack({ format, broken: "corrupt" }));
    expect(corrupt.length).toBe(intact.length);
    const firstDifference = corrupt.findIndex((byte, i) => byte !== intact[i]);
    expect(firstDifference).toBeGreaterThan(intact.length * 0.3);
    const { common } = await parseBuffer(corrupt);
    expect(common.title).toBe("Señales — de humo");
    if (format !== "m4a") {
      const clean = await decodeAudio(format, intact);
      const damaged = await decodeAudio(format, corrupt).catch(() => undefined);
      const differs =
        damaged === undefined ||
        damaged.errorCount > 0 ||
        damaged.samples.length !== clean.samples.length ||
        damaged.samples.some((s, i) => Math.abs(s - (clean.samples[i] ?? 0)) > 0.01);
      expect(differs).toBe(true);
    }
  });

  it("when not audio, is an HTML page no reader accepts", async () => {
    const page = renderer.renderTrack(makeTaggedTrack({ format, broken: "not-audio" }));
    const text = new TextDecoder().decode(page);
    expect(text.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(text).toContain("Señales — de humo");
    expect(page.length).toBeGreaterThan(3000);
    expect(page.length).toBeLessThan(5000);
    await expect(parseBuffer(page)).rejects.toThrow();
  });

  it("breaks the same way on every render", () => {
    const track = makeTaggedTrack({ format, broken: "corrupt" });
    expect(Buffer.from(createTrackRenderer().renderTrack(track))).toEqual(
      Buffer.from(renderer.renderTrack(track)),
    );
  });
});
