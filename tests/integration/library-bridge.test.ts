import { createPlayer, type Player } from "@player/main-bridge";
import { afterEach, describe, expect, it } from "vitest";
import { startNodeWorker } from "./node-worker.js";

const players: Player[] = [];

function start(): Player {
  const player = createPlayer({ worker: startNodeWorker(), config: { log: { level: "error" } } });
  players.push(player);
  return player;
}

afterEach(() => {
  for (const player of players.splice(0)) player.dispose();
});

describe("player.library and player.sync over a real worker thread", () => {
  it("answers library calls before `ready` resolves, with plain data", async () => {
    const player = start();
    // Not awaiting `ready`: the call waits for it.
    expect(await player.library.counts()).toEqual({
      tracks: 0,
      albums: 0,
      artists: 0,
      folders: 0,
      playlists: 0,
    });
    expect(await player.library.queryTracks({ sort: "title" })).toEqual({
      items: [],
      nextCursor: null,
    });
    expect(await player.library.search("anything")).toEqual({ items: [], total: 0 });
    expect((await player.getConfig()).sync.intervalMs).toBe(15 * 60 * 1000);
  });

  it("creates, lists and deletes playlists; the change is announced", async () => {
    const player = start();
    const changed = new Promise((resolve) => player.once("library:playlists-changed", resolve));
    const playlist = await player.library.createPlaylist("  Focus ");
    expect(playlist).toMatchObject({ name: "Focus" });
    expect(await changed).toEqual({ playlistIds: [playlist.id] });
    expect((await player.library.listPlaylists()).map((p) => p.id)).toEqual([playlist.id]);
    expect(await player.library.getPlaylistEntries(playlist.id)).toEqual([]);
    expect(await player.library.deletePlaylist(playlist.id)).toBe(true);
    expect(await player.library.listPlaylists()).toEqual([]);
  });

  it("rejects with typed errors: bad arguments, uncloneable ones, unknown tracks, no sign-in", async () => {
    const player = start();
    await expect(player.library.createPlaylist("")).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
    await expect(player.library.search((() => "x") as never)).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
    await expect(player.library.setFavorite("google:a:b", true)).rejects.toMatchObject({
      code: "library/not-found",
    });
    await expect(player.sync.syncNow()).rejects.toMatchObject({
      code: "auth/provider-not-configured",
    });
    await expect(player.sync.isSyncing("google:x")).rejects.toMatchObject({
      code: "auth/provider-not-configured",
    });
  });

  it("rejects with runtime/disposed after dispose()", async () => {
    const player = start();
    await player.ready;
    player.dispose();
    await expect(player.library.counts()).rejects.toMatchObject({ code: "runtime/disposed" });
    await expect(player.sync.syncNow()).rejects.toMatchObject({ code: "runtime/disposed" });
  });
});
