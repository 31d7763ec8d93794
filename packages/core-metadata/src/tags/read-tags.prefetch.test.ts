import type { ByteRange, RangeReadResult } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryStorage } from "../test-support/memory-storage.js";
import { readTags } from "./read-tags.js";

/** A memory drive that answers reads in rounds, to see which reads were asked together. */
class RoundStorage extends MemoryStorage {
  readonly rounds: number[][] = [];
  #round: { starts: number[]; release: Promise<void> } | undefined;

  override async readRange(remoteId: string, range: ByteRange): Promise<RangeReadResult> {
    if (this.#round === undefined) {
      const starts: number[] = [];
      // Reads asked in the same turn of the event loop go out together, as one round trip.
      const release = new Promise<void>((resolve) => setTimeout(resolve, 5));
      this.#round = { starts, release };
      this.rounds.push(starts);
      void release.then(() => {
        this.#round = undefined;
      });
    }
    const round = this.#round;
    round.starts.push(range.start);
    await round.release;
    return super.readRange(remoteId, range);
  }
}

let cloud: DevCloud;
beforeAll(async () => {
  cloud = await startDevCloud({ tracks: 40, seed: 3 });
});
afterAll(async () => {
  await cloud.close();
});

function fileOf(format: string) {
  const facts = cloud.context.library
    .tracks()
    .find((track) => track.format === format && track.broken === undefined);
  const item = cloud.context.library
    .all()
    .find(
      (entry) =>
        entry.kind === "file" && entry.content.type === "track" && entry.content.track === facts,
    );
  if (item?.kind !== "file" || facts === undefined) throw new Error(`no ${format} file`);
  return { bytes: cloud.context.library.bytes(item), name: item.name, facts };
}

describe("readTags with the file's listed size and name", () => {
  it.each([
    ["ogg-vorbis", 1, 2],
    ["ogg-opus", 1, 2],
    ["mp3", 2, 3],
    ["wav", 2, 3],
    ["m4a", 2, 4],
    ["flac", 1, 1],
  ])(
    "reads %s in %i round trip(s) (%i without), the same tags, no byte twice",
    async (format, roundTrips, without) => {
      const { bytes, name, facts } = fileOf(format);
      const plain = new RoundStorage({ f: bytes });
      const expected = await readTags(plain, "f");
      const storage = new RoundStorage({ f: bytes });
      const tags = await readTags(storage, "f", { sizeBytes: bytes.length, fileName: name });
      expect(tags).toEqual(expected);
      expect(tags.title).toBe(facts.title);
      expect(storage.rounds).toHaveLength(roundTrips);
      expect(plain.rounds).toHaveLength(without);
      expect(storage.bytesRead).toBeLessThanOrEqual(bytes.length);
    },
  );

  it("reads the tags right when the listed size or name is wrong", async () => {
    const { bytes, facts } = fileOf("mp3");
    for (const hint of [
      { sizeBytes: bytes.length * 3, fileName: "song.ogg" },
      { sizeBytes: bytes.length - 1000, fileName: "song.m4a" },
    ]) {
      const storage = new RoundStorage({ f: bytes });
      const tags = await readTags(storage, "f", hint);
      expect(tags.title).toBe(facts.title);
      expect(tags.artists).toEqual([facts.artist]);
    }
  });
});

describe("readTags and a MIME type that lies", () => {
  it("reads an MP3 listed as M4A by its bytes", async () => {
    const { bytes, facts } = fileOf("mp3");
    const storage = new RoundStorage({ f: bytes });
    const tags = await readTags(storage, "f", { mimeType: "audio/x-m4a", fileName: "song.m4a" });
    expect(tags.title).toBe(facts.title);
    expect(tags.codec).toMatch(/MPEG/);
  });

  it("refuses bytes that are no audio, even listed as MP3", async () => {
    const text = new TextEncoder().encode("Not music at all, just a note. ".repeat(400));
    const storage = new RoundStorage({ f: text });
    await expect(
      readTags(storage, "f", { mimeType: "audio/mpeg", fileName: "song.mp3" }),
    ).rejects.toMatchObject({
      code: "metadata/unreadable",
    });
  });
});
