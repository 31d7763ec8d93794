import { describe, expect, it } from "vitest";
import { findITunSmpb, type GaplessTrimInput, gaplessTrim } from "./gapless-trim.js";
import { synthesizeMp4 } from "./synthetic-mp4.js";

const base: GaplessTrimInput = {
  edits: undefined,
  movieTimescale: 1000,
  trackTimescale: 44_100,
  sampleRate: 44_100,
  tableEndFrame: 100 * 1024,
  iTunSmpb: undefined,
  isAac: true,
};

describe("gaplessTrim", () => {
  it("trusts the exact sample table over a millisecond segment that rounds near it", () => {
    // 101 376 frames is 2298.78 ms: the segment says 2299 ms, i.e. 101 386 frames.
    const edits = [{ media_time: 1024, segment_duration: 2299 }];
    expect(gaplessTrim({ ...base, edits })).toEqual({
      startFrame: 1024,
      totalFrames: 101_376,
      source: "edit-list",
    });
  });

  it("cuts the padding a segment shorter than the table leaves out (full-length last sample)", () => {
    const edits = [{ media_time: 2112, segment_duration: 2000 }];
    expect(gaplessTrim({ ...base, edits })).toEqual({
      startFrame: 2112,
      totalFrames: 88_200,
      source: "edit-list",
    });
  });

  it("skips an empty edit and uses the media edit after it", () => {
    const edits = [
      { media_time: -1, segment_duration: 50 },
      { media_time: 1024, segment_duration: 0 },
    ];
    expect(gaplessTrim({ ...base, edits })).toMatchObject({
      startFrame: 1024,
      totalFrames: 101_376,
    });
  });

  it("converts track units to frames when the track's timescale is not the sample rate", () => {
    const edits = [{ media_time: 1000, segment_duration: 0 }];
    const trim = gaplessTrim({ ...base, trackTimescale: 48_000, sampleRate: 48_000 * 2, edits });
    expect(trim.startFrame).toBe(2000);
  });

  it("falls back from a damaged iTunSMPB to the AAC default, and to no trim for other codecs", () => {
    expect(gaplessTrim({ ...base, iTunSmpb: "garbage" })).toEqual({
      startFrame: 1024,
      totalFrames: 99 * 1024,
      source: "aac-default",
    });
    expect(gaplessTrim({ ...base, isAac: false })).toEqual({
      startFrame: 0,
      totalFrames: 102_400,
      source: "none",
    });
  });

  it("uses iTunSMPB's padding when the original length is missing", () => {
    const trim = gaplessTrim({ ...base, iTunSmpb: " 00000000 00000840 00000100 0000000000000000" });
    expect(trim).toEqual({
      startFrame: 2112,
      totalFrames: 102_400 - 2112 - 256,
      source: "itunes-smpb",
    });
  });
});

describe("findITunSmpb", () => {
  it("reads the tag's text out of a moov", () => {
    const smpb = " 00000000 00000840 000001CA 0000000000004E20";
    const file = synthesizeMp4({ samples: 4, iTunSmpb: smpb });
    expect(findITunSmpb(file.bytes.subarray(file.moovStart, file.moovStart + file.moovSize))).toBe(
      smpb,
    );
    expect(findITunSmpb(synthesizeMp4({ samples: 4 }).bytes)).toBeUndefined();
  });
});
