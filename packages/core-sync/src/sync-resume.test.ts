import { isPlayerError } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMutation } from "./test-support/cloud-mutations.js";
import { expectInSync } from "./test-support/sync-expectations.js";
import {
  createHarness,
  PROVIDERS_AND_TARGETS,
  type SyncHarness,
} from "./test-support/sync-harness.js";

/** Runs a job that is stopped after `requests` requests; true when it was stopped. */
async function interrupted(harness: SyncHarness, requests: number): Promise<boolean> {
  try {
    await harness.sync({ abortAfterRequests: requests });
    return false;
  } catch (error) {
    expect(isPlayerError(error) && error.code).toBe("sync/cancelled");
    return true;
  }
}

describe.each(PROVIDERS_AND_TARGETS)(
  "a sync stopped at any point resumes (%s, %s)",
  (provider, targetKind) => {
    let cloud: DevCloud;
    beforeAll(async () => {
      cloud = await startDevCloud({ tracks: 30 });
    });
    afterAll(async () => {
      await cloud.close();
    });

    it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13])(
      "a full listing stopped after %i requests, with changes before the restart",
      async (stopAt) => {
        const harness = await createHarness(cloud, provider, { pageSize: 3, targetKind });
        const stopped = await interrupted(harness, stopAt);
        expect(stopped).toBe(true);
        await applyMutation(cloud, { kind: "delete", pick: stopAt });
        await applyMutation(cloud, { kind: "add", pick: stopAt });
        await applyMutation(cloud, { kind: "rename-folder", pick: stopAt });
        // A second stop, later in the listing.
        await interrupted(harness, stopAt + 2);
        await harness.sync();
        await expectInSync(cloud, harness);
      },
    );

    it.each([1, 2, 3, 4, 5])(
      "changes stopped after %i requests, and stopped again between pages",
      async (stopAt) => {
        const harness = await createHarness(cloud, provider, { pageSize: 2, targetKind });
        await harness.sync();
        for (const kind of [
          "delete",
          "move",
          "rename",
          "trash",
          "modify",
          "add",
          "move-folder",
          "delete",
        ] as const) {
          await applyMutation(cloud, { kind, pick: stopAt * 5 });
        }
        expect(await interrupted(harness, stopAt)).toBe(true);
        // Between pages: abort as soon as one batch is stored.
        const controller = new AbortController();
        const before = harness.target.batches.length;
        harness.target.beforeApply = () => {
          if (harness.target.batches.length > before) controller.abort();
        };
        await harness.sync({ signal: controller.signal }).catch((error: unknown) => {
          expect(isPlayerError(error) && error.code).toBe("sync/cancelled");
        });
        harness.target.beforeApply = undefined;
        const summary = await harness.sync();
        expect(summary.fullListing).toBe(false);
        await expectInSync(cloud, harness);
      },
    );
  },
);
