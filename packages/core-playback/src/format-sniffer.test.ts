import { describe, expect, it } from "vitest";
import { sniffFormat } from "./format-sniffer.js";

function ascii(text: string): number[] {
  return Array.from(text, (c) => c.charCodeAt(0));
}

function bytes(...parts: Array<number[] | string>): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => (typeof part === "string" ? ascii(part) : part)));
}

/** An ID3v2.4 tag whose body is `bodySize` zero bytes, size written syncsafe. */
function id3Tag(bodySize: number, flags = 0): number[] {
  const size = [21, 14, 7, 0].map((shift) => (bodySize >> shift) & 0x7f);
  const footer = flags & 0x10 ? [...ascii("3DI"), 4, 0, flags, ...size] : [];
  return [...ascii("ID3"), 4, 0, flags, ...size, ...new Array<number>(bodySize).fill(0), ...footer];
}

// MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no CRC.
const MP3_FRAME = [0xff, 0xfb, 0x90, 0x64];

/** The first Ogg page, holding one packet that starts with `packet`. */
function oggPage(packet: number[]): number[] {
  const zeros = (count: number) => new Array<number>(count).fill(0);
  const header = [
    ...ascii("OggS"),
    0, // version
    0x02, // beginning of stream
    ...zeros(8), // granule position
    ...[1, 0, 0, 0], // serial number
    ...zeros(4), // page sequence
    ...zeros(4), // CRC (not checked by the sniffer)
    1, // one segment in the table...
    packet.length, // ...as long as the packet
  ];
  return [...header, ...packet];
}

describe("sniffFormat", () => {
  it("recognises a bare MPEG audio frame as mp3", () => {
    expect(sniffFormat(bytes(MP3_FRAME, new Array(100).fill(0)))).toBe("mp3");
    // MPEG-2 Layer III, 64 kbit/s, 22.05 kHz.
    expect(sniffFormat(bytes([0xff, 0xf3, 0x80, 0xc4]))).toBe("mp3");
  });

  it("does not take ADTS AAC or invalid frame headers for mp3", () => {
    expect(sniffFormat(bytes([0xff, 0xf1, 0x50, 0x80]))).toBeUndefined(); // ADTS: layer 00
    expect(sniffFormat(bytes([0xff, 0xfb, 0xf0, 0x64]))).toBeUndefined(); // bitrate 1111
    expect(sniffFormat(bytes([0xff, 0xfb, 0x9c, 0x64]))).toBeUndefined(); // sample rate 11
    expect(sniffFormat(bytes([0xff, 0xeb, 0x90, 0x64]))).toBeUndefined(); // version 01
    expect(sniffFormat(bytes([0xff, 0xd0, 0x90, 0x64]))).toBeUndefined(); // only 10 sync bits
  });

  it("skips an ID3v2 tag using its syncsafe size and sniffs what follows", () => {
    // 300 bytes: syncsafe 0x00 0x00 0x02 0x2c; read as plain big-endian it would be 556.
    const tag = id3Tag(300);
    expect(tag.slice(6, 10)).toEqual([0, 0, 2, 44]);
    expect(sniffFormat(bytes(tag, "fLaC", [0, 0, 0, 34]))).toBe("flac");
    expect(sniffFormat(bytes(tag, MP3_FRAME))).toBe("mp3");
  });

  it("honours the ID3v2 footer flag and chained tags", () => {
    expect(sniffFormat(bytes(id3Tag(20, 0x10), "fLaC"))).toBe("flac");
    expect(sniffFormat(bytes(id3Tag(20), id3Tag(5), "fLaC"))).toBe("flac");
  });

  it("calls an ID3v2 tag mp3 when the bytes end inside it or what follows is unknown", () => {
    expect(sniffFormat(bytes(id3Tag(4096).slice(0, 64)))).toBe("mp3");
    expect(sniffFormat(bytes(id3Tag(10)))).toBe("mp3");
    expect(sniffFormat(bytes(id3Tag(10), [1, 2, 3, 4, 5]))).toBe("mp3");
  });

  it("rejects an ID3 header whose size bytes are not syncsafe", () => {
    expect(sniffFormat(bytes("ID3", [4, 0, 0, 0, 0, 0x80, 0]))).toBeUndefined();
  });

  it("recognises FLAC, WAV and MP4", () => {
    expect(sniffFormat(bytes("fLaC", [0, 0, 0, 34]))).toBe("flac");
    expect(sniffFormat(bytes("RIFF", [0x24, 0x08, 0, 0], "WAVEfmt "))).toBe("wav");
    expect(sniffFormat(bytes([0, 0, 0, 0x20], "ftypM4A ", [0, 0, 0, 0]))).toBe("mp4");
    expect(sniffFormat(bytes([0, 0, 0, 0x18], "ftypisom"))).toBe("mp4");
  });

  it("does not take other RIFF files for WAV", () => {
    expect(sniffFormat(bytes("RIFF", [0x24, 0x08, 0, 0], "AVI LIST"))).toBeUndefined();
  });

  it("tells Ogg Vorbis from Ogg Opus by the first packet", () => {
    expect(sniffFormat(bytes(oggPage([1, ...ascii("vorbis"), 0, 0, 0, 0])))).toBe("ogg-vorbis");
    expect(sniffFormat(bytes(oggPage([...ascii("OpusHead"), 1, 2])))).toBe("ogg-opus");
    expect(sniffFormat(bytes(oggPage([0x7f, ...ascii("FLAC"), 1, 0])))).toBe("ogg");
  });

  it("falls back to ogg when the first page is cut short", () => {
    expect(sniffFormat(bytes(oggPage([...ascii("OpusHead")]).slice(0, 30)))).toBe("ogg");
    expect(sniffFormat(bytes("OggS", [0]))).toBe("ogg");
  });

  it("returns undefined for unknown or too-short input", () => {
    expect(sniffFormat(new Uint8Array())).toBeUndefined();
    expect(sniffFormat(bytes("fLa"))).toBeUndefined();
    expect(sniffFormat(bytes("<html><body>Not found</body></html>"))).toBeUndefined();
    expect(sniffFormat(bytes([0xff, 0xfb]))).toBeUndefined();
  });
});
