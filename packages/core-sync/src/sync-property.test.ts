import { isPlayerError } from "@player/core-runtime";
import { startDevCloud } from "@player/dev-cloud";
import fc from "fast-check";
import { describe, it } from "vitest";
import { applyMutation, MUTATION_KINDS } from "./test-support/cloud-mutations.js";
import { expectInSync } from "./test-support/sync-expectations.js";
import { createHarness, PROVIDERS_AND_TARGETS } from "./test-support/sync-harness.js";

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

// The real library is slower per batch than the fake: fewer runs, each still checked field by field.
const RUNS = { memory: 12, library: 6 } as const;

describe.each(PROVIDERS_AND_TARGETS)(
  "random changes, syncs and interruptions (%s, %s)",
  (provider, targetKind) => {
    it("always ends equal to the cloud", { timeout: 30_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 3, maxLength: 14 }), async (steps) => {
          const cloud = await startDevCloud({ tracks: 8 });
          try {
            const harness = await createHarness(cloud, provider, { pageSize: 3, targetKind });
            for (const current of steps) {
              if (current.type === "mutate") {
                await applyMutation(cloud, current);
              } else if (current.type === "sync") {
                await harness.sync();
                await expectInSync(cloud, harness);
              } else {
                await harness
                  .sync({ abortAfterRequests: current.afterRequests })
                  .catch((error: unknown) => {
                    if (!isPlayerError(error) || error.code !== "sync/cancelled") throw error;
                  });
              }
            }
            await harness.sync();
            await expectInSync(cloud, harness);
          } finally {
            await cloud.close();
          }
        }),
        {
          numRuns: RUNS[targetKind],
          // Replays a reported failure: FC_SEED=<seed> FC_PATH=<path> from fast-check's report.
          ...(process.env.FC_SEED === undefined
            ? {}
            : { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH }),
        },
      );
    });
  },
);
