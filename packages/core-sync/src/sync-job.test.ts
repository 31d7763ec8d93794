import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSyncJob } from "./sync-job.js";
import { applyMutation, MUTATION_KINDS } from "./test-support/cloud-mutations.js";
import { groundTruth } from "./test-support/ground-truth.js";
import { expectInSync, syncedMusic } from "./test-support/sync-expectations.js";
import {
  createHarness,
  PROVIDERS_AND_TARGETS,
  type SyncHarness,
} from "./test-support/sync-harness.js";

/** Puts a track the cloud never had into the target, as if listed by the current generation. */
async function plantVanishedFile(harness: SyncHarness): Promise<void> {
  const accountId = harness.account.accountId;
  const target = harness.target;
  const cursor = await target.getSyncCursor(accountId);
  const [some] = await syncedMusic(harness);
  if (cursor === undefined || some === undefined) throw new Error("nothing synced");
  const file = { ...some, remoteId: "gone-for-good" };
  if (target.kind === "memory") {
    target.files.get(accountId)?.set(file.remoteId, { file, generation: cursor.generation });
    return;
  }
  // Same cursor, a later stamp: not a replay, and the job resumes where it was.
  await target.library.applySyncBatch({
    accountId,
    provider: harness.provider,
    upserts: [file],
    removals: [],
    cursor: { ...cursor, updatedAt: cursor.updatedAt + 1 },
  });
}

describe.each(PROVIDERS_AND_TARGETS)(
  "sync jobs against the dev-cloud (%s, %s)",
  (provider, targetKind) => {
    let cloud: DevCloud;
    beforeAll(async () => {
      cloud = await startDevCloud({ tracks: 24 });
    });
    afterAll(async () => {
      await cloud.close();
    });

    it("lists every audio and lyrics file with its folder path, then follows every kind of change", async () => {
      const harness = await createHarness(cloud, provider, { targetKind });
      expect(groundTruth(cloud, provider).length).toBeGreaterThan(24);
      const first = await harness.sync();
      expect(first.fullListing).toBe(true);
      await expectInSync(cloud, harness);
      // The generated tracks are where the admin API says they are.
      const library = await cloud.admin.library();
      let byId = new Map((await syncedMusic(harness)).map((file) => [file.remoteId, file]));
      let placed = 0;
      for (const track of library.tracks) {
        if (track.fileId === null || track.path === null) continue;
        const file = byId.get(track.fileId);
        expect(file && `${file.folderPath === "/" ? "" : file.folderPath}/${file.name}`).toBe(
          track.path,
        );
        placed++;
      }
      expect(placed).toBeGreaterThanOrEqual(24);

      for (const kind of MUTATION_KINDS) {
        const before = byId;
        const did = await applyMutation(cloud, { kind, pick: 3 });
        const summary = await harness.sync();
        expect(summary.fullListing, did).toBe(false);
        await expectInSync(cloud, harness);
        byId = new Map((await syncedMusic(harness)).map((file) => [file.remoteId, file]));
        if (kind === "modify") {
          const id = did.split(" ")[1] ?? "";
          expect(byId.get(id)?.contentVersion).toBeDefined();
          expect(byId.get(id)?.contentVersion).not.toBe(before.get(id)?.contentVersion);
        }
      }
    });

    it("starts over with a new generation when it is told to and sweeps what vanished", async () => {
      const harness = await createHarness(cloud, provider, { targetKind });
      await harness.sync();
      await plantVanishedFile(harness);
      expect((await syncedMusic(harness)).map((file) => file.remoteId)).toContain("gone-for-good");
      const generation = (await harness.target.getSyncCursor(harness.account.accountId))
        ?.generation;
      const summary = await runSyncJob({
        accountId: harness.account.accountId,
        connector: harness.connector,
        target: harness.target,
        forceFullListing: true,
      });
      expect(summary.fullListing).toBe(true);
      expect((await harness.target.getSyncCursor(harness.account.accountId))?.generation).toBe(
        (generation ?? 0) + 1,
      );
      await expectInSync(cloud, harness);
    });
  },
);
