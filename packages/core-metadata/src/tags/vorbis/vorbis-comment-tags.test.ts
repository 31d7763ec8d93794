import fc from "fast-check";
import { parseBuffer } from "music-metadata";
import { describe, expect, it } from "vitest";
import { MemoryStorage } from "../../test-support/memory-storage.js";
import { toTrackTags } from "../music-metadata-reader.js";
import { readTags } from "../read-tags.js";
import { buildOggFile } from "../test-support/ogg-file-builder.js";
import { buildFlacFile, fillerBytes, pictureComment } from "../test-support/tag-file-builders.js";
import type { TrackTags } from "../track-tags.js";
import { tagsFromVorbisComments } from "./vorbis-comment-tags.js";

/** Every name the mapping knows, some in the case files use, plus names it must ignore. */
const NAMES = [
  "TITLE",
  "title",
  "ARTIST",
  "Artist",
  "ARTISTS",
  "DISCOGS_ARTIST_NAME",
  "ALBUMARTIST",
  "ALBUM ARTIST",
  "DISCOGS_ALBUM_ARTISTS",
  "ALBUM",
  "TRACKNUMBER",
  "TRACKTOTAL",
  "TOTALTRACKS",
  "DISCNUMBER",
  "DISCTOTAL",
  "TOTALDISCS",
  "DATE",
  "DISCOGS_RELEASED",
  "GENRE",
  "STYLE",
  "COMPOSER",
  "COMPILATION",
  "REPLAYGAIN_TRACK_GAIN",
  "REPLAYGAIN_TRACK_PEAK",
  "REPLAYGAIN_ALBUM_GAIN",
  "REPLAYGAIN_ALBUM_PEAK",
  "MUSICBRAINZ_TRACKID",
  "MUSICBRAINZ_ALBUMID",
  "MUSICBRAINZ_ARTISTID",
  "LYRICS",
  "UNSYNCEDLYRICS",
  "COMMENT",
  "ENCODER",
];

const value = fc.oneof(
  fc.constantFrom("", "1", "0", "3/12", "07/", "/9", " 4", "x", "2001-05-06", "-6.5 dB"),
  fc.constantFrom("0.98", "-3 db", "1 2 dB", "[00:01.50]la\n[00:02.00]di", "a=b", "Ünïcødé"),
  fc.integer({ min: -5, max: 3000 }).map(String),
  fc.string({ maxLength: 12 }),
);

const comments = fc.array(
  fc.tuple(fc.constantFrom(...NAMES), value).map(([name, text]) => `${name}=${text}`),
  { maxLength: 24 },
);

/** What both readers report the same (Opus' bitrate differs: see readOggTags). */
function comparable(tags: TrackTags, keepBitrate: boolean): Omit<TrackTags, "hasPicture"> {
  const { hasPicture: _picture, bitrate, ...rest } = tags;
  return keepBitrate && bitrate !== undefined ? { ...rest, bitrate } : rest;
}

async function ours(bytes: Uint8Array): Promise<TrackTags> {
  return readTags(new MemoryStorage({ file: bytes }), "file");
}

async function musicMetadata(bytes: Uint8Array): Promise<TrackTags> {
  return toTrackTags(
    await parseBuffer(bytes, undefined, { duration: true, skipCovers: true }),
    false,
  );
}

describe("Vorbis comments map as music-metadata maps them", () => {
  it("gives the same TrackTags as music-metadata for any comment list (Ogg Vorbis, Opus, FLAC)", async () => {
    const cover = pictureComment({ type: 3, mimeType: "image/png", data: fillerBytes(300) });
    await fc.assert(
      fc.asyncProperty(comments, fc.boolean(), async (fields, withCover) => {
        const all = withCover ? [...fields, cover] : fields;
        const vorbis = buildOggFile({ codec: "vorbis", fields: all, samples: 88_200 });
        expect(comparable(await ours(vorbis), true)).toEqual(
          comparable(await musicMetadata(vorbis), true),
        );
        const opus = buildOggFile({ codec: "opus", fields: all, samples: 48_000 });
        expect(comparable(await ours(opus), false)).toEqual(
          comparable(await musicMetadata(opus), false),
        );
        const flac = buildFlacFile({ fields: all, totalSamples: 44_100 });
        expect(comparable(await ours(flac), true)).toEqual(
          comparable(await musicMetadata(flac), true),
        );
      }),
      { numRuns: 150 },
    );
  });

  it("takes YEAR only when no DATE gives a year (music-metadata ignores YEAR)", () => {
    expect(tagsFromVorbisComments([{ key: "YEAR", value: "1999" }]).year).toBe(1999);
    expect(
      tagsFromVorbisComments([
        { key: "YEAR", value: "1999" },
        { key: "DATE", value: "2004-01-01" },
      ]).year,
    ).toBe(2004);
  });

  it("keeps the first album artist and every distinct artist", () => {
    const tags = tagsFromVorbisComments([
      { key: "ARTIST", value: "A" },
      { key: "ALBUMARTIST", value: "First" },
      { key: "ARTIST", value: "B" },
      { key: "ARTIST", value: "A" },
      { key: "ALBUMARTIST", value: "Second" },
    ]);
    expect({ artists: tags.artists, albumArtist: tags.albumArtist }).toEqual({
      artists: ["A", "B"],
      albumArtist: "First",
    });
  });
});
