/**
 * PlayerHost end to end in Node: fake-indexeddb for the vault and the library,
 * a real dev-cloud over HTTP, the sign-in through the consent form, then the
 * sync that `auth:signed-in` starts, seen through the WorkerApi.
 */
import type { SyncEndData } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { IDBFactory } from "fake-indexeddb";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  approvedCode,
  expectedTrackCount as countOfTracks,
  HostFixture,
  rejection,
  until,
} from "./test-support/host-fixture.js";

let cloud: DevCloud;
beforeAll(async () => {
  cloud = await startDevCloud({ port: 0, tracks: 24, seed: 11 });
});
afterAll(async () => {
  await cloud?.close();
});

const fixture = new HostFixture(() => cloud);
afterEach(() => fixture.tearDown());
const setUp = (signIn: boolean, indexedDB?: IDBFactory) => fixture.setUp(signIn, indexedDB);
const expectedTrackCount = () => countOfTracks(cloud);

describe("PlayerHost library and sync", () => {
  it("syncs an account end to end after sign-in; library, search and playlists work", async () => {
    const { host, events } = setUp(true);
    const start = await host.auth.beginSignIn("google");
    const account = await host.auth.completeSignIn(await approvedCode(start.url), start.state);

    const end = await until(
      () => events.find(([type]) => type === "sync:end")?.[1] as SyncEndData | undefined,
    );
    expect(end).toMatchObject({ accountId: account.id, outcome: "completed", fullListing: true });
    expect(events.some(([type]) => type === "sync:progress")).toBe(true);
    expect(events.some(([type]) => type === "library:tracks-changed")).toBe(true);

    const expected = expectedTrackCount();
    expect(expected).toBeGreaterThan(0);
    expect(end.added).toBe(expected);
    const counts = await host.library.counts();
    expect(counts.tracks).toBe(expected);
    expect(await host.library.countTracks({ accountId: account.id })).toBe(expected);

    const page = await host.library.queryTracks({ sort: "title", limit: 10 });
    expect(page.items).toHaveLength(Math.min(10, expected));
    const titles = page.items.map((track) => track.title);
    expect(titles).toEqual(
      [...titles].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })),
    );
    const first = page.items[0];
    if (first === undefined) throw new Error("no track");

    const found = await host.library.search(first.title.slice(0, 4));
    expect(found.items.map((hit) => hit.track.key)).toContain(first.key);

    const playlist = await host.library.createPlaylist("Road trip");
    await host.library.addToPlaylist(playlist.id, [first.key]);
    const entries = await host.library.getPlaylistEntries(playlist.id);
    expect(entries.map((entry) => entry.trackKey)).toEqual([first.key]);

    // On demand, a second sync finds nothing new.
    const [summary] = await host.sync.syncNow(account.id);
    expect(summary).toMatchObject({ accountId: account.id, added: 0, removed: 0 });
    expect(await host.sync.isSyncing()).toBe(false);
    expect(await rejection(host.sync.syncNow("google:nobody"))).toBe("auth/unknown-account");
  });

  it("a restarted worker syncs the accounts signed in before, without a new sign-in", async () => {
    const storage = new IDBFactory();
    const first = setUp(true, storage);
    const start = await first.host.auth.beginSignIn("google");
    const account = await first.host.auth.completeSignIn(
      await approvedCode(start.url),
      start.state,
    );
    await until(() => first.events.find(([type]) => type === "sync:end"));
    first.host.dispose();

    const { rootId } = await cloud.admin.library();
    await cloud.admin.addFile({
      name: "Added while away.mp3",
      parentId: rootId,
      content: "not audio",
    });
    const second = setUp(true, storage);
    const end = await until(
      () => second.events.find(([type]) => type === "sync:end")?.[1] as SyncEndData | undefined,
    );
    expect(end).toMatchObject({ accountId: account.id, outcome: "completed", added: 1 });
    expect((await second.host.library.counts()).tracks).toBe(expectedTrackCount());
  });

  it("without auth the library is empty and usable, and sync rejects with auth/provider-not-configured", async () => {
    const { host } = setUp(false);
    expect(await host.library.counts()).toEqual({
      tracks: 0,
      albums: 0,
      artists: 0,
      folders: 0,
      playlists: 0,
    });
    expect((await host.library.queryTracks()).items).toEqual([]);
    expect(await rejection(host.sync.syncNow())).toBe("auth/provider-not-configured");
    expect(await rejection(host.sync.cancel("google:x"))).toBe("auth/provider-not-configured");
    expect(await rejection(host.sync.isSyncing())).toBe("auth/provider-not-configured");
  });

  it("validates library arguments and rejects after dispose with runtime/disposed", async () => {
    const { host } = setUp(false);
    expect(await rejection(host.library.getTrack(42 as never))).toBe("runtime/invalid-argument");
    expect(await rejection(host.library.search(null as never))).toBe("runtime/invalid-argument");
    expect(await rejection(host.library.addToPlaylist("p", "k" as never))).toBe(
      "runtime/invalid-argument",
    );
    expect(await rejection(host.library.queryTracks({ limit: 0 }))).toBe(
      "runtime/invalid-argument",
    );
    host.dispose();
    expect(() => host.library).toThrowError(expect.objectContaining({ code: "runtime/disposed" }));
    expect(() => host.sync).toThrowError(expect.objectContaining({ code: "runtime/disposed" }));
  });

  it("takes sync.intervalMs from config and rejects bad values", () => {
    const { host } = setUp(false);
    expect(host.getConfig().sync.intervalMs).toBe(15 * 60 * 1000);
    expect(host.configure({ sync: { intervalMs: 0 } }).sync.intervalMs).toBe(0);
    expect(() => host.configure({ sync: { intervalMs: 10 } })).toThrowError(
      expect.objectContaining({ code: "runtime/invalid-config" }),
    );
  });
});
