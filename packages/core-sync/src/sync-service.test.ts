import type { AccountSummary } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SyncService } from "./sync-service.js";
import { applyMutation } from "./test-support/cloud-mutations.js";
import { expectInSync, syncedCount } from "./test-support/sync-expectations.js";
import { createHarness, PROVIDERS_AND_TARGETS } from "./test-support/sync-harness.js";

describe.each(PROVIDERS_AND_TARGETS)("SyncService (%s, %s)", (provider, targetKind) => {
  let cloud: DevCloud;
  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 8 });
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("syncs on sign-in and on the interval, one job per account, and forgets on sign-out", async () => {
    const harness = await createHarness(cloud, provider, { targetKind });
    const accountId = harness.account.accountId;
    let tick: (() => void) | undefined;
    const service = new SyncService({
      bus: harness.bus,
      target: harness.target,
      createConnector: () => harness.connector,
      intervalMs: 60_000,
      setInterval: (callback) => {
        tick = callback;
        return 1;
      },
      clearInterval: () => {
        tick = undefined;
      },
    });
    const ends: string[] = [];
    harness.bus.on("sync:end", (data) => ends.push(`${data.accountId}:${data.outcome}`));
    service.start();
    const account: AccountSummary = {
      id: accountId,
      provider,
      displayName: "Alex",
      status: "signed-in",
    };
    harness.bus.emit("auth:signed-in", { account });
    expect(service.isSyncing(accountId)).toBe(true);
    // Asking again while it runs joins the running job.
    const a = service.syncAccount(account);
    const b = service.syncAccount(account);
    expect(a).toBe(b);
    await a;
    await expectInSync(cloud, harness);

    await applyMutation(cloud, { kind: "add", pick: 1 });
    expect(tick).toBeDefined();
    tick?.();
    expect(service.isSyncing(accountId)).toBe(true);
    await service.syncAccount(account);
    await expectInSync(cloud, harness);
    expect(ends).toEqual([`${accountId}:completed`, `${accountId}:completed`]);

    expect(await syncedCount(harness)).toBeGreaterThan(0);
    harness.bus.emit("auth:signed-out", { accountId });
    await vi.waitFor(async () => expect(await syncedCount(harness)).toBe(0));
    expect(await harness.target.getSyncCursor(accountId)).toBeUndefined();
    service.destroy();
    expect(tick).toBeUndefined();
    expect(harness.bus.listenerCount("auth:signed-in")).toBe(0);
  });

  it("reports progress with phase and counts, and cancel stops a job that later resumes", async () => {
    const harness = await createHarness(cloud, provider, { pageSize: 2, targetKind });
    const service = new SyncService({
      bus: harness.bus,
      target: harness.target,
      createConnector: () => harness.connector,
      intervalMs: 0,
    });
    const progress: Array<{ phase: string; processed: number }> = [];
    harness.bus.on("sync:progress", (data) => {
      progress.push(data);
      if (progress.length === 2) service.cancel(harness.account.accountId);
    });
    const account = { id: harness.account.accountId, provider };
    await expect(service.syncAccount(account)).rejects.toMatchObject({ code: "sync/cancelled" });
    expect(progress[0]?.phase).toBe("full");
    expect(progress[1]?.processed).toBeGreaterThan(progress[0]?.processed ?? 0);
    await service.syncAccount(account);
    await expectInSync(cloud, harness);
    expect(() => service.setIntervalMs(5)).toThrow(/intervalMs/);
    service.destroy();
  });
});
