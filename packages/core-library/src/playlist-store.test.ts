import { beforeEach, describe, expect, it } from "vitest";
import type { LibraryService } from "./library-service.js";
import { audioFile, batch, createLibrary } from "./test-support/library-fixtures.js";
import { trackKey } from "./track-identity.js";

const key = (id: string) => trackKey("acc", id);
const IDS = ["a", "b", "c", "d", "e"];

describe("playlists", () => {
  let library: LibraryService;
  beforeEach(async () => {
    ({ library } = createLibrary());
    await library.applySyncBatch(batch(IDS.map((id) => audioFile(id, `/Art/Alb/${id}.mp3`))));
  });

  async function order(id: string): Promise<string[]> {
    const entries = await library.getPlaylistEntries(id, { limit: 1000 });
    expect(entries.map((entry) => entry.index)).toEqual(entries.map((_, i) => i));
    return entries.map((entry) => entry.snapshot.title);
  }

  it("creates, renames, lists and deletes", async () => {
    const created = await library.createPlaylist("  Road trip ");
    expect(created).toMatchObject({ name: "Road trip", entryCount: 0 });
    await library.createPlaylist("Ádventure");
    await library.renamePlaylist(created.id, "Zoo");
    expect((await library.listPlaylists()).map((p) => p.name)).toEqual(["Ádventure", "Zoo"]);
    expect(await library.deletePlaylist(created.id)).toBe(true);
    expect(await library.deletePlaylist(created.id)).toBe(false);
    await expect(library.renamePlaylist(created.id, "x")).rejects.toMatchObject({
      code: "library/not-found",
    });
    await expect(library.createPlaylist(" ")).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
  });

  it("keeps a stable order through adds, inserts, removals and moves", async () => {
    const { id } = await library.createPlaylist("p");
    await library.addToPlaylist(id, [key("a"), key("b"), key("c")]);
    await library.addToPlaylist(id, [key("d"), key("e")], 1);
    expect(await order(id)).toEqual(["a", "d", "e", "b", "c"]);
    const entries = await library.getPlaylistEntries(id);
    await library.removeFromPlaylist(id, [entries[1]?.entryId ?? ""]);
    expect(await order(id)).toEqual(["a", "e", "b", "c"]);
    await library.movePlaylistEntry(id, entries[0]?.entryId ?? "", 3);
    expect(await order(id)).toEqual(["e", "b", "c", "a"]);
    await library.movePlaylistEntry(id, entries[0]?.entryId ?? "", 0);
    expect(await order(id)).toEqual(["a", "e", "b", "c"]);
    // The same track twice is two entries.
    await library.addToPlaylist(id, [key("a")], 2);
    expect(await order(id)).toEqual(["a", "e", "a", "b", "c"]);
    expect((await library.listPlaylists())[0]?.entryCount).toBe(5);
    await expect(library.addToPlaylist(id, [key("nope")])).rejects.toMatchObject({
      code: "library/not-found",
    });
  });

  it("keeps order when many inserts exhaust the gaps (renumbering)", async () => {
    const { id } = await library.createPlaylist("p");
    await library.addToPlaylist(id, [key("a"), key("b")]);
    // Always inserting at index 1 halves the same gap until it runs out.
    for (let i = 0; i < 14; i++) await library.addToPlaylist(id, [key(IDS[i % 5] ?? "a")], 1);
    const titles = await order(id);
    expect(titles).toHaveLength(16);
    expect(titles[0]).toBe("a");
    expect(titles.at(-1)).toBe("b");
    expect(titles.slice(1, 15)).toEqual(Array.from({ length: 14 }, (_, i) => IDS[(13 - i) % 5]));
  });

  it("follows a track through a rename and a move, and shows it unavailable once deleted", async () => {
    const { id } = await library.createPlaylist("p");
    await library.addToPlaylist(id, [key("a"), key("b")]);
    await library.applySyncBatch(batch([audioFile("a", "/Elsewhere/Other/renamed.mp3")]));
    let entries = await library.getPlaylistEntries(id);
    expect(entries[0]).toMatchObject({
      available: true,
      trackKey: key("a"),
      snapshot: { title: "renamed", album: "Other", artist: "Elsewhere" },
    });
    await library.applySyncBatch(batch([], ["a"]));
    entries = await library.getPlaylistEntries(id);
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({
      available: false,
      snapshot: { title: "renamed", artist: "Elsewhere" },
    });
    expect(entries[0]?.track).toBeUndefined();
    // Restored from the trash: the same key, available again.
    await library.applySyncBatch(batch([audioFile("a", "/Elsewhere/Other/renamed.mp3")]));
    expect((await library.getPlaylistEntries(id))[0]?.available).toBe(true);
  });

  it("survives a generation sweep and removing the account as unavailable entries", async () => {
    const { id } = await library.createPlaylist("p");
    await library.addToPlaylist(id, [key("c")]);
    await library.removeAccount("acc");
    expect(await library.getPlaylistEntries(id)).toMatchObject([
      { available: false, snapshot: { title: "c" } },
    ]);
  });
});
