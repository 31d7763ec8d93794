import type { RequestLogEntry } from "@player/dev-cloud";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness } from "../../test-support/sync-harness.js";
import { DOWNLOAD_URL_REUSE_MS, DownloadUrlCache } from "./download-url-cache.js";

describe("DownloadUrlCache", () => {
  it("reuses a URL until its reuse period ends", () => {
    let now = 1_000;
    const cache = new DownloadUrlCache({ reuseMs: 500, now: () => now });
    cache.set("a", "https://download/a1");
    now = 1_499;
    expect(cache.get("a")).toBe("https://download/a1");
    now = 1_500;
    expect(cache.get("a")).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it("keeps the most recently used items within its bound", () => {
    const cache = new DownloadUrlCache({ maxEntries: 2 });
    cache.set("a", "u-a");
    cache.set("b", "u-b");
    expect(cache.get("a")).toBe("u-a"); // b is now the least recently used
    cache.set("c", "u-c");
    expect([cache.get("a"), cache.get("b"), cache.get("c")]).toEqual(["u-a", undefined, "u-c"]);
  });

  it("forgets a refused URL but not a newer one", () => {
    const cache = new DownloadUrlCache();
    cache.set("a", "old");
    cache.set("a", "new");
    cache.forget("a", "old");
    expect(cache.get("a")).toBe("new");
    cache.forget("a", "new");
    expect(cache.get("a")).toBeUndefined();
  });

  it("reuses for less than the hour the download host honours", () => {
    expect(DOWNLOAD_URL_REUSE_MS).toBeLessThan(60 * 60 * 1000);
    expect(DOWNLOAD_URL_REUSE_MS).toBeGreaterThanOrEqual(30 * 60 * 1000);
  });
});

/** The Graph and download-host requests since `since` (token requests excluded). */
async function driveRequests(cloud: DevCloud, since: number): Promise<RequestLogEntry[]> {
  const entries = await cloud.admin.requests({ since });
  return entries.filter(
    (entry) => entry.path.startsWith("/graph/") || entry.path.startsWith("/graph-download/"),
  );
}

const isDownload = (entry: RequestLogEntry): boolean => entry.path.startsWith("/graph-download/");

describe("OneDriveConnector.readRange with cached download URLs", () => {
  let cloud: DevCloud;
  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 3 });
  });
  afterAll(async () => {
    await cloud.close();
  });

  function firstFile(index = 0) {
    const { library } = cloud.context;
    const files = library
      .all()
      .filter((item) => item.kind === "file" && !item.trashed && library.size(item) > 8000);
    const file = files[index];
    if (file?.kind !== "file") throw new Error("the dev-cloud has too few audio files");
    return file;
  }

  it("costs N+1 requests for N reads of one file", async () => {
    const harness = await createHarness(cloud, "microsoft");
    const file = firstFile();
    const expected = cloud.context.library.bytes(file);
    const since = await cloud.admin.lastRequestId();
    const reads = 6;
    for (let i = 0; i < reads; i++) {
      const start = i * 1000;
      const { bytes } = await harness.connector.readRange(file.id, { start, end: start + 999 });
      expect(bytes).toEqual(expected.subarray(start, start + 1000));
    }
    const log = await driveRequests(cloud, since);
    expect(log).toHaveLength(reads + 1);
    expect(log.filter(isDownload).map((entry) => entry.status)).toEqual(Array(reads).fill(206));
    expect(log.filter((entry) => !isDownload(entry)).map((entry) => entry.path)).toEqual([
      `/graph/v1.0/me/drive/items/${file.id}`,
    ]);
  });

  it("looks an expired URL up again and retries the read once, transparently", async () => {
    const harness = await createHarness(cloud, "microsoft");
    const file = firstFile(1);
    const expected = cloud.context.library.bytes(file);
    await harness.connector.readRange(file.id, { start: 0, end: 15 });
    await cloud.admin.advanceClock(61 * 60 * 1000); // the URL (and the access token) expire
    const since = await cloud.admin.lastRequestId();
    const { bytes } = await harness.connector.readRange(file.id, { start: 100, end: 4195 });
    expect(bytes).toEqual(expected.subarray(100, 4196));
    const log = await driveRequests(cloud, since);
    const downloads = log.filter(isDownload);
    expect(downloads.map((entry) => entry.status)).toEqual([401, 206]);
    // The lookup in between: 401 for the expired token, then the fresh token's 200.
    expect(log.filter((entry) => !isDownload(entry)).map((entry) => entry.status)).toEqual([
      401, 200,
    ]);
    // And the new URL is reused from then on.
    const after = await cloud.admin.lastRequestId();
    await harness.connector.readRange(file.id, { start: 0, end: 0 });
    expect((await driveRequests(cloud, after)).map(isDownload)).toEqual([true]);
  });

  it("reads the new content through a new URL once the file changed", async () => {
    const harness = await createHarness(cloud, "microsoft");
    const file = firstFile(2);
    await harness.connector.readRange(file.id, { start: 0, end: 15 });
    const replacement = new Uint8Array(5000).map((_, i) => (i * 7) % 251);
    cloud.context.library.modify(file.id, replacement);
    const since = await cloud.admin.lastRequestId();
    const { bytes, totalSize } = await harness.connector.readRange(file.id, {
      start: 10,
      end: 4009,
    });
    expect(totalSize).toBe(5000);
    expect(bytes).toEqual(replacement.subarray(10, 4010));
    expect((await driveRequests(cloud, since)).map((entry) => entry.status)).toEqual([
      404, 200, 206,
    ]);
  });

  it("reports a deleted file as a 404, without looping", async () => {
    const harness = await createHarness(cloud, "microsoft");
    const file = firstFile(0);
    await harness.connector.readRange(file.id, { start: 0, end: 15 });
    cloud.context.library.remove(file.id);
    const since = await cloud.admin.lastRequestId();
    await expect(harness.connector.readRange(file.id, { start: 0, end: 15 })).rejects.toMatchObject(
      { code: "http/status", details: { status: 404 } },
    );
    expect((await driveRequests(cloud, since)).map((entry) => entry.status)).toEqual([404, 404]);
  });
});
