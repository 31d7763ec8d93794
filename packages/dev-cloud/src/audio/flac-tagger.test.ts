import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTaggedTrack } from "../test-support/track-facts.js";
import { renderEmbeddedCover } from "./cover-art.js";
import { tagFlac } from "./flac-tagger.js";
import { findToneBankDirectory } from "./tone-bank.js";
import { tagsFromTrack } from "./track-tags.js";

const untagged = readFileSync(join(findToneBankDirectory(), "flac", "9.flac"));

/** [type, isLast, length] of each metadata block. */
function blockChain(flac: Uint8Array): [number, boolean, number][] {
  const chain: [number, boolean, number][] = [];
  let offset = 4;
  for (;;) {
    const header = flac[offset] ?? 0x80;
    const length =
      ((flac[offset + 1] ?? 0) << 16) | ((flac[offset + 2] ?? 0) << 8) | (flac[offset + 3] ?? 0);
    chain.push([header & 0x7f, (header & 0x80) !== 0, length]);
    offset += 4 + length;
    if (header & 0x80) return chain;
  }
}

describe("tagFlac", () => {
  it("keeps STREAMINFO first and flags only the final block as last", () => {
    const { bytes } = tagFlac(untagged, tagsFromTrack(makeTaggedTrack(), renderEmbeddedCover("A")));
    const chain = blockChain(bytes);
    expect(chain.map(([type, last]) => [type, last])).toEqual([
      [0, false], // STREAMINFO
      [4, false], // VORBIS_COMMENT
      [6, true], // PICTURE
    ]);
    expect(Buffer.from(bytes.subarray(0, 42))).toEqual(
      Buffer.concat([Buffer.from("fLaC"), Buffer.from([0x00, 0, 0, 34]), untagged.subarray(8, 42)]),
    );
  });

  it("ends the chain at the comment when there is no cover", () => {
    const { bytes } = tagFlac(untagged, tagsFromTrack(makeTaggedTrack({ hasCover: false })));
    expect(blockChain(bytes).map(([type, last]) => [type, last])).toEqual([
      [0, false],
      [4, true],
    ]);
  });

  it("drops the encoder's padding and leaves the frames byte for byte", () => {
    const tagged = tagFlac(untagged, tagsFromTrack(makeTaggedTrack()));
    const framesBefore = untagged.subarray(untagged.length - (tagged.audioEnd - tagged.audioStart));
    expect(Buffer.from(tagged.bytes.subarray(tagged.audioStart))).toEqual(
      Buffer.from(framesBefore),
    );
    // A FLAC frame starts with the 14-bit sync code 0x3ffe.
    expect([
      tagged.bytes[tagged.audioStart],
      (tagged.bytes[tagged.audioStart + 1] ?? 0) & 0xfc,
    ]).toEqual([0xff, 0xf8]);
    expect(blockChain(untagged).some(([type]) => type === 1)).toBe(true);
    expect(blockChain(tagged.bytes).some(([type]) => type === 1)).toBe(false);
  });

  it("rejects a stream without the fLaC marker", () => {
    expect(() =>
      tagFlac(new TextEncoder().encode("RIFF...."), tagsFromTrack(makeTaggedTrack())),
    ).toThrow(/Not a FLAC stream/);
  });
});
