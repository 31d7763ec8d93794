import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncedMusic } from "./test-support/sync-expectations.js";
import { createHarness, PROVIDERS } from "./test-support/sync-harness.js";

describe.each(PROVIDERS)("StorageProvider.readRange (%s)", (provider) => {
  let cloud: DevCloud;
  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 2 });
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("reads the exact bytes of a range of a synced file", async () => {
    const harness = await createHarness(cloud, provider);
    await harness.sync();
    const [file] = await syncedMusic(harness);
    const item = file === undefined ? undefined : cloud.context.library.get(file.remoteId);
    if (file === undefined || item?.kind !== "file") throw new Error("nothing synced");
    const { bytes } = await harness.connector.readRange(file.remoteId, { start: 3, end: 18 });
    expect([...bytes]).toEqual([...cloud.context.library.bytes(item).subarray(3, 19)]);
  });
});

describe.each(PROVIDERS)("StorageProvider.readRange after the token expired (%s)", (provider) => {
  let cloud: DevCloud;
  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 2 });
  });
  afterAll(async () => {
    await cloud.close();
  });

  it("refreshes the token once and reads the range", async () => {
    const harness = await createHarness(cloud, provider);
    await harness.sync();
    const [file] = await syncedMusic(harness);
    const item = file === undefined ? undefined : cloud.context.library.get(file.remoteId);
    if (file === undefined || item?.kind !== "file") throw new Error("nothing synced");
    const refreshesBefore = harness.account.tokens.refreshes;
    await cloud.admin.advanceClock(2 * 60 * 60 * 1000);
    const { bytes } = await harness.connector.readRange(file.remoteId, { start: 0, end: 99 });
    expect([...bytes]).toEqual([...cloud.context.library.bytes(item).subarray(0, 100)]);
    expect(harness.account.tokens.refreshes).toBe(refreshesBefore + 1);
  });
});
