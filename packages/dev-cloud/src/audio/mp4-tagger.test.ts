import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTaggedTrack } from "../test-support/track-facts.js";
import { concatBytes, readU32be } from "./byte-writer.js";
import { renderEmbeddedCover } from "./cover-art.js";
import { type Mp4Box, readBoxes } from "./mp4-boxes.js";
import { tagM4a } from "./mp4-tagger.js";
import { findToneBankDirectory } from "./tone-bank.js";
import { tagsFromTrack } from "./track-tags.js";

const untagged = readFileSync(join(findToneBankDirectory(), "m4a", "17.m4a"));
const tags = tagsFromTrack(makeTaggedTrack(), renderEmbeddedCover("Album"));

/** The box at `path` (e.g. moov/trak/mdia), descending into the first match at each level. */
function findBox(bytes: Uint8Array, path: string): Mp4Box {
  let found: Mp4Box | undefined;
  let start = 0;
  let end = bytes.length;
  for (const type of path.split("/")) {
    // meta is a full box: its children start after version and flags.
    const skip = found?.type === "meta" ? 4 : 0;
    found = readBoxes(bytes, start + skip, end).find((b) => b.type === type);
    if (found === undefined) throw new Error(`No ${path}`);
    start = found.payloadStart;
    end = found.end;
  }
  if (found === undefined) throw new Error("Empty path");
  return found;
}

/** The chunk offsets of the (only) track. */
function chunkOffsets(bytes: Uint8Array): number[] {
  const stco = findBox(bytes, "moov/trak/mdia/minf/stbl/stco");
  const count = readU32be(bytes, stco.payloadStart + 4);
  return Array.from({ length: count }, (_, i) => readU32be(bytes, stco.payloadStart + 8 + i * 4));
}

describe("tagM4a", () => {
  const tagged = tagM4a(untagged, tags);

  it("leaves mdat where it was, so stco still points at the same AAC data", () => {
    const offsets = chunkOffsets(tagged.bytes);
    expect(offsets).toEqual(chunkOffsets(untagged));
    const mdat = findBox(tagged.bytes, "mdat");
    expect(offsets[0]).toBe(mdat.payloadStart);
    expect(offsets.every((o) => o >= mdat.payloadStart && o < mdat.end)).toBe(true);
    expect(Buffer.from(tagged.bytes.subarray(0, mdat.end))).toEqual(untagged.subarray(0, mdat.end));
    expect([tagged.audioStart, tagged.audioEnd]).toEqual([mdat.payloadStart, mdat.end]);
  });

  it("keeps the AAC config that says mono AAC-LC at 44.1 kHz", () => {
    const esds = findBox(tagged.bytes, "moov/trak/mdia/minf/stbl/stsd");
    const config = Buffer.from(tagged.bytes.subarray(esds.payloadStart, esds.end));
    // AudioSpecificConfig: object type 2 (LC), frequency index 4 (44.1 kHz), 1 channel.
    expect(config.includes(Buffer.from([0x12, 0x08]))).toBe(true);
  });

  it("writes one udta with an mdir handler and the iTunes items", () => {
    const moov = findBox(tagged.bytes, "moov");
    const children = readBoxes(tagged.bytes, moov.payloadStart, moov.end).map((b) => b.type);
    expect(children.filter((t) => t === "udta")).toHaveLength(1);
    const hdlr = findBox(tagged.bytes, "moov/udta/meta/hdlr");
    expect(
      Buffer.from(tagged.bytes.subarray(hdlr.payloadStart + 8, hdlr.payloadStart + 12)).toString(),
    ).toBe("mdir");
    const ilst = findBox(tagged.bytes, "moov/udta/meta/ilst");
    expect(readBoxes(tagged.bytes, ilst.payloadStart, ilst.end).map((b) => b.type)).toEqual([
      "\u00a9nam",
      "\u00a9ART",
      "aART",
      "\u00a9alb",
      "trkn",
      "disk",
      "\u00a9day",
      "\u00a9gen",
      "covr",
    ]);
  });

  it("refuses a faststart file, whose chunk offsets would move", () => {
    const boxes = readBoxes(untagged);
    const slice = (type: string): Uint8Array => {
      const b = boxes.find((x) => x.type === type);
      return b === undefined ? new Uint8Array(0) : untagged.subarray(b.start, b.end);
    };
    const faststart = concatBytes([slice("ftyp"), slice("moov"), slice("mdat")]);
    expect(() => tagM4a(faststart, tags)).toThrow(/moov before mdat/);
  });
});

describe("readBoxes", () => {
  it("rejects a box that runs past its parent", () => {
    const bytes = Uint8Array.of(0, 0, 0, 100, 0x66, 0x72, 0x65, 0x65);
    expect(() => readBoxes(bytes)).toThrow(/invalid size 100/);
  });
});
