import { beforeAll, describe, expect, it } from "vitest";
import type { TrackRecord } from "./library-records.js";
import type { LibraryService } from "./library-service.js";
import { audioFile, batch, createLibrary } from "./test-support/library-fixtures.js";
import type { Track } from "./track.js";
import {
  IN_MEMORY_SORT_LIMIT,
  queryTracks,
  type TrackFilter,
  type TrackQuery,
  type TrackSort,
} from "./track-query.js";

const ARTISTS = ["Zappa", "Ábba", "Beatles", "beyoncé"];
const GENRES = ["Rock", "Pop", "Jazz"];

/** 60 tracks: 4 artists × 3 albums × 5 tracks, with varied durations, years, genres. */
async function seed(library: LibraryService): Promise<void> {
  const files = [];
  let n = 0;
  for (const artist of ARTISTS) {
    for (let album = 1; album <= 3; album++) {
      for (let track = 5; track >= 1; track--) {
        n++;
        files.push(
          audioFile(
            `f${n}`,
            `/${artist}/Album ${album}/0${track} Song ${String.fromCharCode(65 + (n % 26))}${n}.mp3`,
            {
              tags: {
                title: `Song ${String.fromCharCode(65 + (n % 26))}${n}`,
                artist,
                album: `Album ${album}`,
                trackNumber: track,
                discNumber: 1,
                durationMs: ((n * 7919) % 300) * 1000,
                year: 1990 + album,
                genre: GENRES[n % 3] ?? "",
              },
            },
          ),
        );
      }
    }
  }
  await library.applySyncBatch(batch(files));
  await library.applySyncBatch({
    ...batch([audioFile("o1", "/Other/X/o.mp3")]),
    accountId: "other",
  });
}

async function readAll(library: LibraryService, query: TrackQuery): Promise<Track[]> {
  const all: Track[] = [];
  let cursor: string | null | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await library.queryTracks({ ...query, cursor, limit: 7 });
    expect(page.items.length).toBeLessThanOrEqual(7);
    all.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) return all;
  }
  throw new Error("too many pages");
}

