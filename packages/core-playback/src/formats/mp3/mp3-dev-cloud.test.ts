import { isPlayerError } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPcm } from "../../test-support/decoded-audio.js";
import { dominantTone, memoryReader } from "../../test-support/signals.js";
import { type DevCloudTrack, devCloudTracks } from "./dev-cloud-tracks.test-support.js";
import { mp3Module } from "./index.js";

const RATE = 44_100;

describe("mp3Module on the dev-cloud's MP3 tracks (ID3v2 tags with covers)", () => {
  let cloud: DevCloud;
  let tracks: DevCloudTrack[];
  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 24 });
    tracks = devCloudTracks(cloud, "mp3");
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("decodes every intact MP3 to exactly its duration and tone", async () => {
    const intact = tracks.filter((track) => track.facts.broken === undefined);
    expect(intact.length).toBeGreaterThan(0);
    for (const { facts, bytes } of intact) {
      // The ID3v2 tag (with its cover) comes first: the first frame is past it.
      expect(String.fromCharCode(...bytes.subarray(0, 3))).toBe("ID3");
      const stream = await mp3Module.open(memoryReader(bytes));
      expect(stream.info).toMatchObject({ sampleRate: RATE, channels: 1 });
      expect(stream.info.totalFrames).toBe((facts.durationMs / 1000) * RATE);
      const pcm = await collectPcm(stream);
      stream.close();
      expect(pcm.issues).toEqual([]);
      expect(pcm.channels[0]?.length).toBe((facts.durationMs / 1000) * RATE);
      const tone = dominantTone(pcm.channels[0] ?? new Float32Array(0), RATE, 1);
      expect(tone.frequencyHz).toBe(facts.frequencyHz);
    }
  });

  it("handles the deliberately broken MP3s as the damage says", async () => {
    for (const { facts, bytes } of tracks.filter((track) => track.facts.broken !== undefined)) {
      if (facts.broken === "not-audio") {
        const error = await mp3Module.open(memoryReader(bytes)).catch((reason: unknown) => reason);
        expect(isPlayerError(error) ? error.code : error).toBe("playback/unsupported-format");
        continue;
      }
      const stream = await mp3Module.open(memoryReader(bytes));
      const pcm = await collectPcm(stream);
      stream.close();
      const kinds = new Set(pcm.issues.map((issue) => issue.kind));
      expect(kinds.has(facts.broken === "truncated" ? "truncated" : "corrupt-data")).toBe(true);
    }
  });
});
