import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../../test-support/memory-storage.js";
import type { RangeClientStats } from "../byte-source.js";
import { readEmbeddedPicture } from "../read-embedded-picture.js";
import { readTags } from "../read-tags.js";
import { buildOggFile } from "../test-support/ogg-file-builder.js";
import {
  fillerBytes,
  pictureComment,
  type TestPicture,
} from "../test-support/tag-file-builders.js";

const FIELDS = [
  "TITLE=Blue in Green",
  "ARTIST=Miles Davis",
  "ARTIST=Bill Evans",
  "ALBUM=Kind of Blue",
  "album artist=Miles Davis",
  "TRACKNUMBER=3/5",
  "TOTALTRACKS=6",
  "DISCNUMBER=1",
  "DISCTOTAL=2",
  "DATE=1959-08-17",
  "GENRE=Jazz",
  "GENRE=Modal",
  "COMPOSER=Bill Evans",
  "COMPILATION=1",
  "REPLAYGAIN_TRACK_GAIN=-6.50 dB",
  "REPLAYGAIN_TRACK_PEAK=0.988",
  "REPLAYGAIN_ALBUM_GAIN=-7.25 dB",
  "REPLAYGAIN_ALBUM_PEAK=0.999",
  "MUSICBRAINZ_TRACKID=11111111-2222-3333-4444-555555555555",
  "MUSICBRAINZ_ALBUMID=66666666-7777-8888-9999-000000000000",
  "MUSICBRAINZ_ARTISTID=aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
  "UNSYNCEDLYRICS=  So blue  ",
];

const front: TestPicture = { type: 3, mimeType: "image/png", data: fillerBytes(3000, 5) };
const back: TestPicture = { type: 4, mimeType: "image/JPG", data: fillerBytes(2000, 6) };

function sameBytes(actual: Uint8Array | undefined, expected: Uint8Array): boolean {
  return actual !== undefined && Buffer.compare(actual, expected) === 0;
}

function storageWith(bytes: Uint8Array, options: { hideTotalSize?: boolean } = {}) {
  return new MemoryStorage({ file: bytes }, options);
}