const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
const byTuple =
  (tuple: (track: Track) => (string | number)[]) =>
  (a: Track, b: Track): number => {
    const left = tuple(a);
    const right = tuple(b);
    for (let i = 0; i < left.length; i++) {
      const x = left[i] as string | number;
      const y = right[i] as string | number;
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };

describe("queryTracks", () => {
  const { library } = createLibrary();
  let everything: Track[] = [];
  beforeAll(async () => {
    await seed(library);
    everything = (await library.queryTracks({ limit: 1000 })).items;
    await library.recordPlay(everything[3]?.key ?? "");
    await library.recordPlay(everything[3]?.key ?? "");
    await library.recordPlay(everything[9]?.key ?? "");
    everything = (await library.queryTracks({ limit: 1000 })).items;
  });

  const orders: [TrackQuery["sort"], (track: Track) => (string | number)[]][] = [
    ["title", (t) => [fold(t.title), t.key]],
    [
      "artist",
      (t) => [
        fold(t.albumArtist ?? t.artist),
        fold(t.album),
        t.discNumber ?? 0,
        t.trackNumber ?? 0,
        t.key,
      ],
    ],
    ["album", (t) => [fold(t.album), t.albumId, t.discNumber ?? 0, t.trackNumber ?? 0, t.key]],
    ["dateAdded", (t) => [t.addedAt, t.key]],
    ["duration", (t) => [t.durationMs ?? 0, t.key]],
    ["playCount", (t) => [t.playCount, t.key]],
  ];

  it.each(orders)("pages through every track sorted by %s, both ways", async (sort, tuple) => {
    const expected = [...everything].sort(byTuple(tuple));
    expect((await readAll(library, { sort })).map((t) => t.key)).toEqual(
      expected.map((t) => t.key),
    );
    expect((await readAll(library, { sort, direction: "desc" })).map((t) => t.key)).toEqual(
      expected.reverse().map((t) => t.key),
    );
  });

  it("orders an artist's tracks by album, disc and track number", async () => {
    const page = await library.queryTracks({ sort: "artist", limit: 5 });
    expect(page.items.map((t) => [t.artist, t.album, t.trackNumber])).toEqual([
      ["Ábba", "Album 1", 1],
      ["Ábba", "Album 1", 2],
      ["Ábba", "Album 1", 3],
      ["Ábba", "Album 1", 4],
      ["Ábba", "Album 1", 5],
    ]);
  });

  const filters: [string, TrackQuery["filter"], (track: Track) => boolean][] = [
    ["artist", { artistId: "beyonce" }, (t) => t.artist === "beyoncé"],
    [
      "album",
      { albumId: "zappa\u0001album 2" },
      (t) => t.artist === "Zappa" && t.album === "Album 2",
    ],
    ["genre", { genre: "JAZZ" }, (t) => t.genre === "Jazz"],
    ["year", { year: 1992 }, (t) => t.year === 1992],
    ["account", { accountId: "other" }, (t) => t.accountId === "other"],
    ["folder", { folderId: "" }, () => false],
    ["several", { year: 1991, genre: "pop" }, (t) => t.year === 1991 && t.genre === "Pop"],
  ];

  it.each(filters)(
    "filters by %s, in any order, with paging",
    async (_label, filter, predicate) => {
      for (const [sort, tuple] of orders) {
        const expected = everything.filter(predicate).sort(byTuple(tuple));
        expect((await readAll(library, { sort, filter })).map((t) => t.key)).toEqual(
          expected.map((t) => t.key),
        );
      }
      expect(await library.countTracks(filter)).toBe(everything.filter(predicate).length);
    },
  );

  it("filters by folder and by favourites", async () => {
    const track = everything[0] as Track;
    const inFolder = everything.filter((t) => t.folderId === track.folderId);
    expect((await readAll(library, { filter: { folderId: track.folderId } })).length).toBe(
      inFolder.length,
    );
    await library.setFavorite(track.key, true);
    expect(
      (await library.queryTracks({ filter: { favorite: true } })).items.map((t) => t.key),
    ).toEqual([track.key]);
    await library.setFavorite(track.key, false);
    expect(await library.countTracks({ favorite: true })).toBe(0);
  });

  it("lists albums, albums by artist and artists, paged", async () => {
    const albums = await library.listAlbums({ limit: 5 });
    expect(albums.items).toHaveLength(5);
    const rest = await library.listAlbums({ limit: 100, cursor: albums.nextCursor });
    expect(albums.items.length + rest.items.length).toBe(13);
    expect(rest.nextCursor).toBeNull();
    const zappa = await library.listAlbums({ artistId: "zappa", limit: 2 });
    const zappaRest = await library.listAlbums({
      artistId: "zappa",
      limit: 2,
      cursor: zappa.nextCursor,
    });
    expect([...zappa.items, ...zappaRest.items].map((a) => a.title)).toEqual([
      "Album 1",
      "Album 2",
      "Album 3",
    ]);
    expect(zappaRest.nextCursor).toBeNull();
    const artists = await library.listArtists({ limit: 100 });
    expect(artists.items.map((a) => a.name)).toEqual(
      ["Other", "Ábba", "Beatles", "beyoncé", "Zappa"].sort((a, b) => (fold(a) < fold(b) ? -1 : 1)),
    );
  });

  it("rejects bad limits and cursors", async () => {
    await expect(library.queryTracks({ limit: 0 })).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
    await expect(library.queryTracks({ cursor: "{" })).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
  });

  it("gives the same pages when large filtered sets are read through the sort index", async () => {
    for (const [, filter] of filters) {
      for (const [sort] of orders) {
        for (const direction of ["asc", "desc"] as const) {
          let cursor: string | null | undefined;
          do {
            const query = { sort, direction, filter, limit: 4, cursor };
            const inMemory = await queryTracks(library.database, query, IN_MEMORY_SORT_LIMIT);
            const scanned = await queryTracks(library.database, query, 0);
            expect(scanned).toEqual(inMemory);
            cursor = inMemory.nextCursor;
          } while (cursor !== null);
        }
      }
    }
  });
});

describe("queryTracks over the filter sort indexes", () => {
  const { library } = createLibrary();
  const TOTAL = 3000;
  let records: TrackRecord[] = [];
  beforeAll(async () => {
    const genres = ["Rock", "Pop", "Jazz", "Électro", undefined];
    const file = (n: number) =>
      audioFile(`f${n}`, `/A${n % 23}/B${n % 11}/${n % 17} Song ${(n * 7919) % TOTAL}.mp3`, {
        tags: {
          title: `Song ${(n * 7919) % 97}`,
          artist: ARTISTS[n % ARTISTS.length] ?? "",
          album: `Album ${n % 11}`,
          trackNumber: n % 17,
          discNumber: n % 2,
          durationMs: ((n * 104729) % 400) * 1000,
          ...(n % 9 === 0 ? {} : { year: 1980 + (n % 13) }),
          ...(genres[n % 5] === undefined ? {} : { genre: genres[n % 5] }),
        },
      });
    const files = Array.from({ length: TOTAL }, (_, n) => file(n));
    await library.applySyncBatch(batch(files.slice(0, 2200)));
    await library.applySyncBatch({ ...batch(files.slice(2200)), accountId: "other" });
    await library.database.tracks.toCollection().modify((row) => {
      row.playCount = (row.durationSort / 1000) % 4;
    });
    records = await library.database.tracks.toArray();
    expect(records).toHaveLength(TOTAL);
  });

  const tuples: [TrackSort, (r: TrackRecord) => (string | number)[]][] = [
    ["title", (r) => [r.titleSort, r.key]],
    ["artist", (r) => [r.artistSort, r.albumSort, r.discSort, r.trackSort, r.key]],
    ["album", (r) => [r.albumSort, r.albumId, r.discSort, r.trackSort, r.key]],
    ["dateAdded", (r) => [r.addedAt, r.key]],
    ["duration", (r) => [r.durationSort, r.key]],
    ["playCount", (r) => [r.playCount, r.key]],
  ];
  const filters: [string, TrackFilter, (r: TrackRecord) => boolean][] = [
    ["genre", { genre: "ROCK" }, (r) => r.genre === "Rock"],
    ["folded genre", { genre: "electro" }, (r) => r.genre === "Électro"],
    ["year", { year: 1985 }, (r) => r.year === 1985],
    ["account", { accountId: "acc" }, (r) => r.accountId === "acc"],
    ["other account", { accountId: "other" }, (r) => r.accountId === "other"],
    ["no match", { genre: "polka" }, () => false],
    ["genre and year", { genre: "jazz", year: 1990 }, (r) => r.genre === "Jazz" && r.year === 1990],
    [
      "account and artist",
      { accountId: "acc", artistId: "beatles" },
      (r) => r.accountId === "acc" && r.artist === "Beatles",
    ],
  ];

  it.each(filters)(
    "pages %s the same as an in-memory sort, in every order",
    async (_l, filter, matches) => {
      for (const [sort, tuple] of tuples) {
        const ascending = records.filter(matches).sort((a, b) => {
          const left = tuple(a);
          const right = tuple(b);
          for (let i = 0; i < left.length; i++) {
            const x = left[i] as string | number;
            const y = right[i] as string | number;
            if (x !== y) return x < y ? -1 : 1;
          }
          return 0;
        });
        for (const direction of ["asc", "desc"] as const) {
          const expected = (direction === "asc" ? ascending : [...ascending].reverse()).map(
            (r) => r.key,
          );
          const limit = 149;
          let cursor: string | null = null;
          let offset = 0;
          do {
            // In-memory limit 0: combined filters too walk a filter sort index (one filter always does).
            const page = await queryTracks(
              library.database,
              { sort, direction, filter, limit, cursor },
              0,
            );
            expect(page.items.map((r) => r.key)).toEqual(expected.slice(offset, offset + limit));
            offset += limit;
            cursor = page.nextCursor;
            expect(cursor === null).toBe(offset >= expected.length);
          } while (cursor !== null);
        }
      }
    },
    30_000,
  );
});
