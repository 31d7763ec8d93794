import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../../test-support/memory-storage.js";
import { readEmbeddedPicture } from "../read-embedded-picture.js";
import { readTags } from "../read-tags.js";
import { buildOggFile, oggPage } from "../test-support/ogg-file-builder.js";
import { concat, fillerBytes, pictureComment } from "../test-support/tag-file-builders.js";
import { parseOggPageHeader } from "./ogg-page.js";

/** Offsets of every page of a well-formed stream. */
function pageOffsets(ogg: Uint8Array): number[] {
  const offsets: number[] = [];
  for (let offset = 0; offset < ogg.length; ) {
    const page = parseOggPageHeader(ogg, offset, offset);
    if (page === undefined) break;
    offsets.push(offset);
    offset += page.headerLength + page.bodyLength;
  }
  return offsets;
}

const read = (bytes: Uint8Array) => {
  const storage = new MemoryStorage({ file: bytes });
  return { storage, tags: readTags(storage, "file") };
};

describe("the Ogg reader on hostile streams", () => {
  it("stops at the bytes there are when the comment count is 2^32-1", async () => {
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: ["TITLE=Counted", "ALBUM=Wrong"],
      samples: 100,
    });
    const [, second = 0] = pageOffsets(ogg);
    const body = second + 27 + (ogg[second + 26] ?? 0);
    // Comment magic (7), vendor length and "test" (8), then the count.
    new DataView(ogg.buffer).setUint32(body + 15, 0xffffffff, true);
    const { tags } = read(ogg);
    const result = await tags;
    expect({ title: result.title, album: result.album, picture: result.hasPicture }).toEqual({
      title: "Counted",
      album: "Wrong",
      // The list never reached its declared end: whether a picture follows is unknown.
      picture: undefined,
    });
  });

  it("reads no fields when the vendor string claims 4 GiB", async () => {
    const ogg = buildOggFile({ codec: "opus", fields: ["TITLE=Hidden"], samples: 100 });
    const [, second = 0] = pageOffsets(ogg);
    new DataView(ogg.buffer).setUint32(second + 27 + (ogg[second + 26] ?? 0) + 8, 0xffffffff, true);
    const result = await read(ogg).tags;
    expect({ title: result.title, codec: result.codec }).toEqual({
      title: undefined,
      codec: "Opus",
    });
  });

  it("crosses a zero-length page in the middle of the comment packet", async () => {
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: ["TITLE=Across", `COMMENT=${"x".repeat(2000)}`, "ALBUM=Far"],
      samples: 100,
      segmentsPerPage: () => 3,
    });
    const offsets = pageOffsets(ogg);
    const at = offsets[3] ?? 0;
    const empty = oggPage({
      headerType: 1,
      granule: -1n,
      serial: 0x1234,
      sequence: 99,
      segments: [],
    });
    const withEmpty = concat([ogg.subarray(0, at), empty, ogg.subarray(at)]);
    const result = await read(withEmpty).tags;
    expect({ title: result.title, album: result.album }).toEqual({ title: "Across", album: "Far" });
  });

  it("keeps the fields before a page whose length points past the end of the file", async () => {
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: [
        "TITLE=Kept",
        pictureComment({ type: 3, mimeType: "image/png", data: fillerBytes(9000) }),
      ],
      samples: 100,
      segmentsPerPage: () => 8,
    });
    const offsets = pageOffsets(ogg);
    const cut = ogg.subarray(0, (offsets[4] ?? 0) + 100);
    const { storage, tags } = read(cut);
    const result = await tags;
    expect({ title: result.title, duration: result.duration }).toEqual({
      title: "Kept",
      duration: undefined,
    });
    expect(storage.bytesRead).toBeLessThanOrEqual(cut.length);
    expect(await readEmbeddedPicture(new MemoryStorage({ file: cut }), "file")).toBeUndefined();
  });

  it("gives up on a packet of thousands of uneven tiny pages after the page budget", async () => {
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: ["TITLE=Early", `COMMENT=${"y".repeat(600_000)}`, "ALBUM=Never reached"],
      samples: 100,
      segmentsPerPage: (page) => 1 + (page % 2),
    });
    expect(pageOffsets(ogg).length).toBeGreaterThan(1500);
    const { storage, tags } = read(ogg);
    const result = await tags;
    expect({ title: result.title, album: result.album }).toEqual({
      title: "Early",
      album: undefined,
    });
    // 512 page headers at most, plus the head and a few failed guesses.
    expect(storage.reads.length).toBeLessThanOrEqual(520);
  });

  it("does not trust a jumped stretch whose pages turn out to be something else", async () => {
    const data = fillerBytes(200_000, 8);
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: [pictureComment({ type: 3, mimeType: "image/png", data }), "TITLE=After"],
      samples: 100,
      segmentsPerPage: () => 16,
    });
    const offsets = pageOffsets(ogg);
    // A page deep inside the picture loses its continuation flag: the stretch is not whole pages.
    const broken = ogg.slice();
    const middle = offsets[Math.floor(offsets.length / 2)] ?? 0;
    broken[middle + 5] = 0;
    const result = await read(broken).tags;
    expect(result.title).toBe("After");
    const picture = await readEmbeddedPicture(new MemoryStorage({ file: broken }), "file");
    expect(picture).toBeUndefined();
  });
});
