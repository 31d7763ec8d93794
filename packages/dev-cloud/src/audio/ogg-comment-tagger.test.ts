import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTaggedTrack } from "../test-support/track-facts.js";
import { renderEmbeddedCover } from "./cover-art.js";
import { oggCrc32 } from "./crc32.js";
import { tagOggOpus, tagOggVorbis } from "./ogg-comment-tagger.js";
import { readLeadingPackets, readOggPages } from "./ogg-pages.js";
import { findToneBankDirectory } from "./tone-bank.js";
import { tagsFromTrack } from "./track-tags.js";

const bankFile = (path: string): Uint8Array => readFileSync(join(findToneBankDirectory(), path));
// A long title pushes the comment packet past one page's 65,025 bytes.
const tags = tagsFromTrack(
  makeTaggedTrack({ title: "x".repeat(70_000) }),
  renderEmbeddedCover("Album"),
);

describe.each([
  { codec: "Vorbis", tag: tagOggVorbis, file: "ogg-vorbis/2.ogg", headers: 3, magic: "\x03vorbis" },
  { codec: "Opus", tag: tagOggOpus, file: "ogg-opus/2.opus", headers: 2, magic: "OpusTags" },
])("tagging Ogg $codec", ({ tag, file, headers, magic }) => {
  const untagged = bankFile(file);
  const tagged = tag(untagged, tags);
  const before = readOggPages(untagged);
  const after = readOggPages(tagged.bytes);

  it("numbers pages without gaps and gives each a valid checksum", () => {
    expect(after.map((p) => p.sequenceNumber)).toEqual(after.map((_, i) => i));
    for (const page of after) {
      const copy = tagged.bytes.slice(page.offset, page.offset + page.length);
      copy.fill(0, 22, 26);
      expect(oggCrc32(copy)).toBe(page.checksum);
    }
    expect(new Set(after.map((p) => p.serialNumber))).toEqual(new Set([before[0]?.serialNumber]));
  });

  it("keeps every audio page's packets and granule position", () => {
    const audioBefore = before.slice(readLeadingPackets(before, headers).nextPage);
    const audioAfter = after.slice(readLeadingPackets(after, headers).nextPage);
    expect(audioAfter.map((p) => p.granulePosition)).toEqual(
      audioBefore.map((p) => p.granulePosition),
    );
    expect(audioAfter.map((p) => Buffer.from(p.body))).toEqual(
      audioBefore.map((p) => Buffer.from(p.body)),
    );
    expect(audioAfter.map((p) => p.headerType)).toEqual(audioBefore.map((p) => p.headerType));
    expect(tagged.audioStart).toBe(audioAfter[0]?.offset);
    expect(tagged.audioEnd).toBe(tagged.bytes.length);
  });

  it("replaces only the comment packet", () => {
    const old = readLeadingPackets(before, headers).packets;
    const now = readLeadingPackets(after, headers).packets;
    const others = (packets: Uint8Array[]): Buffer[] =>
      packets.filter((_, i) => i !== 1).map((p) => Buffer.from(p));
    expect(others(now)).toEqual(others(old));
    const comment = Buffer.from(now[1] ?? []);
    expect(comment.subarray(0, magic.length).toString("latin1")).toBe(magic);
    expect(comment.includes("ALBUMARTIST=Various Artists")).toBe(true);
    expect(comment.includes("METADATA_BLOCK_PICTURE=")).toBe(true);
    expect(comment.includes("encoder=Lavc")).toBe(false);
    // The comment spans pages, so some header page must carry no granule.
    expect(after.slice(1, 3).some((p) => p.granulePosition === -1n)).toBe(true);
  });
});
