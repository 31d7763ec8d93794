import { trackKey } from "@player/core-library";
import { startDevCloud } from "@player/dev-cloud";
import { describe, expect, it } from "vitest";
import { groundTruth } from "./test-support/ground-truth.js";
import { expectInSync } from "./test-support/sync-expectations.js";
import { createHarness, PROVIDERS } from "./test-support/sync-harness.js";

describe.each(PROVIDERS)("playlists across syncs into the real library (%s)", (provider) => {
  it("keeps an entry on its track through a rename and a move, and as unavailable once the file is deleted", async () => {
    const cloud = await startDevCloud({ tracks: 8 });
    try {
      const harness = await createHarness(cloud, provider, { targetKind: "library" });
      const target = harness.target;
      if (target.kind !== "library") throw new Error("not the real library");
      const library = target.library;
      const accountId = harness.account.accountId;
      await harness.sync();

      const music = groundTruth(cloud, provider).filter((file) => !file.lyrics && !file.cover);
      const [moved, kept] = music;
      const elsewhere = music.find((file) => file.parentId !== moved?.parentId);
      if (moved === undefined || kept === undefined || elsewhere === undefined) {
        throw new Error("the generated library is too small");
      }
      const movedKey = trackKey(accountId, moved.remoteId);
      const keptKey = trackKey(accountId, kept.remoteId);
      const playlist = await library.createPlaylist("Road trip");
      await library.addToPlaylist(playlist.id, [movedKey, keptKey]);
      const addedAt = (await library.getTrack(movedKey))?.addedAt;
      expect(addedAt).toBeDefined();

      const extension = moved.name.slice(moved.name.lastIndexOf("."));
      const newName = `Renamed in the cloud${extension}`;
      await cloud.admin.updateFile(moved.remoteId, { name: newName, parentId: elsewhere.parentId });
      await harness.sync();
      await expectInSync(cloud, harness);
      const after = groundTruth(cloud, provider).find((file) => file.remoteId === moved.remoteId);
      expect(after?.folderPath).toBe(elsewhere.folderPath);
      let entries = await library.getPlaylistEntries(playlist.id);
      expect(entries.map((entry) => [entry.trackKey, entry.available])).toEqual([
        [movedKey, true],
        [keptKey, true],
      ]);
      // The same row, not a new track: same key, same addedAt, the cloud's new name and place.
      expect(entries[0]?.track).toMatchObject({
        key: movedKey,
        remoteId: moved.remoteId,
        fileName: newName,
        folderPath: elsewhere.folderPath,
        addedAt,
      });
      // Drive's title follows the new name; OneDrive's comes from the file's tags.
      const title = provider === "google" ? "Renamed in the cloud" : moved.tags.title;
      expect(after?.tags.title).toBe(title);
      expect(entries[0]?.snapshot).toMatchObject({ title, album: after?.tags.album });

      await cloud.admin.deleteFile(moved.remoteId);
      await harness.sync();
      await expectInSync(cloud, harness);
      expect(await library.getTrack(movedKey)).toBeUndefined();
      entries = await library.getPlaylistEntries(playlist.id);
      expect(entries.map((entry) => [entry.trackKey, entry.available])).toEqual([
        [movedKey, false],
        [keptKey, true],
      ]);
      expect(entries[0]?.track).toBeUndefined();
      // Still named by what the library last knew of it.
      expect(entries[0]?.snapshot).toMatchObject({ title, album: after?.tags.album });
      expect((await library.listPlaylists()).map((list) => list.entryCount)).toEqual([2]);
    } finally {
      await cloud.close();
    }
  });
});
