import type { FaultRuleInput } from "@player/dev-cloud";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMutation, MUTATION_KINDS } from "./test-support/cloud-mutations.js";
import { expectInSync } from "./test-support/sync-expectations.js";
import { createHarness, PROVIDERS_AND_TARGETS } from "./test-support/sync-harness.js";

const API_ROUTE = { google: "/google/drive", microsoft: "/graph/v1.0" } as const;
const DAY_MS = 24 * 60 * 60 * 1000;

function faults(route: string): FaultRuleInput[] {
  return [
    { route, kind: "status", status: 503, probability: 0.15 },
    { route, kind: "status", status: 500, probability: 0.05 },
    { route, kind: "rate-limit", retryAfterSeconds: 2, probability: 0.1 },
    { route, kind: "user-rate-limit", retryAfterSeconds: 1, probability: 0.1 },
    { route, kind: "reset", afterBytes: 20, probability: 0.1 },
  ];
}

describe.each(PROVIDERS_AND_TARGETS)("sync under faults (%s, %s)", (provider, targetKind) => {
  let cloud: DevCloud;
  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 30 });
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("stays equal to the cloud through 5xx, 429/403 with Retry-After, resets and expired tokens", async () => {
    const harness = await createHarness(cloud, provider, { pageSize: 4, targetKind });
    await cloud.admin.setFaults(faults(API_ROUTE[provider]), { seed: 7 });
    await harness.sync();
    await expectInSync(cloud, harness);
    for (const [index, kind] of MUTATION_KINDS.entries()) {
      await applyMutation(cloud, { kind, pick: index * 3 + 1 });
      if (index % 4 === 0) await cloud.admin.advanceClock(2 * 60 * 60 * 1000); // every token expires
      await harness.sync();
      await expectInSync(cloud, harness);
    }
    const applied = (await cloud.admin.faults()).rules.map((rule) => rule.applied);
    expect(applied.every((count) => count > 0)).toBe(true);
    // Retry-After was obeyed: the waits asked for include the 2 s and 1 s the server named.
    expect(harness.sleeps).toContain(2000);
    expect(harness.sleeps).toContain(1000);
    expect(harness.account.tokens.refreshes).toBeGreaterThan(0);
    await cloud.admin.clearFaults();
  });

  it("refreshes an expired token once and carries on", async () => {
    const fresh = await startDevCloud({ tracks: 6 });
    try {
      const harness = await createHarness(fresh, provider, { pageSize: 4, targetKind });
      await harness.sync();
      await applyMutation(fresh, { kind: "add", pick: 1 });
      await fresh.admin.advanceClock(2 * 60 * 60 * 1000);
      await harness.sync();
      expect(harness.account.tokens.refreshes).toBe(1);
      await expectInSync(fresh, harness);
      // A token the provider never accepts: one forced refresh, then a clear error, no loop.
      let forced = 0;
      harness.account.tokens.getAccessToken = async (_id, options) => {
        if (options?.forceRefresh === true) forced++;
        return "not-a-token";
      };
      await expect(harness.sync()).rejects.toMatchObject({ code: "sync/unauthorized" });
      expect(forced).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  it("restarts a full listing with a new generation when the changes cursor is too old", async () => {
    const fresh = await startDevCloud({ tracks: 6 });
    try {
      const first = await createHarness(fresh, provider, { pageSize: 4, targetKind });
      await first.sync();
      const before = await first.target.getSyncCursor(first.account.accountId);
      await applyMutation(fresh, { kind: "delete", pick: 2 });
      await fresh.admin.advanceClock(31 * DAY_MS);
      // Refresh tokens do not last a month: sign in again, same library.
      const harness = await createHarness(fresh, provider, { pageSize: 4, target: first.target });
      const summary = await harness.sync();
      const after = await harness.target.getSyncCursor(harness.account.accountId);
      // OneDrive answers 410 after 30 days; Drive change tokens never expire.
      expect(summary.fullListing).toBe(provider === "microsoft");
      expect(after?.generation).toBe(
        (before?.generation ?? 0) + (provider === "microsoft" ? 1 : 0),
      );
      await expectInSync(fresh, harness);
    } finally {
      await fresh.close();
    }
  });
});
