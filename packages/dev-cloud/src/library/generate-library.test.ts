import { describe, expect, it } from "vitest";
import { AUDIO_FORMAT_NAMES, AUDIO_FORMATS } from "./audio-formats.js";
import { type GeneratedLibrary, generateLibrary, type PlannedFile } from "./generate-library.js";
import type { BrokenKind, TrackFacts } from "./library-types.js";
import { TONE_DURATION_MS, toneForTrack } from "./tone-plan.js";

const NOW = Date.UTC(2025, 5, 1, 12);
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const generate = (tracks: number, seed = 42) => generateLibrary({ tracks, seed, now: NOW });
const files = (library: GeneratedLibrary) =>
  library.items.filter((item): item is PlannedFile => item.kind === "file");
const trackFiles = (library: GeneratedLibrary) =>
  files(library).filter((file) => file.content.type === "track");
const lyricsFiles = (library: GeneratedLibrary) =>
  files(library).filter((file) => file.content.type === "lyrics");
const trackOf = (file: PlannedFile): TrackFacts => {
  if (file.content.type === "bytes") throw new Error(`${file.path.join("/")} has no track.`);
  return file.content.track;
};
const baseName = (name: string) => name.slice(0, name.lastIndexOf("."));
const countBy = <T>(values: readonly T[]) => {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
};

const large = generate(10_000);
const small = generate(10);

/**
 * Invariants every generated library keeps, whatever its size. Problems are
 * collected and compared once: 150,000 separate `expect`s would take seconds.
 */
