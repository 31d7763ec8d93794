import type { AccountSummary } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SyncService } from "./sync-service.js";
import { applyMutation } from "./test-support/cloud-mutations.js";
import { comparable, groundTruth } from "./test-support/ground-truth.js";
import { createHarness, PROVIDERS } from "./test-support/sync-harness.js";

describe.each(PROVIDERS)("SyncService (%s)", (provider) => {
  let cloud: DevCloud;
  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 8 });
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("syncs on sign-in and on the interval, one job per account, and forgets on sign-out", async () => {
    const harness = await createHarness(cloud, provider);
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
    expect(comparable(harness.target.list(accountId))).toEqual(groundTruth(cloud));

    await applyMutation(cloud, { kind: "add", pick: 1 });
    expect(tick).toBeDefined();
    tick?.();
    expect(service.isSyncing(accountId)).toBe(true);
    await service.syncAccount(account);
    expect(comparable(harness.target.list(accountId))).toEqual(groundTruth(cloud));
    expect(ends).toEqual([`${accountId}:completed`, `${accountId}:completed`]);

    harness.bus.emit("auth:signed-out", { accountId });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(harness.target.list(accountId)).toEqual([]);
    service.destroy();
    expect(tick).toBeUndefined();
    expect(harness.bus.listenerCount("auth:signed-in")).toBe(0);
  });

  it("reports progress with phase and counts, and cancel stops a job that later resumes", async () => {
    const harness = await createHarness(cloud, provider, { pageSize: 2 });
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
    expect(comparable(harness.target.list(account.id))).toEqual(groundTruth(cloud));
    expect(() => service.setIntervalMs(5)).toThrow(/intervalMs/);
    service.destroy();
  });
});