describe("readTags on Ogg", () => {
  it("maps every Vorbis comment field and reads the stream facts", async () => {
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: [...FIELDS, pictureComment(front)],
      samples: 132_300,
      sampleRate: 44_100,
      channels: 2,
    });
    const tags = await readTags(storageWith(ogg), "file");
    expect(tags).toEqual({
      title: "Blue in Green",
      artists: ["Miles Davis", "Bill Evans"],
      album: "Kind of Blue",
      albumArtist: "Miles Davis",
      trackNumber: 3,
      trackTotal: 6,
      discNumber: 1,
      discTotal: 2,
      year: 1959,
      genres: ["Jazz", "Modal"],
      composers: ["Bill Evans"],
      compilation: true,
      replayGain: { trackGainDb: -6.5, trackPeak: 0.988, albumGainDb: -7.25, albumPeak: 0.999 },
      musicBrainz: {
        recordingId: "11111111-2222-3333-4444-555555555555",
        releaseId: "66666666-7777-8888-9999-000000000000",
        artistId: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee",
      },
      lyrics: "So blue",
      duration: 3,
      codec: "Vorbis I",
      sampleRate: 44_100,
      channels: 2,
      bitrate: 128_000,
      hasPicture: true,
    });
  });

  it("reads Opus: the input rate, duration net of the pre-skip, bitrate from the audio bytes", async () => {
    const ogg = buildOggFile({
      codec: "opus",
      fields: ["TITLE=Opus", "YEAR=2021"],
      samples: 96_000,
      sampleRate: 44_100,
      channels: 1,
      preSkip: 3840,
    });
    const tags = await readTags(storageWith(ogg), "file");
    expect(tags).toMatchObject({
      title: "Opus",
      year: 2021,
      codec: "Opus",
      sampleRate: 44_100,
      channels: 1,
      duration: 2,
      hasPicture: false,
    });
    // Three filler audio pages of 27 + 1 + 200 bytes.
    expect(tags.bitrate).toBe((8 * 3 * 228) / 2);
  });

  it("steps over a 400 KB cover on 4 KiB pages with a few small reads", async () => {
    const cover: TestPicture = { type: 3, mimeType: "image/png", data: fillerBytes(400_000, 9) };
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: ["TITLE=Before", pictureComment(cover), "ALBUM=After the cover"],
      samples: 44_100,
      segmentsPerPage: () => 16,
    });
    const stats: RangeClientStats = { requests: 0, bytes: 0 };
    const tags = await readTags(storageWith(ogg), "file", { stats });
    expect({ title: tags.title, album: tags.album, duration: tags.duration }).toEqual({
      title: "Before",
      album: "After the cover",
      duration: 1,
    });
    expect(stats.bytes).toBeLessThan(16 * 1024);
    expect(stats.requests).toBeLessThanOrEqual(6);

    const picture = await readEmbeddedPicture(storageWith(ogg), "file");
    expect(picture?.type).toBe("Cover (front)");
    expect(picture?.mimeType).toBe("image/png");
    expect(sameBytes(picture?.data, cover.data)).toBe(true);
  });

  it("walks page by page when the pages are uneven, and still finds every field", async () => {
    const cover: TestPicture = { type: 3, mimeType: "image/png", data: fillerBytes(60_000, 2) };
    const ogg = buildOggFile({
      codec: "opus",
      fields: [pictureComment(cover), "TITLE=Uneven"],
      samples: 48_000,
      segmentsPerPage: (page) => 10 + (page % 7),
    });
    const stats: RangeClientStats = { requests: 0, bytes: 0 };
    const tags = await readTags(storageWith(ogg), "file", { stats });
    expect(tags.title).toBe("Uneven");
    expect(tags.hasPicture).toBe(true);
    // Never the picture: page headers (and the windows around them) only.
    expect(stats.bytes).toBeLessThan(60_000);
    const picture = await readEmbeddedPicture(storageWith(ogg), "file");
    expect(picture?.data).toEqual(cover.data);
  });

  it("picks the front cover over an earlier back cover, else the first picture", async () => {
    const both = buildOggFile({
      codec: "vorbis",
      fields: [pictureComment(back), pictureComment(front)],
      samples: 100,
    });
    expect((await readEmbeddedPicture(storageWith(both), "file"))?.data).toEqual(front.data);
    const backOnly = buildOggFile({
      codec: "vorbis",
      fields: [pictureComment(back), pictureComment({ ...front, type: 0 })],
      samples: 100,
    });
    expect(await readEmbeddedPicture(storageWith(backOnly), "file")).toEqual({
      mimeType: "image/jpeg",
      type: "Cover (back)",
      data: back.data,
    });
  });

  it("does not read a picture over maxBytes", async () => {
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: [pictureComment({ ...front, data: fillerBytes(200_000, 4) })],
      samples: 100,
      segmentsPerPage: () => 32,
    });
    const storage = storageWith(ogg);
    expect(await readEmbeddedPicture(storage, "file", { maxBytes: 100_000 })).toBeUndefined();
    expect(storage.bytesRead).toBeLessThan(20_000);
  });

  it("reads the legacy COVERART comment when there is no picture block", async () => {
    const data = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5);
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: [`COVERART=${Buffer.from(data).toString("base64")}`],
      samples: 100,
    });
    expect((await readTags(storageWith(ogg), "file")).hasPicture).toBe(true);
    expect(await readEmbeddedPicture(storageWith(ogg), "file")).toEqual({
      mimeType: "image/png",
      data,
    });
  });

  it("has no duration when the drive does not tell the size, and the tags still", async () => {
    const ogg = buildOggFile({
      codec: "vorbis",
      fields: ["TITLE=Sizeless"],
      samples: 100,
      audioPageBytes: 5000,
    });
    const tags = await readTags(storageWith(ogg, { hideTotalSize: true }), "file");
    expect(tags.title).toBe("Sizeless");
    expect(tags.duration).toBeUndefined();
  });

  it("has no picture and says so when the comments were read to their end", async () => {
    const ogg = buildOggFile({ codec: "vorbis", fields: ["TITLE=Plain"], samples: 100 });
    expect((await readTags(storageWith(ogg), "file")).hasPicture).toBe(false);
    expect(await readEmbeddedPicture(storageWith(ogg), "file")).toBeUndefined();
  });
});
