import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { LibraryDatabase } from "./library-database.js";
import { LIBRARY_SCHEMA, LIBRARY_SCHEMA_VERSION, type SchemaVersion } from "./library-schema.js";
import { LibraryService } from "./library-service.js";
import { audioFile, batch, createLibrary } from "./test-support/library-fixtures.js";
import { type Page, queryTracks, type TrackQuery, type TrackSort } from "./track-query.js";

describe("LibraryDatabase", () => {
  it("creates every table of the current version", async () => {
    const db = new LibraryDatabase("lib", { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(LIBRARY_SCHEMA_VERSION);
    expect(db.tables.map((table) => table.name).sort()).toEqual([
      "albums",
      "artists",
      "artwork",
      "artworkImages",
      "artworkVariants",
      "cacheEntries",
      "folderImages",
      "folders",
      "lyrics",
      "playlistEntries",
      "playlists",
      "session",
      "syncState",
      "tracks",
    ]);
    db.close();
  });

  it("keeps versions increasing", () => {
    const versions = LIBRARY_SCHEMA.map((step) => step.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
  });

  it("upgrades a v1 database with tracks to v2, keeping them and paging them the same through the new indexes", async () => {
    // Tracks made by the current code, stored in a database created at v1.
    const { library: source } = createLibrary();
    const genres = ["Rock", "Pop", "Jazz", undefined];
    await source.applySyncBatch(
      batch(
        Array.from({ length: 120 }, (_, n) =>
          audioFile(`f${n}`, `/A${n % 5}/B${n % 7}/${n % 13} Song ${(n * 37) % 120}.mp3`, {
            tags: {
              title: `Song ${(n * 37) % 120}`,
              artist: `Artist ${n % 5}`,
              album: `Album ${n % 7}`,
              trackNumber: n % 13,
              durationMs: ((n * 7919) % 50) * 1000,
              ...(n % 6 === 0 ? {} : { year: 1990 + (n % 4) }),
              ...(genres[n % 4] === undefined ? {} : { genre: genres[n % 4] }),
            },
          }),
        ),
      ),
    );
    await source.applySyncBatch({
      ...batch([audioFile("o1", "/Other/X/o.mp3")]),
      accountId: "other",
    });
    const records = await source.database.tracks.toArray();
    source.destroy();

    const indexedDB = new IDBFactory();
    const v1 = new LibraryDatabase("lib", { indexedDB, IDBKeyRange }, LIBRARY_SCHEMA.slice(0, 1));
    await v1.open();
    expect(v1.verno).toBe(1);
    await v1.tracks.bulkPut(records);
    const filters: NonNullable<TrackQuery["filter"]>[] = [
      { genre: "jazz" },
      { year: 1991 },
      { accountId: "acc" },
      { accountId: "other" },
      { genre: "rock", year: 1993 },
    ];
    const sorts: TrackSort[] = ["title", "artist", "album", "dateAdded", "duration", "playCount"];
    const readPages = async (db: LibraryDatabase) => {
      const pages: Page<unknown>[] = [];
      for (const filter of filters) {
        for (const sort of sorts) {
          for (const direction of ["asc", "desc"] as const) {
            let cursor: string | null = null;
            do {
              // 0: never sort in memory, so v1 walks the plain sort index.
              const page = await queryTracks(db, { filter, sort, direction, limit: 9, cursor }, 0);
              pages.push(page);
              cursor = page.nextCursor;
            } while (cursor !== null);
          }
        }
      }
      return pages;
    };
    const before = await readPages(v1);
    v1.close();

    const v2 = new LibraryDatabase("lib", { indexedDB, IDBKeyRange }, LIBRARY_SCHEMA.slice(0, 2));
    await v2.open();
    expect(v2.verno).toBe(2);
    expect(await v2.tracks.count()).toBe(records.length);
    expect(await v2.tracks.toArray()).toEqual(records);
    expect(v2.tracks.schema.idxByName["[genreSort+durationSort+key]"]).toBeDefined();
    expect(await v2.tracks.orderBy("[genreSort+durationSort+key]").count()).toBe(
      records.filter((row) => row.genreSort !== undefined).length,
    );
    expect(await readPages(v2)).toEqual(before);
    v2.close();
  });

  it("upgrades a database with data to a later step, running its upgrade", async () => {
    const indexedDB = new IDBFactory();
    const current = new LibraryService({ indexedDB, IDBKeyRange, name: "lib" });
    await current.applySyncBatch(batch([audioFile("a", "/Artist/Album/01 Song.mp3")]));
    current.destroy();

    const next: SchemaVersion = {
      version: LIBRARY_SCHEMA_VERSION + 1,
      stores: { tracks: "key, [accountId+generation], titleLength", notes: "id" },
      async upgrade(transaction) {
        await transaction
          .table("tracks")
          .toCollection()
          .modify((row: { title: string; titleLength?: number }) => {
            row.titleLength = row.title.length;
          });
        await transaction.table("notes").add({ id: "upgraded" });
      },
    };
    const upgraded = new LibraryDatabase("lib", { indexedDB, IDBKeyRange }, [
      ...LIBRARY_SCHEMA,
      next,
    ]);
    await upgraded.open();
    expect(upgraded.verno).toBe(LIBRARY_SCHEMA_VERSION + 1);
    const rows = await upgraded.table("tracks").where("titleLength").equals(4).toArray();
    expect(rows.map((row: { title: string }) => row.title)).toEqual(["Song"]);
    expect(await upgraded.table("notes").get("upgraded")).toEqual({ id: "upgraded" });
    // Indexes the step did not repeat are dropped, as Dexie specifies.
    expect(
      upgraded
        .table("tracks")
        .schema.indexes.map((index) => index.name)
        .sort(),
    ).toEqual(["[accountId+generation]", "titleLength"]);
    upgraded.close();
  });

  it("still opens a database a newer release upgraded (Dexie 4 follows the stored version)", async () => {
    const indexedDB = new IDBFactory();
    const newer = new LibraryDatabase("lib", { indexedDB, IDBKeyRange }, [
      ...LIBRARY_SCHEMA,
      { version: 9, stores: {} },
    ]);
    await newer.open();
    newer.close();
    const library = new LibraryService({ indexedDB, IDBKeyRange, name: "lib" });
    await expect(library.counts()).resolves.toMatchObject({ tracks: 0 });
    library.destroy();
  });
});

describe("published schema versions", () => {
  it("never change once released: a change needs a new version", () => {
    // Written out by hand on purpose: editing a shared constant must not alter a released version.
    const released = [
      {
        version: 1,
        stores: {
          tracks:
            "key, [accountId+generation], [accountId+needsTags], [folderId+baseName], artistId, albumId, genreSort, year, favoriteAt, [titleSort+key], [artistSort+albumSort+discSort+trackSort+key], [albumSort+albumId+discSort+trackSort+key], [addedAt+key], [durationSort+key], [playCount+key]",
          albums: "id, [artistId+titleSort], [titleSort+id]",
          artists: "id, [nameSort+id]",
          folders: "id, accountId",
          playlists: "id, [nameSort+id]",
          playlistEntries: "id, [playlistId+position], trackKey",
          artwork: "id, trackKey, albumId",
          lyrics: "id, accountId, trackKey, [folderId+baseName], [accountId+generation]",
          syncState: "accountId",
          cacheEntries: "trackKey, accountId, lastAccessedAt",
          session: "id",
        },
      },
      {
        version: 2,
        stores: {
          tracks:
            "key, [accountId+generation], [accountId+needsTags], [folderId+baseName], artistId, albumId, genreSort, year, favoriteAt, [titleSort+key], [artistSort+albumSort+discSort+trackSort+key], [albumSort+albumId+discSort+trackSort+key], [addedAt+key], [durationSort+key], [playCount+key], [accountId+titleSort+key], [accountId+artistSort+albumSort+discSort+trackSort+key], [accountId+albumSort+albumId+discSort+trackSort+key], [accountId+addedAt+key], [accountId+durationSort+key], [accountId+playCount+key], [genreSort+titleSort+key], [genreSort+artistSort+albumSort+discSort+trackSort+key], [genreSort+albumSort+albumId+discSort+trackSort+key], [genreSort+addedAt+key], [genreSort+durationSort+key], [genreSort+playCount+key], [year+titleSort+key], [year+artistSort+albumSort+discSort+trackSort+key], [year+albumSort+albumId+discSort+trackSort+key], [year+addedAt+key], [year+durationSort+key], [year+playCount+key]",
        },
      },
      {
        version: 3,
        stores: {
          artwork: "id, trackKey, albumId, hash",
          artworkImages: "hash, storedAt",
          artworkVariants: "[hash+size], hash",
          folderImages: "id, accountId, folderId, [accountId+generation]",
        },
      },
    ];
    expect(
      LIBRARY_SCHEMA.map((version) => ({ version: version.version, stores: version.stores })),
    ).toEqual(released);
  });
});

describe("schema v3", () => {
  it("upgrades a v2 database: tracks kept, old inline artwork rows dropped, image tables added", async () => {
    const indexedDB = new IDBFactory();
    const v2 = new LibraryDatabase("lib", { indexedDB, IDBKeyRange }, LIBRARY_SCHEMA.slice(0, 2));
    await v2.open();
    await v2
      .table("artwork")
      .put({ id: "old", albumId: "a", mimeType: "image/png", data: new ArrayBuffer(2) });
    await v2
      .table("session")
      .put({ id: "current", snapshot: { queue: [], currentIndex: 0, positionMs: 0 }, savedAt: 1 });
    v2.close();

    const v3 = new LibraryDatabase("lib", { indexedDB, IDBKeyRange });
    await v3.open();
    expect(v3.verno).toBe(3);
    expect(await v3.artwork.count()).toBe(0);
    expect(await v3.session.count()).toBe(1);
    await v3.artworkVariants.put({
      hash: "h",
      size: 96,
      mimeType: "image/webp",
      width: 96,
      height: 90,
      data: new ArrayBuffer(1),
    });
    expect((await v3.artworkVariants.get(["h", 96]))?.height).toBe(90);
    v3.close();
  });
});
