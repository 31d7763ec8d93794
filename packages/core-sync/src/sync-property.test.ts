import { isPlayerError } from "@player/core-runtime";
import { startDevCloud } from "@player/dev-cloud";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyMutation, MUTATION_KINDS } from "./test-support/cloud-mutations.js";
import { comparable, groundTruth } from "./test-support/ground-truth.js";
import { createHarness, PROVIDERS } from "./test-support/sync-harness.js";

type Step =
  | { type: "mutate"; kind: (typeof MUTATION_KINDS)[number]; pick: number }
  | { type: "sync" }
  | { type: "interrupt"; afterRequests: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant("mutate" as const),
      kind: fc.constantFrom(...MUTATION_KINDS),
      pick: fc.nat(500),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant("sync" as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant("interrupt" as const),
      afterRequests: fc.integer({ min: 1, max: 8 }),
    }),
  },
);

describe.each(PROVIDERS)("random changes, syncs and interruptions (%s)", (provider) => {
  it("always ends equal to the cloud", { timeout: 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
        const cloud = await startDevCloud({ tracks: 8 });
        try {
          const harness = await createHarness(cloud, provider, { pageSize: 3 });
          const accountId = harness.account.accountId;
          for (const current of steps) {
            if (current.type === "mutate") {
              await applyMutation(cloud, current);
            } else if (current.type === "sync") {
              await harness.sync();
              expect(comparable(harness.target.list(accountId))).toEqual(groundTruth(cloud));
            } else {
              await harness
                .sync({ abortAfterRequests: current.afterRequests })
                .catch((error: unknown) => {
                  if (!isPlayerError(error) || error.code !== "sync/cancelled") throw error;
                });
            }
          }
          await harness.sync();
          expect(comparable(harness.target.list(accountId))).toEqual(groundTruth(cloud));
        } finally {
          await cloud.close();
        }
      }),
      { numRuns: 12 },
    );
  });
});
