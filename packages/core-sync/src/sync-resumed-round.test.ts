import type { SyncCursor } from "@player/core-library";
import { isPlayerError } from "@player/core-runtime";
import { startDevCloud } from "@player/dev-cloud";
import { describe, expect, it } from "vitest";
import type { ChangesPage, SyncConnector } from "./sync-connector.js";
import { runSyncJob } from "./sync-job.js";
import { MemorySyncTarget } from "./test-support/memory-sync-target.js";
import { expectInSync } from "./test-support/sync-expectations.js";
import { createHarness, TARGETS } from "./test-support/sync-harness.js";

// OneDrive fixes a delta round's end when the round starts; an item changed
// again past that end is left to the next round. A round resumed from a page
// link stored by a stopped job therefore ends in the past and can come back
// empty although changes wait: the job must still read the next round.
describe.each(TARGETS)("a OneDrive round resumed from an old page link (%s)", (targetKind) => {
  it("is followed by another round even when it finds nothing", async () => {
    // The sync-property counterexample (FC_SEED=-906529372), spelled out.
    const cloud = await startDevCloud({ tracks: 8 });
    try {
      const library = cloud.context.library;
      const folderNamed = (name: string) => {
        const folder = library.all().find((item) => item.kind === "folder" && item.name === name);
        if (folder === undefined) throw new Error(`no folder ${name}`);
        return folder;
      };
      const harness = await createHarness(cloud, "microsoft", { pageSize: 3, targetKind });
      await harness.sync();
      await expectInSync(cloud, harness);

      // Trashing a folder logs it and everything below it: more than one delta page.
      const brothers = folderNamed("The Brothers");
      await cloud.admin.updateFile(brothers.id, { trashed: true });
      const trashedUntil = library.changeSeq;
      expect(trashedUntil).toBeGreaterThan(3);
      // Stopped after the first changes page was stored with its nextLink.
      await expect(harness.sync({ abortAfterRequests: 2 })).rejects.toSatisfy(
        (error: unknown) => isPlayerError(error) && error.code === "sync/cancelled",
      );
      const stored = await harness.target.getSyncCursor(harness.account.accountId);
      expect(stored?.phase).toBe("incremental");

      // Every item of the cut round changes again past its end.
      const music = folderNamed("Music");
      expect(brothers.parentId).toBe(music.id);
      await cloud.admin.addFile({ name: "Added 1.lrc", parentId: library.rootId, content: "a" });
      await cloud.admin.deleteFile(music.id);
      await cloud.admin.addFile({ name: "Added 2.mp3", parentId: library.rootId, content: "b" });
      const left = library.changesSince(0).filter((change) => change.seq <= trashedUntil);
      expect(left).toEqual([]); // the resumed round has nothing left to say

      const summary = await harness.sync();
      expect(summary.removed).toBeGreaterThan(0);
      await expectInSync(cloud, harness);
    } finally {
      await cloud.close();
    }
  });
});

describe("rounds of a job on a stored changes cursor", () => {
  /** A connector whose changes pages come from a script; each token names the next page. */
  function scripted(pages: Record<string, ChangesPage>, roundEndIsFixed: boolean) {
    const asked: string[] = [];
    const connector: SyncConnector = {
      provider: "microsoft",
      accountId: "microsoft:a",
      roundEndIsFixed,
      resetCaches: () => {},
      startFullListing: async () => null,
      listFullPage: async () => {
        throw new Error("no full listing expected");
      },
      listChangesPage: async (token) => {
        asked.push(token);
        const page = pages[token];
        if (page === undefined) throw new Error(`unexpected token ${token}`);
        return page;
      },
      readRange: async () => {
        throw new Error("no reads expected");
      },
    };
    return { connector, asked };
  }
  const empty = (nextToken: string, done: boolean): ChangesPage => ({
    upserts: [],
    removals: [],
    failed: 0,
    nextToken,
    done,
  });
  const storedAt = (token: string): MemorySyncTarget => {
    const target = new MemorySyncTarget();
    const cursor: SyncCursor = { phase: "incremental", token, generation: 1, updatedAt: 0 };
    target.cursors.set("microsoft:a", cursor);
    return target;
  };

  it("reads one more round after an empty first round when round ends are fixed", async () => {
    const { connector, asked } = scripted(
      {
        "old-page": empty("delta-1", true),
        "delta-1": { ...empty("delta-2", true), removals: ["gone"] },
        "delta-2": empty("delta-3", true),
      },
      true,
    );
    const target = storedAt("old-page");
    const summary = await runSyncJob({ accountId: "microsoft:a", connector, target });
    expect(asked).toEqual(["old-page", "delta-1", "delta-2"]);
    expect(summary.removed).toBe(0); // the target never had "gone"
    expect(target.cursors.get("microsoft:a")?.token).toBe("delta-3");
  });

  it("stops after an empty first round when rounds read live changes", async () => {
    const { connector, asked } = scripted({ start: empty("start-2", true) }, false);
    const target = storedAt("start");
    await runSyncJob({ accountId: "microsoft:a", connector, target });
    expect(asked).toEqual(["start"]);
  });
});
