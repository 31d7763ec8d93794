import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTaggedTrack } from "../test-support/track-facts.js";
import { renderEmbeddedCover } from "./cover-art.js";
import { tagMp3 } from "./mp3-tagger.js";
import { findToneBankDirectory } from "./tone-bank.js";
import { tagsFromTrack } from "./track-tags.js";

const untagged = readFileSync(join(findToneBankDirectory(), "mp3", "11.mp3"));
const tags = tagsFromTrack(makeTaggedTrack(), renderEmbeddedCover("Album"));

/** Frame ids in an ID3v2.4 tag, read with its syncsafe sizes. */
function frameIds(tag: Uint8Array): string[] {
  const syncsafe = (at: number): number =>
    ((tag[at] ?? 0) << 21) |
    ((tag[at + 1] ?? 0) << 14) |
    ((tag[at + 2] ?? 0) << 7) |
    (tag[at + 3] ?? 0);
  const end = 10 + syncsafe(6);
  const ids: string[] = [];
  for (let offset = 10; offset < end; offset += 10 + syncsafe(offset + 4)) {
    ids.push(Buffer.from(tag.subarray(offset, offset + 4)).toString("latin1"));
  }
  return ids;
}

describe("tagMp3", () => {
  it("puts an ID3v2.4 tag with syncsafe sizes before the untouched frames", () => {
    const tagged = tagMp3(untagged, tags);
    const { bytes } = tagged;
    expect(Buffer.from(bytes.subarray(0, 6))).toEqual(Buffer.from([0x49, 0x44, 0x33, 4, 0, 0]));
    expect([...bytes.subarray(6, 10)].every((b) => b < 0x80)).toBe(true);
    expect(Buffer.from(bytes.subarray(tagged.audioStart))).toEqual(untagged);
    // The first MPEG frame sync follows the tag directly.
    expect(bytes[tagged.audioStart]).toBe(0xff);
  });

  it("writes the library frames, the cover last", () => {
    expect(frameIds(tagMp3(untagged, tags).bytes)).toEqual([
      "TIT2",
      "TPE1",
      "TPE2",
      "TALB",
      "TRCK",
      "TPOS",
      "TDRC",
      "TCON",
      "APIC",
    ]);
  });

  it("refuses an MP3 that is already tagged", () => {
    const once = tagMp3(untagged, tags).bytes;
    expect(() => tagMp3(once, tags)).toThrow(/already has an ID3v2 tag/);
  });
});
