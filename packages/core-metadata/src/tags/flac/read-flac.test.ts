import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../../test-support/memory-storage.js";
import { readEmbeddedPicture } from "../read-embedded-picture.js";
import { readTags } from "../read-tags.js";
import {
  buildFlacFile,
  fillerBytes,
  pictureComment,
  type TestPicture,
} from "../test-support/tag-file-builders.js";

const back: TestPicture = { type: 4, mimeType: "image/jpeg", data: fillerBytes(5000, 1) };
const front: TestPicture = {
  type: 3,
  mimeType: "image/png",
  description: "front",
  data: fillerBytes(7000, 2),
};

describe("FLAC", () => {
  it("reads STREAMINFO and the comments, and only the headers of the pictures", async () => {
    const flac = buildFlacFile({
      fields: ["TITLE=So What", "ARTIST=Miles Davis", "TRACKNUMBER=1", "TRACKTOTAL=5"],
      pictures: [back, front],
      sampleRate: 96_000,
      channels: 2,
      bitsPerSample: 24,
      totalSamples: 96_000 * 5 + 48_000,
      frameBytes: 20_000,
    });
    const storage = new MemoryStorage({ file: flac });
    const tags = await readTags(storage, "file");
    expect(tags).toMatchObject({
      title: "So What",
      artists: ["Miles Davis"],
      trackNumber: 1,
      trackTotal: 5,
      codec: "FLAC",
      sampleRate: 96_000,
      channels: 2,
      bitsPerSample: 24,
      duration: 5.5,
      bitrate: (8 * 20_000) / 5.5,
      hasPicture: true,
    });
    // The head, then the second picture's block header: never 12,000 bytes of pictures.
    expect(storage.reads.length).toBe(2);
    expect(storage.bytesRead).toBe(8 * 1024);
  });

  it("says there is no picture when the blocks were read to the last one", async () => {
    const flac = buildFlacFile({ fields: ["TITLE=Bare"], totalSamples: 100 });
    expect((await readTags(new MemoryStorage({ file: flac }), "file")).hasPicture).toBe(false);
    expect(await readEmbeddedPicture(new MemoryStorage({ file: flac }), "file")).toBeUndefined();
  });

  it("returns the front cover, with its type and description", async () => {
    const flac = buildFlacFile({ fields: [], pictures: [back, front], totalSamples: 100 });
    expect(await readEmbeddedPicture(new MemoryStorage({ file: flac }), "file")).toEqual({
      mimeType: "image/png",
      type: "Cover (front)",
      description: "front",
      data: front.data,
    });
  });

  it("returns the first picture when none is the front cover", async () => {
    const flac = buildFlacFile({
      fields: [],
      pictures: [back, { ...front, type: 0 }],
      totalSamples: 100,
    });
    expect((await readEmbeddedPicture(new MemoryStorage({ file: flac }), "file"))?.type).toBe(
      "Cover (back)",
    );
  });

  it("does not fetch a picture over maxBytes", async () => {
    const big: TestPicture = { type: 3, mimeType: "image/png", data: fillerBytes(300_000, 3) };
    const flac = buildFlacFile({ fields: [], pictures: [big], totalSamples: 100 });
    const storage = new MemoryStorage({ file: flac });
    expect(await readEmbeddedPicture(storage, "file", { maxBytes: 299_999 })).toBeUndefined();
    expect(storage.bytesRead).toBeLessThanOrEqual(8 * 1024);
    storage.clearReads();
    const picture = await readEmbeddedPicture(storage, "file", { maxBytes: 300_000 });
    expect(picture?.data.length).toBe(300_000);
    expect(storage.bytesRead).toBeLessThan(300_000 + 8 * 1024);
  });

  it("falls back to a base64 picture in the comments when there is no PICTURE block", async () => {
    const flac = buildFlacFile({ fields: [pictureComment(front)], totalSamples: 100 });
    expect((await readTags(new MemoryStorage({ file: flac }), "file")).hasPicture).toBe(true);
    expect((await readEmbeddedPicture(new MemoryStorage({ file: flac }), "file"))?.data).toEqual(
      front.data,
    );
  });

  it("rejects a STREAMINFO of the wrong size with metadata/unreadable, as music-metadata would", async () => {
    const flac = buildFlacFile({ fields: [], totalSamples: 100 });
    flac[7] = 33; // STREAMINFO length 34 → 33
    await expect(readTags(new MemoryStorage({ file: flac }), "file")).rejects.toMatchObject({
      code: "metadata/unreadable",
      cause: { name: "FlacContentError" },
    });
  });
});
