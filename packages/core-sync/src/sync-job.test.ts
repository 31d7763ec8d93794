import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSyncJob } from "./sync-job.js";
import { applyMutation, MUTATION_KINDS } from "./test-support/cloud-mutations.js";
import { comparable, groundTruth } from "./test-support/ground-truth.js";
import { createHarness, PROVIDERS, type SyncHarness } from "./test-support/sync-harness.js";

function expectInSync(cloud: DevCloud, harness: SyncHarness): void {
  const synced = harness.target.list(harness.account.accountId);
  expect(comparable(synced)).toEqual(groundTruth(cloud));
}

describe.each(PROVIDERS)("sync jobs against the dev-cloud (%s)", (provider) => {
  let cloud: DevCloud;
  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 24 });
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("lists every audio and lyrics file with its folder path, then follows every kind of change", async () => {
    const harness = await createHarness(cloud, provider);
    const truth = groundTruth(cloud);
    expect(truth.length).toBeGreaterThan(24);
    const first = await harness.sync();
    expect(first.fullListing).toBe(true);
    expectInSync(cloud, harness);
    // The generated tracks are where the admin API says they are.
    const library = await cloud.admin.library();
    const byId = new Map(
      harness.target.list(harness.account.accountId).map((file) => [file.remoteId, file]),
    );
    for (const track of library.tracks) {
      if (track.fileId === null || track.path === null) continue;
      const file = byId.get(track.fileId);
      expect(file && `${file.folderPath === "/" ? "" : file.folderPath}/${file.name}`).toBe(
        track.path,
      );
    }

    for (const kind of MUTATION_KINDS) {
      const before = new Map(byId);
      const did = await applyMutation(cloud, { kind, pick: 3 });
      const summary = await harness.sync();
      expect(summary.fullListing, did).toBe(false);
      expectInSync(cloud, harness);
      if (kind === "modify") {
        const id = did.split(" ")[1] ?? "";
        const after = harness.target
          .list(harness.account.accountId)
          .find((file) => file.remoteId === id);
        expect(after?.contentVersion).not.toBe(before.get(id)?.contentVersion);
      }
    }
  });

  it("starts over with a new generation when it is told to and sweeps what vanished", async () => {
    const harness = await createHarness(cloud, provider);
    await harness.sync();
    const [some] = harness.target.list(harness.account.accountId);
    if (some === undefined) throw new Error("nothing synced");
    const stale = { ...some, remoteId: "gone-for-good" };
    harness.target.files
      .get(harness.account.accountId)
      ?.set(stale.remoteId, { file: stale, generation: 1 });
    const generation = (await harness.target.getSyncCursor(harness.account.accountId))?.generation;
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
    expectInSync(cloud, harness);
  });
});
