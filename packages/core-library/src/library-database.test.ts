import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { describe, expect, it } from "vitest";
import { LibraryDatabase } from "./library-database.js";
import { LIBRARY_SCHEMA, LIBRARY_SCHEMA_VERSION, type SchemaVersion } from "./library-schema.js";
import { LibraryService } from "./library-service.js";
import { audioFile, batch } from "./test-support/library-fixtures.js";

describe("LibraryDatabase", () => {
  it("creates every table of the current version", async () => {
    const db = new LibraryDatabase("lib", { indexedDB: new IDBFactory(), IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(LIBRARY_SCHEMA_VERSION);
    expect(db.tables.map((table) => table.name).sort()).toEqual([
      "albums",
      "artists",
      "artwork",
      "cacheEntries",
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

  it("upgrades a database with data from v1 to a later step, running its upgrade", async () => {
    const indexedDB = new IDBFactory();
    const v1 = new LibraryService({ indexedDB, IDBKeyRange, name: "lib" });
    await v1.applySyncBatch(batch([audioFile("a", "/Artist/Album/01 Song.mp3")]));
    v1.destroy();

    const v2: SchemaVersion = {
      version: 2,
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
      v2,
    ]);
    await upgraded.open();
    expect(upgraded.verno).toBe(2);
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
