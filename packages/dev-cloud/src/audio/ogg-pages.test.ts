import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { concatBytes } from "./byte-writer.js";
import { oggCrc32 } from "./crc32.js";
import {
  encodeOggPage,
  OGG_CONTINUED,
  OGG_NO_GRANULE,
  readLeadingPackets,
  readOggPages,
  writeOggPages,
} from "./ogg-pages.js";
import { findToneBankDirectory } from "./tone-bank.js";

const bankFile = (path: string): Uint8Array => readFileSync(join(findToneBankDirectory(), path));

/** A page's CRC recomputed with its checksum field zeroed. */
function recomputedChecksum(stream: Uint8Array, offset: number, length: number): number {
  const copy = stream.slice(offset, offset + length);
  copy.fill(0, 22, 26);
  return oggCrc32(copy);
}

describe("readOggPages", () => {
  it("splits a real Vorbis file into pages with valid checksums", () => {
    const ogg = bankFile("ogg-vorbis/3.ogg");
    const pages = readOggPages(ogg);
    expect(pages.length).toBeGreaterThan(3);
    expect(pages.map((p) => p.sequenceNumber)).toEqual(pages.map((_, i) => i));
    expect(pages.reduce((sum, p) => sum + p.length, 0)).toBe(ogg.length);
    for (const page of pages) {
      expect(recomputedChecksum(ogg, page.offset, page.length)).toBe(page.checksum);
    }
    // Beginning and end of stream flags.
    expect(pages[0]?.headerType).toBe(0x02);
    expect((pages.at(-1)?.headerType ?? 0) & 0x04).toBe(0x04);
  });

  it("rejects bytes that are not a page", () => {
    expect(() => readOggPages(new TextEncoder().encode("<html>not ogg at all</html>"))).toThrow(
      /No Ogg page at byte 0/,
    );
  });
});

describe("readLeadingPackets", () => {
  it("finds Vorbis's three header packets and the first audio page", () => {
    const pages = readOggPages(bankFile("ogg-vorbis/0.ogg"));
    const { packets, nextPage } = readLeadingPackets(pages, 3);
    expect(packets.map((p) => p[0])).toEqual([1, 3, 5]); // identification, comment, setup
    expect(new TextDecoder().decode(packets[1]?.subarray(1, 7))).toBe("vorbis");
    expect(pages[nextPage]?.granulePosition).toBeGreaterThan(0n);
  });
});

describe("writeOggPages", () => {
  const big = Uint8Array.from({ length: 70_000 }, (_, i) => i % 251);
  const small = Uint8Array.of(9, 8, 7);
  const written = writeOggPages([big, small], {
    serialNumber: 0x1234,
    firstSequenceNumber: 5,
    granulePosition: 0n,
  });
  const stream = concatBytes(written);
  const pages = readOggPages(stream);

  it("spreads a 70,000-byte packet over pages of at most 255 segments", () => {
    // 70,000 bytes = 274 segments of 255 and one of 130; plus 1 for the small packet.
    expect(pages.map((p) => p.lacing.length)).toEqual([255, 21]);
    expect(pages.map((p) => p.sequenceNumber)).toEqual([5, 6]);
    expect(pages.every((p) => p.serialNumber === 0x1234)).toBe(true);
  });

  it("marks continuation and leaves the granule unset where no packet ends", () => {
    expect(pages[0]?.headerType).toBe(0);
    expect(pages[0]?.granulePosition).toBe(OGG_NO_GRANULE);
    expect(pages[1]?.headerType).toBe(OGG_CONTINUED);
    expect(pages[1]?.granulePosition).toBe(0n);
  });

  it("writes checksums libogg would accept and packets that read back intact", () => {
    for (const page of pages) {
      expect(recomputedChecksum(stream, page.offset, page.length)).toBe(page.checksum);
    }
    const { packets } = readLeadingPackets(pages, 2);
    expect(Buffer.from(packets[0] ?? [])).toEqual(Buffer.from(big));
    expect(Buffer.from(packets[1] ?? [])).toEqual(Buffer.from(small));
  });

  it("ends a packet of exactly 255 bytes with a zero-length segment", () => {
    const written = writeOggPages([new Uint8Array(255)], {
      serialNumber: 1,
      firstSequenceNumber: 0,
      granulePosition: 0n,
    });
    expect(readOggPages(concatBytes(written)).map((p) => [...p.lacing])).toEqual([[255, 0]]);
  });
});

describe("encodeOggPage", () => {
  it("refuses more than 255 segments", () => {
    expect(() =>
      encodeOggPage({
        headerType: 0,
        granulePosition: 0n,
        serialNumber: 0,
        sequenceNumber: 0,
        lacing: new Uint8Array(256),
        body: new Uint8Array(0),
      }),
    ).toThrow(/255 segments/);
  });
});