function wellFormedProblems(library: GeneratedLibrary, trackCount: number): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const { tracks, items } = library;
  check(tracks.length === trackCount, `${tracks.length} tracks`);
  tracks.forEach((track, index) => {
    check(track.index === index, `track ${index} has index ${track.index}`);
    check(track.durationMs === TONE_DURATION_MS, `track ${index} lasts ${track.durationMs} ms`);
    check(
      track.frequencyHz === toneForTrack(index),
      `track ${index} plays ${track.frequencyHz} Hz`,
    );
  });

  // Every folder comes before what it holds, and names are unique per folder.
  const folders = new Set<string>([""]);
  const namesByFolder = new Map<string, Set<string>>();
  for (const item of items) {
    const path = item.path.join("/");
    const parent = item.path.slice(0, -1).join("/");
    const name = item.path.at(-1) ?? "";
    check(item.path[0] === "Music", `${path} is outside Music`);
    check(folders.has(parent), `${path} comes before its folder`);
    check(name.length > 0 && !/^\s|\s$|["*:<>?/\\|]/.test(name), `${path} has a bad name`);
    const names = namesByFolder.get(parent) ?? new Set<string>();
    check(!names.has(name.toLowerCase()), `${path} is a duplicate`);
    names.add(name.toLowerCase());
    namesByFolder.set(parent, names);
    if (item.kind === "folder") folders.add(path);
    check(item.time < NOW, `${path} is from the future`);
  }

  // One audio file per track, in index order, named and typed after its format.
  const audio = trackFiles(library);
  check(
    audio.map((file) => trackOf(file).index).join() === tracks.map((track) => track.index).join(),
    "audio files are not in track order",
  );
  for (const file of audio) {
    const track = trackOf(file);
    const path = file.path.join("/");
    const name = file.path.at(-1) ?? "";
    const { extension, mimeType } = AUDIO_FORMATS[track.format];
    check(
      name.endsWith(`.${extension}`) && file.mimeType === mimeType,
      `${path} is not ${track.format}`,
    );
    if (file.path[1] === "Singles") {
      check(file.path.length === 3, `${path} is too deep`);
      check(name === `${track.albumArtist} - ${track.title}.${extension}`, `${path} is misnamed`);
    } else {
      const folder = file.path.slice(1, 3).join("/");
      check(folder === `${track.albumArtist}/${track.album}`, `${path} is in the wrong folder`);
      const number = String(track.trackNumber).padStart(2, "0");
      const prefix = track.discCount > 1 ? `${track.discNumber}-${number} ` : `${number} `;
      check(name === `${prefix}${track.title}.${extension}`, `${path} is misnamed`);
    }
    const { recordingId, releaseId, artistId } = track.musicBrainz;
    check(
      [recordingId, releaseId, artistId].every((id) => UUID_V4.test(id)),
      `${path} MBIDs`,
    );
    check(Number.isSafeInteger(track.lrclibId) && track.lrclibId > 0, `${path} lrclibId`);
    check(track.year >= 1965 && track.year <= 2025, `${path} year ${track.year}`);
  }
  check(new Set(tracks.map((track) => track.lrclibId)).size === trackCount, "lrclibIds repeat");
  const recordings = new Set(tracks.map((track) => track.musicBrainz.recordingId));
  check(recordings.size === trackCount, "recording ids repeat");
  return problems;
}

describe("generateLibrary", () => {
  it("is deterministic: the same seed gives the same library", () => {
    expect(generate(200, 7)).toEqual(generate(200, 7));
  });

  it("gives a different library for a different seed", () => {
    const a = generate(200, 7);
    const b = generate(200, 8);
    expect(a.tracks.map((track) => track.title)).not.toEqual(b.tracks.map((track) => track.title));
    expect(a.tracks[0]?.musicBrainz.recordingId).not.toBe(b.tracks[0]?.musicBrainz.recordingId);
  });

  it.each([0, 1, 2, 5, 9, 10, 37, 250])("builds a well-formed library of %i tracks", (count) => {
    expect(wellFormedProblems(generate(count), count)).toEqual([]);
  });

  it("builds a well-formed library of 10,000 tracks", () => {
    expect(wellFormedProblems(large, 10_000)).toEqual([]);
  });

  it("holds only Music/notes.txt when there are no tracks", () => {
    expect(generate(0).items.map((item) => item.path.join("/"))).toEqual([
      "Music",
      "Music/notes.txt",
    ]);
  });

  it("makes a single healthy album track when asked for one", () => {
    const [track] = generate(1).tracks;
    expect(track?.broken).toBeUndefined();
    expect(track).toMatchObject({ trackNumber: 1, trackCount: 1, discNumber: 1, discCount: 1 });
  });

  it("breaks no track below 10 tracks", () => {
    for (let count = 0; count < 10; count++) {
      expect(generate(count, count).tracks.filter((track) => track.broken)).toEqual([]);
    }
  });

  it.each([
    ["10", small, 3],
    ["10,000", large, 250],
  ] as const)(
    "with %s tracks breaks about 1 in 40, every kind at least once",
    (_, library, expected) => {
      const broken = library.tracks.filter((track) => track.broken !== undefined);
      expect(broken).toHaveLength(expected);
      const kinds = new Set(broken.map((track) => track.broken));
      expect(kinds).toEqual(new Set<BrokenKind>(["truncated", "corrupt", "not-audio"]));
    },
  );

  it.each([
    ["10", small],
    ["10,000", large],
  ] as const)(
    "with %s tracks has healthy tracks of every format, with and without covers, and with lyrics",
    (_, library) => {
      const healthy = library.tracks.filter((track) => track.broken === undefined);
      expect(new Set(healthy.map((track) => track.format))).toEqual(new Set(AUDIO_FORMAT_NAMES));
      expect(new Set(healthy.map((track) => track.hasCover))).toEqual(new Set([true, false]));
      expect(healthy.some((track) => track.hasLyrics)).toBe(true);
    },
  );

  it("draws formats, covers and lyrics in the planned proportions", () => {
    const share = (count: number | undefined) => (count ?? 0) / large.tracks.length;
    const formats = countBy(large.tracks.map((track) => track.format));
    const expected = {
      mp3: 0.4,
      flac: 0.2,
      m4a: 0.15,
      "ogg-vorbis": 0.1,
      "ogg-opus": 0.1,
      wav: 0.05,
    };
    for (const [format, target] of Object.entries(expected)) {
      expect(share(formats.get(format as keyof typeof expected))).toBeCloseTo(target, 1);
    }
    expect(share(large.tracks.filter((track) => track.hasCover).length)).toBeCloseTo(0.5, 1);
    expect(share(large.tracks.filter((track) => track.hasLyrics).length)).toBeCloseTo(0.3, 1);
  });

  it("groups tracks into artists, albums of 6–14 and singles", () => {
    const artists = new Set(large.tracks.map((track) => track.albumArtist));
    expect(artists.size).toBe(Math.round(10_000 / 12));
    expect(new Set(small.tracks.map((track) => track.albumArtist)).size).toBeGreaterThanOrEqual(2);

    const albumTracks = trackFiles(large).filter((file) => file.path[1] !== "Singles");
    const albums = countBy(albumTracks.map((file) => trackOf(file).musicBrainz.releaseId));
    for (const size of albums.values()) {
      expect(size).toBeGreaterThanOrEqual(6);
      expect(size).toBeLessThanOrEqual(14);
    }
    const singles = trackFiles(large).length - albumTracks.length;
    expect(singles / 10_000).toBeCloseTo(0.08, 2);

    const twoDisc = large.tracks.filter((track) => track.discCount === 2);
    expect(twoDisc.length).toBeGreaterThan(0);
    for (const track of twoDisc)
      expect(track.discNumber === 1 || track.discNumber === 2).toBe(true);
    expect(large.tracks.some((track) => track.artist !== track.albumArtist)).toBe(true);

    const genres = new Set(large.tracks.map((track) => track.genre));
    expect(genres.size).toBeGreaterThanOrEqual(8);
    expect(genres.size).toBeLessThanOrEqual(12);
  });

  it("gives every album's tracks the same release, artist, year and track count per disc", () => {
    const byRelease = new Map<string, TrackFacts[]>();
    for (const track of large.tracks) {
      const list = byRelease.get(track.musicBrainz.releaseId) ?? [];
      list.push(track);
      byRelease.set(track.musicBrainz.releaseId, list);
    }
    const problems: string[] = [];
    for (const [releaseId, tracks] of byRelease) {
      const [first] = tracks;
      const shared = (track: TrackFacts) =>
        [track.album, track.albumArtist, track.year, track.musicBrainz.artistId].join("|");
      if (tracks.some((track) => shared(track) !== (first && shared(first)))) {
        problems.push(`${releaseId}: tags differ`);
      }
      for (const disc of [1, 2]) {
        const onDisc = tracks.filter((track) => track.discNumber === disc);
        const numbers = onDisc.map((track) => track.trackNumber).join();
        if (numbers !== onDisc.map((_, i) => i + 1).join()) {
          problems.push(`${releaseId} disc ${disc}: tracks ${numbers}`);
        }
        if (onDisc.some((track) => track.trackCount !== onDisc.length)) {
          problems.push(`${releaseId} disc ${disc}: wrong track count`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("puts an .lrc sidecar with the same base name next to each track with lyrics", () => {
    for (const library of [small, large]) {
      const audioByPath = new Map(
        trackFiles(library).map((file) => [
          [...file.path.slice(0, -1), baseName(file.path.at(-1) ?? "")].join("/"),
          trackOf(file),
        ]),
      );
      const sidecars = lyricsFiles(library);
      expect(sidecars).toHaveLength(library.tracks.filter((track) => track.hasLyrics).length);
      for (const sidecar of sidecars) {
        const name = sidecar.path.at(-1) ?? "";
        expect(name.endsWith(".lrc")).toBe(true);
        expect(sidecar.mimeType).toBe("text/plain");
        const key = [...sidecar.path.slice(0, -1), baseName(name)].join("/");
        expect(audioByPath.get(key)).toBe(trackOf(sidecar));
        expect(trackOf(sidecar).hasLyrics).toBe(true);
      }
    }
  });

  it("adds a text note and small real JPEG album images", () => {
    const extras = files(small).filter((file) => file.content.type === "bytes");
    const notes = extras.find((file) => file.path.join("/") === "Music/notes.txt");
    expect(notes?.mimeType).toBe("text/plain");
    const images = extras.filter((file) => file.path.at(-1) === "folder.jpg");
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      expect(image.path).toHaveLength(4);
      expect(image.mimeType).toBe("image/jpeg");
      const bytes = image.content.type === "bytes" ? image.content.bytes : new Uint8Array();
      expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
    }
  });

  it("rejects a track count that is negative or fractional, and a bad seed or time", () => {
    expect(() => generate(-1)).toThrow(/tracks/);
    expect(() => generate(2.5)).toThrow(/tracks/);
    expect(() => generateLibrary({ tracks: 1, seed: Number.NaN, now: NOW })).toThrow(/seed/);
    expect(() => generateLibrary({ tracks: 1, seed: 1, now: Number.NaN })).toThrow(/now/);
  });
});
