import type { StorageProvider } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RangeClientStats } from "./byte-source.js";
import { readEmbeddedPicture } from "./read-embedded-picture.js";
import { readTags } from "./read-tags.js";
import { devCloudDrive } from "./test-support/dev-cloud-drive.js";
import { firstChunkOffset, moveMoovToFront, mp4Boxes } from "./test-support/mp4-layout.js";

let cloud: DevCloud;
let drive: StorageProvider;

beforeAll(async () => {
  cloud = await startDevCloud({ tracks: 48, seed: 11 });
  drive = await devCloudDrive(cloud);
});

afterAll(async () => {
  await cloud.close();
});

describe("M4A with moov at either end", () => {
  it("reads the same tags and cover from moov-last (generated) and moov-first (faststart) files", async () => {
    const { tracks, rootId } = await cloud.admin.library();
    const m4a = tracks.find(
      (track) => track.format === "m4a" && track.broken === undefined && track.hasCover,
    );
    expect(m4a?.fileId).toBeTypeOf("string");
    const moovLastId = m4a?.fileId as string;
    const original = (await drive.readRange(moovLastId, { start: 0 })).bytes;
    const top = mp4Boxes(original).map((box) => box.type);
    // The dev-cloud writes moov after mdat: the tags sit at the end of the file.
    expect(top.indexOf("moov")).toBeGreaterThan(top.indexOf("mdat"));

    const faststart = moveMoovToFront(original);
    const moved = mp4Boxes(faststart);
    expect(moved.map((box) => box.type).indexOf("moov")).toBeLessThan(
      moved.map((box) => box.type).indexOf("mdat"),
    );
    // The chunk offsets follow the audio: the first chunk's bytes are the same in both files.
    const chunkBefore = firstChunkOffset(original);
    const chunkAfter = firstChunkOffset(faststart);
    expect(chunkBefore).toBeDefined();
    expect(faststart.subarray(chunkAfter, (chunkAfter ?? 0) + 64)).toEqual(
      original.subarray(chunkBefore, (chunkBefore ?? 0) + 64),
    );
    const upload = await cloud.admin.addFile({
      name: "faststart.m4a",
      parentId: rootId,
      content: faststart,
    });

    const lastStats: RangeClientStats = { requests: 0, bytes: 0 };
    const firstStats: RangeClientStats = { requests: 0, bytes: 0 };
    const moovLast = await readTags(drive, moovLastId, { stats: lastStats });
    const moovFirst = await readTags(drive, upload.id, { stats: firstStats });
    expect(moovLast.title).toBe(m4a?.title);
    expect(moovFirst).toEqual(moovLast);
    expect(moovFirst.hasPicture).toBe(true);
    expect(lastStats.bytes).toBeLessThanOrEqual(16 * 1024);
    expect(firstStats.bytes).toBeLessThanOrEqual(16 * 1024);

    const coverLast = await readEmbeddedPicture(drive, moovLastId);
    const coverFirst = await readEmbeddedPicture(drive, upload.id);
    expect(coverLast?.mimeType).toBe("image/png");
    expect(coverFirst).toEqual(coverLast);
  });
});
