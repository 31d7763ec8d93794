import { describe, expect, it, vi } from "vitest";
import { audioFile, batch, createLibrary, cursor } from "./test-support/library-fixtures.js";
import { trackKey } from "./track-identity.js";

const key = (id: string) => trackKey("acc", id);

describe("LibraryService as SyncTarget", () => {
  it("stores files first: title, album and artist from the path", async () => {
    const { library } = createLibrary();
    const result = await library.applySyncBatch(
      batch([
        audioFile("a", "/Music/Queen/Jazz/03 Mustapha.mp3"),
        audioFile("b", "/Loose/1-02 Intro.ogg"),
      ]),
    );
    expect(result).toEqual({ added: 2, updated: 0, removed: 0, needsTags: 0 });
    expect(await library.getTrack(key("a"))).toMatchObject({
      title: "Mustapha",
      album: "Jazz",
      artist: "Queen",
      trackNumber: 3,
      needsTags: true,
      tagSource: "file-name",
    });
    expect(await library.getTrack(key("b"))).toMatchObject({
      title: "Intro",
      album: "Loose",
      artist: "",
    });
  });

  it("uses provider tags when present", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(
      batch([
        audioFile("a", "/x/y/01 z.m4a", {
          tags: { title: "T", artist: "A", album: "B", durationMs: 5 },
        }),
      ]),
    );
    expect(await library.getTrack(key("a"))).toMatchObject({
      title: "T",
      artist: "A",
      album: "B",
      durationMs: 5,
      needsTags: false,
      tagSource: "provider",
    });
  });

  it("stores the cursor with the batch and reads it back", async () => {
    const { library } = createLibrary();
    expect(await library.getSyncCursor("acc")).toBeUndefined();
    const stored = cursor(3, { nextIncrementalToken: "n" });
    await library.applySyncBatch(batch([], [], { cursor: stored }));
    expect(await library.getSyncCursor("acc")).toEqual(stored);
  });

  it("leaves tracks, sidecars and cursor unchanged when a write fails", async () => {
    const { library } = createLibrary();
    const first = batch([audioFile("a", "/A/B/a.mp3")]);
    await library.applySyncBatch(first);
    const spy = vi
      .spyOn(library.database.tracks, "bulkPut")
      .mockRejectedValueOnce(new DOMException("disk full", "QuotaExceededError"));
    const failing = batch(
      [audioFile("b", "/A/B/b.mp3"), audioFile("l", "/A/B/b.lrc", { mimeType: "text/plain" })],
      ["a"],
    );
    await expect(library.applySyncBatch(failing)).rejects.toMatchObject({
      code: "library/quota-exceeded",
    });
    spy.mockRestore();
    expect(await library.getSyncCursor("acc")).toEqual(first.cursor);
    expect(await library.getTrack(key("a"))).toBeDefined();
    expect(await library.getTrack(key("b"))).toBeUndefined();
    expect(await library.database.lyrics.count()).toBe(0);
    // The job resumes from the stored cursor and replays the batch.
    expect(await library.applySyncBatch(failing)).toMatchObject({ added: 1, removed: 1 });
  });

  it("treats a replayed batch as a no-op", async () => {
    const { library, events } = createLibrary();
    const page = batch([audioFile("a", "/A/B/a.mp3"), audioFile("b", "/A/B/b.mp3")], []);
    await library.applySyncBatch(page);
    await library.recordPlay(key("a"));
    const before = await library.database.tracks.toArray();
    await new Promise((resolve) => setTimeout(resolve, 0));
    events.length = 0;
    expect(await library.applySyncBatch(page)).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
      needsTags: 0,
    });
    // Same content under a new cursor changes nothing either.
    expect(await library.applySyncBatch({ ...page, cursor: cursor() })).toEqual({
      added: 0,
      updated: 0,
      removed: 0,
      needsTags: 0,
    });
    expect(await library.database.tracks.toArray()).toEqual(before);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events.filter((event) => event.name === "library:tracks-changed")).toEqual([]);
  });

  it("marks changed content for a new tag read and keeps tags read from the file otherwise", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(batch([audioFile("a", "/A/B/01 x.mp3")]));
    await library.applyTags(key("a"), "v1", { title: "Read", artist: "Art", album: "Alb" });
    expect(await library.getTrack(key("a"))).toMatchObject({
      title: "Read",
      needsTags: false,
      tagSource: "file",
    });
    // A rename keeps the tags read from the file.
    await library.applySyncBatch(batch([audioFile("a", "/A/B/01 renamed.mp3")]));
    expect(await library.getTrack(key("a"))).toMatchObject({
      title: "Read",
      fileName: "01 renamed.mp3",
    });
    const result = await library.applySyncBatch(
      batch([audioFile("a", "/A/B/01 renamed.mp3", { contentVersion: "v2" })]),
    );
    expect(result).toEqual({ added: 0, updated: 1, removed: 0, needsTags: 1 });
    expect(await library.getTrack(key("a"))).toMatchObject({ title: "renamed", needsTags: true });
    expect((await library.tracksNeedingTags("acc")).map((track) => track.key)).toEqual([key("a")]);
    // A stale read (old content version) is ignored.
    expect(
      await library.applyTags(key("a"), "v1", { title: "Old", artist: "", album: "" }),
    ).toBeUndefined();
  });

  it("sweeps tracks of older generations when a full listing completes", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(
      batch([audioFile("a", "/A/B/a.mp3"), audioFile("b", "/A/B/b.mp3")], [], {
        cursor: cursor(1),
      }),
    );
    await library.applySyncBatch(batch([audioFile("a", "/A/B/a.mp3")], [], { cursor: cursor(2) }));
    expect(await library.countTracks()).toBe(2);
    const result = await library.applySyncBatch(
      batch([], [], { cursor: cursor(2), completesFullListing: true }),
    );
    expect(result.removed).toBe(1);
    expect(await library.getTrack(key("b"))).toBeUndefined();
    expect(await library.getTrack(key("a"))).toBeDefined();
  });

  it("records .lrc files as sidecars of the track with the same base name", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(
      batch([
        audioFile("l", "/A/B/01 Song.lrc", { mimeType: "application/octet-stream" }),
        audioFile("m", "/A/B/01 Song.mp3"),
        audioFile("o", "/A/C/01 Song.mp3"),
      ]),
    );
    expect(await library.countTracks()).toBe(2);
    expect(await library.getLyrics(key("m"))).toEqual({
      sidecars: [{ accountId: "acc", remoteId: "l", contentVersion: "v1" }],
    });
    expect((await library.getLyrics(key("o")))?.sidecars).toEqual([]);
    await library.applySyncBatch(batch([], ["l"]));
    expect((await library.getLyrics(key("m")))?.sidecars).toEqual([]);
  });

  it("maintains albums, artists and folders", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(
      batch([
        audioFile("a", "/Queen/Jazz/a.mp3"),
        audioFile("b", "/Queen/Jazz/b.mp3"),
        audioFile("c", "/Queen/Innuendo/c.mp3"),
      ]),
    );
    expect(await library.counts()).toEqual({
      tracks: 3,
      albums: 2,
      artists: 1,
      folders: 2,
      playlists: 0,
    });
    const artist = (await library.listArtists()).items[0];
    expect(artist).toMatchObject({ name: "Queen", trackCount: 3, albumCount: 2 });
    await library.applySyncBatch(batch([], ["c"]));
    expect(await library.counts()).toMatchObject({ tracks: 2, albums: 1, folders: 1 });
  });

  it("removes an account's tracks and cursor, keeping other accounts", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(batch([audioFile("a", "/A/B/a.mp3")]));
    await library.applySyncBatch({ ...batch([audioFile("a", "/A/B/a.mp3")]), accountId: "other" });
    await library.removeAccount("acc");
    expect(await library.getSyncCursor("acc")).toBeUndefined();
    expect(await library.getTrack(key("a"))).toBeUndefined();
    expect(await library.getTrack(trackKey("other", "a"))).toBeDefined();
    expect(await library.counts()).toMatchObject({ tracks: 1, albums: 1, artists: 1, folders: 1 });
  });
});
