import { PlayerError } from "@player/core-runtime";
import { type AudioFormat, type DevCloud, startDevCloud } from "@player/dev-cloud";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryStorage } from "../test-support/memory-storage.js";
import { readEmbeddedPicture } from "./read-embedded-picture.js";
import { readTags } from "./read-tags.js";
import { applyMutations, mutationArbitrary } from "./test-support/byte-mutations.js";
import { devCloudDrive } from "./test-support/dev-cloud-drive.js";
import { id3v24ToV23 } from "./test-support/id3v23.js";
import { type TagLayout, tagLayout } from "./test-support/size-fields.js";

/** Real tagged files, one per tag flavour, fetched once from the dev-cloud. */
const seeds = new Map<string, Uint8Array>();
let cloud: DevCloud;

beforeAll(async () => {
  cloud = await startDevCloud({ tracks: 96, seed: 7 });
  const drive = await devCloudDrive(cloud);
  const { tracks } = await cloud.admin.library();
  const formats: AudioFormat[] = ["mp3", "flac", "ogg-vorbis", "ogg-opus", "m4a", "wav"];
  for (const format of formats) {
    const track = tracks.find(
      (candidate) => candidate.format === format && !candidate.broken && candidate.hasCover,
    );
    if (track?.fileId == null) throw new Error(`No ${format} track with a cover`);
    const { bytes } = await drive.readRange(track.fileId, { start: 0 });
    seeds.set(format === "mp3" ? "mp3 (ID3v2.4)" : format, bytes);
    if (format === "mp3") seeds.set("mp3 (ID3v2.3)", id3v24ToV23(bytes));
  }
});

afterAll(async () => {
  await cloud.close();
});

/**
 * The bounds a read of hostile bytes must stay within: no byte of the file
 * fetched twice (so never more than the file), and few requests: a handful
 * for the tags, plus one per 4 KiB when music-metadata scans a file with no
 * header it knows for an MPEG frame sync (it reads on in 4 KiB steps).
 */
const BASE_REQUESTS = 16;
const SCAN_STEP_BYTES = 4 * 1024;

type Outcome = "tags" | "picture" | "none" | "unreadable";

/** Runs a read and sorts its result; anything but TrackTags, a picture or `metadata/unreadable` throws. */
async function settle(read: Promise<unknown>): Promise<Outcome> {
  try {
    const value = await read;
    if (value === undefined) return "none";
    return "artists" in (value as object) ? "tags" : "picture";
  } catch (error) {
    if (PlayerError.isInstance(error) && error.code === "metadata/unreadable") return "unreadable";
    throw error;
  }
}

async function checkBounded(bytes: Uint8Array): Promise<void> {
  for (const read of [readTags, readEmbeddedPicture]) {
    const storage = new MemoryStorage({ file: bytes });
    await settle(read(storage, "file"));
    expect(storage.reads.length).toBeLessThanOrEqual(
      BASE_REQUESTS + Math.ceil(bytes.length / SCAN_STEP_BYTES),
    );
    expect(storage.bytesRead).toBeLessThanOrEqual(bytes.length);
  }
}

describe("readTags and readEmbeddedPicture on hostile tags", () => {
  it.each(["mp3 (ID3v2.4)", "mp3 (ID3v2.3)", "flac", "ogg-vorbis", "ogg-opus", "m4a", "wav"])(
    "%s: settle with tags, a picture or metadata/unreadable, within the read bounds",
    async (name) => {
      const seed = seeds.get(name) as Uint8Array;
      const layout: TagLayout = tagLayout(seed);
      // The seed itself reads whole: the mutations start from working tags.
      const tags = await readTags(new MemoryStorage({ file: seed }), "file");
      expect(tags.title).toBeTypeOf("string");
      expect(tags.hasPicture).toBe(true);
      expect(layout.fields.length).toBeGreaterThan(3);
      const outcomes = new Set<Outcome>();
      await fc.assert(
        fc.asyncProperty(
          fc.array(mutationArbitrary(layout, seed.length), { minLength: 1, maxLength: 4 }),
          async (mutations) => {
            const bytes = applyMutations(seed, layout, mutations);
            await checkBounded(bytes);
            outcomes.add(await settle(readTags(new MemoryStorage({ file: bytes }), "file")));
          },
        ),
        { numRuns: 200 },
      );
      // The mutations reach both ends: some files still read, some are refused.
      expect(outcomes.has("tags")).toBe(true);
    },
  );
});
