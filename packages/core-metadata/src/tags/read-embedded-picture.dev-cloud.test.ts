import type { StorageProvider } from "@player/core-runtime";
import { type AudioFormat, type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RangeClientStats } from "./byte-source.js";
import { readEmbeddedPicture } from "./read-embedded-picture.js";
import { devCloudDrive } from "./test-support/dev-cloud-drive.js";

let cloud: DevCloud;
let drive: StorageProvider;

beforeAll(async () => {
  cloud = await startDevCloud({ tracks: 96, seed: 7 });
  drive = await devCloudDrive(cloud);
});

afterAll(async () => {
  await cloud.close();
});

/**
 * The cover the dev-cloud embeds: its Cover Art Archive emulation serves
 * the same rendering (album key, 250 px) as `images/{release}-250.png`.
 */
async function embeddedCover(releaseId: string): Promise<Uint8Array> {
  const response = await fetch(`${cloud.url}/coverartarchive/images/${releaseId}-250.png`);
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

/** MP4 `covr` atoms carry no picture type; every other format's cover says "Cover (front)". */
const FRONT_TYPE: Readonly<Record<AudioFormat, string | undefined>> = {
  mp3: "Cover (front)",
  flac: "Cover (front)",
  "ogg-vorbis": "Cover (front)",
  "ogg-opus": "Cover (front)",
  m4a: undefined,
  wav: "Cover (front)",
};

describe("readEmbeddedPicture over the dev-cloud", () => {
  it("returns the embedded PNG of every track with a cover, and nothing for the others", async () => {
    const { tracks } = await cloud.admin.library();
    const intact = tracks.filter((track) => track.broken === undefined && track.fileId !== null);
    const seen = new Map<string, { withCover: number; without: number }>();
    for (const track of intact) {
      const stats: RangeClientStats = { requests: 0, bytes: 0 };
      const picture = await readEmbeddedPicture(drive, track.fileId as string, { stats });
      const count = seen.get(track.format) ?? { withCover: 0, without: 0 };
      if (!track.hasCover) {
        expect({ format: track.format, picture }).toEqual({
          format: track.format,
          picture: undefined,
        });
        count.without++;
      } else {
        const expected = await embeddedCover(track.musicBrainz.releaseId);
        expect({
          format: track.format,
          mimeType: picture?.mimeType,
          type: picture?.type,
          sameBytes: picture !== undefined && Buffer.compare(picture.data, expected) === 0,
        }).toEqual({
          format: track.format,
          mimeType: "image/png",
          type: FRONT_TYPE[track.format],
          sameBytes: true,
        });
        count.withCover++;
      }
      // The tags and the picture, never the audio.
      expect(stats.bytes).toBeLessThanOrEqual(16 * 1024);
      seen.set(track.format, count);
    }
    // Each of the six formats was seen with and without a cover.
    expect([...seen.keys()].sort()).toEqual([
      "flac",
      "m4a",
      "mp3",
      "ogg-opus",
      "ogg-vorbis",
      "wav",
    ]);
    for (const [format, count] of seen) {
      expect({ format, both: count.withCover > 0 && count.without > 0 }).toEqual({
        format,
        both: true,
      });
    }
  });

  it("does not return a cover larger than maxBytes", async () => {
    const { tracks } = await cloud.admin.library();
    const covered = tracks.filter(
      (track) => track.broken === undefined && track.fileId !== null && track.hasCover,
    );
    for (const track of covered) {
      const picture = await readEmbeddedPicture(drive, track.fileId as string, { maxBytes: 1000 });
      expect({ format: track.format, picture }).toEqual({
        format: track.format,
        picture: undefined,
      });
    }
  });
});
