import { PlayerError } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../test-support/memory-storage.js";
import { readEmbeddedPicture } from "./read-embedded-picture.js";
import { READ_TAGS_BUDGET, readTags } from "./read-tags.js";
import { buildOggFile } from "./test-support/ogg-file-builder.js";

/** An ID3v2.4 header declaring `size` bytes of frames, then nothing but zeros. */
function emptyId3Declaring(size: number, fileLength: number): Uint8Array {
  const bytes = new Uint8Array(fileLength);
  bytes.set([0x49, 0x44, 0x33, 4, 0, 0]);
  bytes.set([(size >>> 21) & 0x7f, (size >>> 14) & 0x7f, (size >>> 7) & 0x7f, size & 0x7f], 6);
  return bytes;
}

describe("readTags", () => {
  it("sniffs the container from the bytes, whatever the MIME type says", async () => {
    const ogg = buildOggFile({ codec: "opus", fields: ["TITLE=Sniffed"], samples: 4800 });
    const tags = await readTags(new MemoryStorage({ file: ogg }), "file", {
      mimeType: "audio/mpeg",
    });
    expect({ title: tags.title, codec: tags.codec }).toEqual({ title: "Sniffed", codec: "Opus" });
  });

  it("passes the drive's own errors on as they are", async () => {
    const error = await readTags(new MemoryStorage(), "missing").catch((cause: unknown) => cause);
    expect(PlayerError.isInstance(error) && error.code).toBe("http/status");
  });

  it("rejects with the abort reason when the caller aborts", async () => {
    const controller = new AbortController();
    const storage = new MemoryStorage({ file: new Uint8Array(10) });
    const reason = new Error("stop");
    storage.readRange = async () => {
      controller.abort(reason);
      throw reason;
    };
    await expect(readTags(storage, "file", { signal: controller.signal })).rejects.toBe(reason);
  });

  it("rejects an empty file with metadata/unreadable", async () => {
    await expect(
      readTags(new MemoryStorage({ file: new Uint8Array(0) }), "file"),
    ).rejects.toMatchObject({ code: "metadata/unreadable", details: { remoteId: "file" } });
  });

  it("refuses a tag that would cost more than the read budget", async () => {
    const size = READ_TAGS_BUDGET.maxBytes + 1024 * 1024;
    const storage = new MemoryStorage({ file: emptyId3Declaring(size, size + 10) });
    await expect(readTags(storage, "file")).rejects.toMatchObject({
      code: "metadata/unreadable",
      cause: { name: "ReadBudgetExceededError" },
    });
    expect(storage.bytesRead).toBeLessThanOrEqual(READ_TAGS_BUDGET.maxBytes);
  });
});

describe("readEmbeddedPicture on music-metadata's formats", () => {
  it("does not read an ID3v2 tag larger than maxBytes plus the tag allowance", async () => {
    const storage = new MemoryStorage({ file: emptyId3Declaring(3_000_000, 3_000_010) });
    expect(await readEmbeddedPicture(storage, "file", { maxBytes: 1_000_000 })).toBeUndefined();
    expect(storage.bytesRead).toBe(4096);
  });
});
