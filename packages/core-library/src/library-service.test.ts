import { EventBus } from "@player/core-runtime";
import { Dexie } from "dexie";
import { describe, expect, it, vi } from "vitest";
import { ChangeNotifier } from "./change-notifier.js";
import { toLibraryError } from "./library-errors.js";
import { audioFile, batch, createLibrary } from "./test-support/library-fixtures.js";
import { trackKey } from "./track-identity.js";

const key = (id: string) => trackKey("acc", id);
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("play statistics and favourites", () => {
  it("counts plays, remembers the last one, and keeps them through sync updates", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(batch([audioFile("a", "/A/B/a.mp3")]));
    await library.recordPlay(key("a"), 500);
    const played = await library.recordPlay(key("a"), 700);
    expect(played).toMatchObject({ playCount: 2, lastPlayedAt: 700 });
    await library.setFavorite(key("a"), true);
    await library.applySyncBatch(
      batch([audioFile("a", "/A/B/renamed.mp3", { contentVersion: "v2" })]),
    );
    expect(await library.getTrack(key("a"))).toMatchObject({
      playCount: 2,
      lastPlayedAt: 700,
      favorite: true,
    });
    expect((await library.setFavorite(key("a"), false)).favorite).toBe(false);
    await expect(library.recordPlay(key("zz"))).rejects.toMatchObject({
      code: "library/not-found",
    });
  });
});

describe("library events", () => {
  it("reports a write after it is stored, in one event", async () => {
    const { library, events } = createLibrary();
    await library.applySyncBatch(batch([audioFile("a", "/A/B/a.mp3")]));
    expect(events).toEqual([]);
    await nextTask();
    expect(events).toEqual([
      {
        name: "library:tracks-changed",
        data: {
          added: 1,
          updated: 0,
          removed: 0,
          keys: [key("a")],
          keysTruncated: false,
          accountIds: ["acc"],
        },
      },
    ]);
  });

  it("coalesces a burst of writes into fewer events with the same totals", async () => {
    // Hold the notifier's `setTimeout(0)` flush until the burst is done: with real
    // timers, whether 1 ms passes between two writes depends on the machine.
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      const { library, events } = createLibrary();
      await library.applySyncBatch(batch([audioFile("a", "/A/B/a.mp3")]));
      vi.runOnlyPendingTimers();
      events.length = 0;
      await Promise.all(Array.from({ length: 20 }, () => library.recordPlay(key("a"))));
      vi.runOnlyPendingTimers();
      const tracks = events.filter((event) => event.name === "library:tracks-changed");
      expect(tracks.length).toBeLessThan(20);
      expect(
        tracks.reduce((sum, event) => sum + (event.data as { updated: number }).updated, 0),
      ).toBe(20);
    } finally {
      vi.useRealTimers();
    }
  });

  it("emits exactly one event per kind for writes of one turn", async () => {
    const bus = new EventBus();
    const seen: string[] = [];
    bus.onAny((name, data) => seen.push(`${name} ${JSON.stringify(data)}`));
    const notifier = new ChangeNotifier(bus);
    notifier.tracksChanged({ added: 1, keys: ["k1"], accountIds: ["a"] });
    notifier.tracksChanged({ updated: 2, removed: 1, keys: ["k2", "k1"], accountIds: ["a", "b"] });
    notifier.tracksChanged({ keys: ["ignored"], accountIds: [] });
    notifier.playlistsChanged(["p1"]);
    notifier.playlistsChanged(["p1", "p2"]);
    await nextTask();
    expect(seen).toEqual([
      'library:tracks-changed {"added":1,"updated":2,"removed":1,"keys":["k1","k2"],"keysTruncated":false,"accountIds":["a","b"]}',
      'library:playlists-changed {"playlistIds":["p1","p2"]}',
    ]);
  });

  it("lists at most 500 keys and says when it cut the list", async () => {
    const { library, events } = createLibrary();
    const files = Array.from({ length: 600 }, (_, i) => audioFile(`f${i}`, `/A/B/${i}.mp3`));
    await library.applySyncBatch(batch(files));
    await nextTask();
    expect(events[0]?.data).toMatchObject({ added: 600, keysTruncated: true });
    expect((events[0]?.data as { keys: string[] } | undefined)?.keys).toHaveLength(500);
  });

  it("emits nothing after destroy", async () => {
    const { library, events } = createLibrary();
    const pending = library.createPlaylist("p");
    await pending;
    library.destroy();
    await nextTask();
    expect(events).toEqual([]);
  });
});

describe("error mapping", () => {
  it("maps a quota failure inside a write to library/quota-exceeded with the cause", async () => {
    const { library } = createLibrary();
    const quota = new DOMException("The quota has been exceeded.", "QuotaExceededError");
    vi.spyOn(library.database.playlists, "add").mockRejectedValueOnce(quota);
    const error = await library.createPlaylist("p").catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "library/quota-exceeded", retryable: true, cause: quota });
  });

  it("maps a closed database to library/database-closed", async () => {
    const { library } = createLibrary();
    await library.open();
    library.database.close();
    const error = await library.counts().catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "library/database-closed",
      cause: expect.any(Dexie.DatabaseClosedError),
    });
  });

  it("maps Dexie's wrapped errors by their inner error, and version conflicts to library/blocked", () => {
    const inner = new DOMException("full", "QuotaExceededError");
    const aborted = new Dexie.AbortError("Transaction aborted", inner);
    expect(toLibraryError("x", aborted)).toMatchObject({
      code: "library/quota-exceeded",
      cause: aborted,
    });
    expect(toLibraryError("x", new Dexie.VersionChangeError("other tab"))).toMatchObject({
      code: "library/blocked",
    });
    expect(
      toLibraryError("x", Object.assign(new Error("b"), { name: "BlockedError" })),
    ).toMatchObject({
      code: "library/blocked",
    });
    expect(toLibraryError("x", new Dexie.ConstraintError("dup"))).toMatchObject({
      code: "library/storage-failed",
      retryable: false,
    });
    const data = toLibraryError("op", new Dexie.DatabaseClosedError("closed")).toJSON();
    expect(data).toMatchObject({
      code: "library/database-closed",
      cause: { name: "DatabaseClosedError" },
    });
  });
});

describe("lyrics, cache entries and session", () => {
  it("stores and reads them back", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(batch([audioFile("a", "/A/B/a.mp3")]));
    await library.saveLyrics(key("a"), "[00:01.00] hello", "sidecar");
    expect(await library.getLyrics(key("a"))).toMatchObject({
      text: "[00:01.00] hello",
      synced: true,
    });
    await library.putCacheEntry({
      trackKey: key("a"),
      accountId: "acc",
      contentVersion: "v1",
      sizeBytes: 10,
      complete: true,
      storedAt: 1,
      lastAccessedAt: 5,
    });
    expect(await library.cacheSize()).toBe(10);
    expect((await library.leastRecentlyUsedCacheEntries(1))[0]?.trackKey).toBe(key("a"));
    await library.saveSession({
      queue: [key("a")],
      currentIndex: 0,
      positionMs: 1234,
      repeat: "all",
    });
    expect(await library.loadSession()).toEqual({
      queue: [key("a")],
      currentIndex: 0,
      positionMs: 1234,
      repeat: "all",
    });
    await expect(library.saveSession({} as never)).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
    await library.removeAccount("acc");
    expect(await library.cacheSize()).toBe(0);
  });
});
