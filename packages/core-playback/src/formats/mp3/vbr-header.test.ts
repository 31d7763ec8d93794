import { describe, expect, it } from "vitest";
import { readStaircase } from "../../test-support/signals.js";
import { describeLayout } from "./mp3-layout.js";
import { parseMpegFrameHeader } from "./mpeg-frame-header.js";
import { parseVbrHeader } from "./vbr-header.js";

describe("frame headers and information frames", () => {
  it("reads the VBR staircase's Xing header and LAME delay and padding", () => {
    const bytes = readStaircase("mp3-vbr");
    const header = parseMpegFrameHeader(bytes, 0);
    expect(header).toMatchObject({ version: 1, layer: 3, sampleRate: 44_100, channels: 2 });
    const vbr = header === undefined ? undefined : parseVbrHeader(bytes, 0, header);
    expect(vbr).toMatchObject({
      kind: "xing",
      frameCount: 920,
      byteCount: bytes.length,
      encoderDelay: 576,
      encoderPadding: 864,
    });
    expect(vbr?.toc?.length).toBe(100);
    if (header === undefined) return;
    // 920 × 1152 − 576 − 864 = 24 s exactly; 576 + 529 decoded samples come before the first.
    expect(describeLayout(0, header, vbr)).toMatchObject({
      totalFrames: 1_058_400,
      startTrim: 1105,
    });
  });

  it("reads the CBR staircase's Info header and frame lengths with padding", () => {
    const bytes = readStaircase("mp3-cbr");
    const first = parseMpegFrameHeader(bytes, 0);
    expect(first).toMatchObject({ bitrateKbps: 128, padding: false, frameLength: 417 });
    const vbr = first === undefined ? undefined : parseVbrHeader(bytes, 0, first);
    expect(vbr).toMatchObject({ kind: "info", frameCount: 920 });
    // The third frame carries the padding byte that keeps the mean at 417.96 bytes.
    expect(parseMpegFrameHeader(bytes, 834)).toMatchObject({ padding: true, frameLength: 418 });
  });

  it("parses MPEG 2 and 2.5 layer III headers and rejects reserved fields", () => {
    // MPEG 2, layer III, 64 kbps, 22.05 kHz, mono.
    const mpeg2 = parseMpegFrameHeader(Uint8Array.of(0xff, 0xf3, 0x80, 0xc0), 0);
    expect(mpeg2).toMatchObject({
      version: 2,
      samplesPerFrame: 576,
      frameLength: 208,
      channels: 1,
    });
    // MPEG 2.5, layer III, 8 kbps, 11.025 kHz.
    const mpeg25 = parseMpegFrameHeader(Uint8Array.of(0xff, 0xe3, 0x10, 0x00), 0);
    expect(mpeg25).toMatchObject({ version: 2.5, sampleRate: 11_025, frameLength: 52 });
    expect(parseMpegFrameHeader(Uint8Array.of(0xff, 0xeb, 0x90, 0x00), 0)).toBeUndefined();
    expect(parseMpegFrameHeader(Uint8Array.of(0xff, 0xfb, 0xf0, 0x00), 0)).toBeUndefined();
    expect(parseMpegFrameHeader(Uint8Array.of(0xff, 0xfb, 0x9c, 0x00), 0)).toBeUndefined();
  });

  it("reads a VBRI header's counts and seek table", () => {
    const frame = new Uint8Array(417);
    frame.set([0xff, 0xfb, 0x90, 0x00]);
    const view = new DataView(frame.buffer);
    frame.set([0x56, 0x42, 0x52, 0x49], 36); // "VBRI"
    view.setUint32(46, 500_000);
    view.setUint32(50, 1000);
    view.setUint16(54, 3); // entries
    view.setUint16(56, 2); // scale
    view.setUint16(58, 2); // bytes per entry
    view.setUint16(60, 300); // frames per entry
    view.setUint16(62, 1000);
    view.setUint16(64, 1500);
    view.setUint16(66, 2000);
    const header = parseMpegFrameHeader(frame, 0);
    const vbr = header === undefined ? undefined : parseVbrHeader(frame, 0, header);
    expect(vbr).toMatchObject({
      kind: "vbri",
      frameCount: 1000,
      byteCount: 500_000,
      vbri: { framesPerEntry: 300, entryBytes: [2000, 3000, 4000] },
    });
  });
});
