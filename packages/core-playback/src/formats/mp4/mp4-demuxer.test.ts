import { describe, expect, it } from "vitest";
import { memoryReader, readStaircase, STAIRCASE_SECONDS } from "../../test-support/signals.js";
import { demuxAudioTrack } from "./mp4-demuxer.js";
import { synthesizeMp4 } from "./synthetic-mp4.js";
import { readTopLevelBoxes } from "./top-level-boxes.js";

const demux = async (bytes: Uint8Array) =>
  demuxAudioTrack(await readTopLevelBoxes(memoryReader(bytes)));

describe("demuxAudioTrack", () => {
  it("reads the staircase's AAC track, sample table and edit-list trim from moov alone", async () => {
    const track = await demux(readStaircase("m4a"));
    expect(track).toMatchObject({
      codec: "mp4a.40.2",
      codecName: "aac",
      sampleRate: 44_100,
      channels: 2,
    });
    // AAC-LC, 44.1 kHz, stereo, then the explicit "no SBR" sync extension ffmpeg writes.
    expect([...(track.description ?? [])]).toEqual([0x12, 0x10, 0x56, 0xe5, 0x00]);
    const { table, trim } = track;
    expect(table.count).toBe(1035);
    expect(table.endFrame).toBe(1034 * 1024 + 608);
    expect(table.durationOf(0)).toBe(1024);
    expect(table.durationOf(1034)).toBe(608);
    // The first sample starts right after the mdat header; samples are back to back.
    expect(table.offsets[0]).toBe(36 + 8);
    expect(table.sizes.reduce((sum, size) => sum + size, 0)).toBe(291_041 - 8);
    expect(trim).toEqual({
      startFrame: 1024,
      totalFrames: STAIRCASE_SECONDS * 44_100,
      source: "edit-list",
    });
  });

  it("takes the trim from iTunSMPB when there is no edit list", async () => {
    // Apple's layout: priming 0x840 (2112), padding 0x1CA, then the original length.
    const smpb = " 00000000 00000840 000001CA 0000000000004E20 00000000 00000000";
    const track = await demux(synthesizeMp4({ samples: 24, iTunSmpb: smpb }).bytes);
    expect(track.trim).toEqual({ startFrame: 2112, totalFrames: 20_000, source: "itunes-smpb" });
  });

  it("assumes AAC's 1024-frame delay with neither edit list nor iTunSMPB", async () => {
    const track = await demux(synthesizeMp4({ samples: 24, lastSampleFrames: 100 }).bytes);
    expect(track.trim).toEqual({
      startFrame: 1024,
      totalFrames: 23 * 1024 + 100 - 1024,
      source: "aac-default",
    });
  });

  it("rejects ALAC with unsupported-codec naming it", async () => {
    await expect(
      demux(synthesizeMp4({ samples: 8, entryType: "alac" }).bytes),
    ).rejects.toMatchObject({
      code: "playback/unsupported-codec",
      message: expect.stringMatching(/^ALAC \(alac\) audio in MP4 is not supported/),
    });
  });

  it("rejects a moov whose track box is unrecognisable as unsupported-format, with the cause", async () => {
    const file = synthesizeMp4({ samples: 8 });
    const moov = file.bytes.slice(file.moovStart, file.moovStart + file.moovSize);
    // Rename trak to an unknown box: mp4box then sees a movie with no tracks.
    const trak = new TextDecoder("latin1").decode(moov).indexOf("trak");
    moov.set([0x78, 0x78, 0x78, 0x78], trak);
    await expect(
      demuxAudioTrack({
        boxes: [],
        ftyp: undefined,
        moov,
        moovLocation: { type: "moov", start: 0, headerSize: 8, size: moov.length },
      }),
    ).rejects.toMatchObject({
      code: "playback/unsupported-format",
      message: "The MP4 index (moov) cannot be read",
      cause: expect.any(Error),
    });
  });
});
