/**
 * The dev-cloud's generated tracks (3 s mono tones, tagged at serve time with
 * Vorbis comments, FLAC metadata and embedded cover pictures, some of them
 * deliberately broken) through the FLAC and Ogg modules.
 */
import { isPlayerError } from "@player/core-runtime";
import { type DevCloud, startDevCloud, TONE_DURATION_MS } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FormatModule } from "../../decoding/decode-contract.js";
import { drainStream } from "../../test-support/decoded-audio.js";
import { dominantTone, memoryReader } from "../../test-support/signals.js";
import { flacModule } from "../flac/index.js";
import { oggOpusModule, oggVorbisModule } from "./index.js";

const MODULES: Partial<Record<string, FormatModule>> = {
  flac: flacModule,
  "ogg-vorbis": oggVorbisModule,
  "ogg-opus": oggOpusModule,
};

async function decodeTrack(
  module: FormatModule,
  bytes: Uint8Array,
  label: string,
  complete: boolean,
) {
  const stream = await module.open(memoryReader(bytes), {
    firstChunkBytes: 16_384,
    chunkBytes: 16_384,
  });
  const { sampleRate, channels, totalFrames } = stream.info;
  const expectedFrames = (TONE_DURATION_MS / 1000) * sampleRate;
  expect(channels, label).toBe(1);
  const decoded = await drainStream(stream);
  stream.close();
  const samples = decoded.channels[0] ?? new Float32Array(0);
  // FLAC's length comes from STREAMINFO; Ogg's from the last whole page in the file.
  const cutOgg = !complete && stream.info.format !== "flac";
  expect(totalFrames, label).toBe(cutOgg ? samples.length : expectedFrames);
  return { ...decoded, samples, sampleRate, expectedFrames };
}

/** The dominant tone of the first half-second: intact whatever the damage later. */
function toneOf(samples: Float32Array, sampleRate: number): number {
  return dominantTone(samples.subarray(0, sampleRate / 2), sampleRate, 0.4).frequencyHz;
}

describe("dev-cloud tracks", () => {
  let cloud: DevCloud;
  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 24 });
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("decodes every FLAC, Vorbis and Opus track to its tone and length", async () => {
    const library = cloud.context.library;
    const seen: string[] = [];
    for (const item of library.all()) {
      if (item.kind !== "file" || item.content.type !== "track") continue;
      const track = item.content.track;
      const module = MODULES[track.format];
      if (module === undefined) continue;
      const bytes = library.bytes(item);
      const label = `${track.format} #${track.index}${track.broken ? ` (${track.broken})` : ""}`;
      seen.push(label);
      if (track.broken === "not-audio") {
        const error = await module.open(memoryReader(bytes)).catch((caught: unknown) => caught);
        expect(isPlayerError(error) && error.code, label).toBe("playback/unsupported-format");
        continue;
      }
      expect(track.broken, label).toBeUndefined();
      const whole = await decodeTrack(module, bytes, label, true);
      expect(whole.issues, label).toEqual([]);
      expect(whole.discontinuities, label).toEqual([]);
      expect(whole.samples.length, label).toBe(whole.expectedFrames);
      expect(toneOf(whole.samples, whole.sampleRate), label).toBe(track.frequencyHz);

      // The same tagged file with its last kilobyte cut off (inside the last audio
      // page or frame: the cover art makes the headers most of these small files).
      const cut = await decodeTrack(module, bytes.subarray(0, bytes.length - 1000), label, false);
      expect(
        cut.issues.map((issue) => issue.kind),
        label,
      ).toEqual(["truncated"]);
      expect(cut.samples.length, label).toBeGreaterThan(whole.expectedFrames * 0.3);
      expect(cut.samples.length, label).toBeLessThan(whole.expectedFrames * 0.99);
      expect(toneOf(cut.samples, cut.sampleRate), label).toBe(track.frequencyHz);
    }
    // With 24 tracks the generator picks these, one of them a web page saved as .opus.
    expect(seen).toEqual([
      "ogg-vorbis #2",
      "flac #8",
      "ogg-vorbis #10",
      "ogg-opus #11",
      "ogg-opus #12 (not-audio)",
      "flac #13",
      "ogg-vorbis #17",
      "flac #18",
      "ogg-vorbis #19",
      "flac #21",
      "ogg-vorbis #23",
    ]);
  });
});
