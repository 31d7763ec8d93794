import { PlayerError } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import { FakeStorageProvider, patternBytes } from "./fake-storage-provider.js";
import { RangeByteReader, type RangeByteReaderOptions } from "./range-byte-reader.js";

/** Small blocks keep the numbers readable: 1 KiB blocks, a 256-byte opening read. */
const SMALL: RangeByteReaderOptions = {
  blockBytes: 1024,
  firstReadBytes: 256,
  cacheBytes: 16 * 1024,
  readAheadBlocks: 4,
  sleep: async () => undefined,
};

/** Lets settled fetches store their blocks. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Index of the first differing byte, or -1 when equal (fast for megabytes). */
function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const length = Math.max(a.byteLength, b.byteLength);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

const ranges = (provider: FakeStorageProvider) =>
  provider.requests.map(({ start, end }) => [start, end]);

async function readInPieces(reader: RangeByteReader, size: number, pieces: number[]) {
  const parts: Uint8Array[] = [];
  for (let offset = 0, i = 0; offset < size; i++) {
    const length = pieces[i % pieces.length] ?? 1;
    parts.push(await reader.read(offset, offset + length));
    offset += length;
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

describe("RangeByteReader", () => {
  it("opens with one small read that tells the size", async () => {
    const provider = new FakeStorageProvider(patternBytes(300_000));
    const reader = await RangeByteReader.open(provider, "file");
    expect(reader.size).toBe(300_000);
    expect(ranges(provider)).toEqual([[0, 16_383]]);
    expect(await reader.read(100, 200)).toEqual(patternBytes(300_000).subarray(100, 200));
    // Served from the opening read; a sequential start fetches the first 4 blocks ahead.
    expect(ranges(provider)).toEqual([
      [0, 16_383],
      [0, 262_143],
    ]);
  });

  it("reads a whole file in uneven pieces, fetching every block once", async () => {
    const bytes = patternBytes(50_000);
    const provider = new FakeStorageProvider(bytes);
    const reader = await RangeByteReader.open(provider, "file", SMALL);
    const read = await readInPieces(reader, 50_000, [100, 333, 4096, 7, 1500, 2048, 1]);
    expect(firstDifference(read, bytes)).toBe(-1);
    await settle();
    // Each block once, plus the 256-byte opening read.
    expect(provider.bytesServed).toBe(50_000 + 256);
    expect(provider.requests.every((request) => request.outcome === "answered")).toBe(true);
    expect(await reader.read(49_990, 60_000)).toEqual(bytes.subarray(49_990));
    expect(await reader.read(50_000, 50_010)).toEqual(new Uint8Array(0));
  });

  it("reads ahead while reads are sequential, in refills of at least half the window", async () => {
    const provider = new FakeStorageProvider(patternBytes(50_000));
    const reader = await RangeByteReader.open(provider, "file", SMALL);
    await reader.read(0, 256); // from the opening read; blocks 0-3 are fetched ahead
    expect(ranges(provider)).toEqual([
      [0, 255],
      [0, 4095],
    ]);
    await settle();
    await reader.read(256, 1024);
    await reader.read(1024, 2048);
    expect(provider.requests).toHaveLength(2); // blocks 2 and 3 are still ahead
    await reader.read(2048, 3072); // only block 3 ahead: refill blocks 4-6
    expect(ranges(provider).slice(2)).toEqual([[4096, 7167]]);
    await settle();
    const before = provider.requests.length;
    await reader.read(3072, 4096);
    await reader.read(4096, 5120);
    expect(provider.requests).toHaveLength(before); // served from the read-ahead
  });

  it("cancels read-ahead that a jump made useless", async () => {
    const bytes = patternBytes(50_000);
    const provider = new FakeStorageProvider(bytes);
    const reader = await RangeByteReader.open(provider, "file", SMALL);
    provider.hold();
    const first = reader.read(0, 256);
    expect(await first).toEqual(bytes.subarray(0, 256));
    const ahead = provider.requests[1];
    expect([ahead?.start, ahead?.end, ahead?.outcome]).toEqual([0, 4095, "pending"]);
    const far = reader.read(40_000, 40_100);
    await settle();
    expect(ahead?.outcome).toBe("aborted");
    provider.release();
    expect(await far).toEqual(bytes.subarray(40_000, 40_100));
    expect(ranges(provider).slice(2)).toEqual([[39_936, 40_959]]);
  });

  it("shares one request between concurrent reads of the same blocks", async () => {
    const bytes = patternBytes(50_000);
    const provider = new FakeStorageProvider(bytes);
    const reader = await RangeByteReader.open(provider, "file", { ...SMALL, readAheadBlocks: 0 });
    provider.hold();
    const a = reader.read(20_000, 22_000);
    const b = reader.read(20_500, 21_000);
    provider.release();
    expect(await a).toEqual(bytes.subarray(20_000, 22_000));
    expect(await b).toEqual(bytes.subarray(20_500, 21_000));
    expect(ranges(provider).slice(1)).toEqual([[19_456, 22_527]]);
  });

  it("retries transient failures with exponential backoff and loses no byte", async () => {
    const bytes = patternBytes(50_000);
    const provider = new FakeStorageProvider(bytes);
    const waits: number[] = [];
    const reader = await RangeByteReader.open(provider, "file", {
      ...SMALL,
      readAheadBlocks: 0,
      random: () => 1,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    provider.failNext(1, () => new TypeError("fetch failed"));
    provider.failNext(1, () => new PlayerError("http/network", "reset", { retryable: true }));
    provider.failNext(
      1,
      () => new PlayerError("http/status", "503", { retryable: true, details: { status: 503 } }),
    );
    expect(await reader.read(10_000, 12_000)).toEqual(bytes.subarray(10_000, 12_000));
    expect(waits).toEqual([200, 400, 800]);
    expect(provider.requests.slice(1).map((request) => request.outcome)).toEqual([
      "failed",
      "failed",
      "failed",
      "answered",
    ]);
  });

  it("fails with a retryable source-failed once the retries ran out", async () => {
    const provider = new FakeStorageProvider(patternBytes(50_000));
    const reader = await RangeByteReader.open(provider, "file", {
      ...SMALL,
      readAheadBlocks: 0,
      retries: 3,
    });
    const cause = new PlayerError("http/status", "503", {
      retryable: true,
      details: { status: 503 },
    });
    provider.failAlways(() => cause);
    const error = await reader.read(5000, 6000).catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ code: "playback/source-failed", retryable: true, cause });
    expect(provider.requests).toHaveLength(1 + 4);
    // The failure is not cached: once the provider recovers, the same read works.
    provider.failAlways(undefined);
    expect(await reader.read(5000, 6000)).toEqual(patternBytes(50_000).subarray(5000, 6000));
  });

  it("fails at once with track-not-found for a 404, and source-failed for a refusal", async () => {
    const gone = new FakeStorageProvider(patternBytes(1000));
    gone.failAlways(() => new PlayerError("http/status", "404", { details: { status: 404 } }));
    await expect(RangeByteReader.open(gone, "file", SMALL)).rejects.toMatchObject({
      code: "playback/track-not-found",
      retryable: false,
    });
    expect(gone.requests).toHaveLength(1);

    const refused = new FakeStorageProvider(patternBytes(50_000));
    const reader = await RangeByteReader.open(refused, "file", SMALL);
    refused.failAlways(() => new PlayerError("sync/unauthorized", "refused a fresh token"));
    await expect(reader.read(9000, 9100)).rejects.toMatchObject({
      code: "playback/source-failed",
      retryable: false,
      cause: { code: "sync/unauthorized" },
    });
    expect(refused.requests.filter((request) => request.start === 8192)).toHaveLength(1);
  });

  it("never holds more than its cache budget, even for a read larger than it", async () => {
    const size = 3 * 1024 * 1024;
    const bytes = patternBytes(size);
    const provider = new FakeStorageProvider(bytes);
    const reader = await RangeByteReader.open(provider, "file");
    let most = 0;
    const check = () => {
      most = Math.max(most, reader.cachedBytes);
    };
    for (let offset = 0; offset < size; offset += 10_000) {
      const read = await reader.read(offset, offset + 10_000);
      expect(firstDifference(read, bytes.subarray(offset, offset + 10_000))).toBe(-1);
      check();
      await settle();
      check();
    }
    for (const offset of [2_000_000, 17, 1_234_567, 3_000_000]) {
      const read = await reader.read(offset, offset + 70_000);
      expect(firstDifference(read, bytes.subarray(offset, offset + 70_000))).toBe(-1);
      check();
    }
    const large = await reader.read(100, 2_600_100);
    expect(firstDifference(large, bytes.subarray(100, 2_600_100))).toBe(-1);
    await settle();
    check();
    expect(most).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(most).toBeGreaterThan(1.5 * 1024 * 1024); // the budget is used, not wasted
  });

  it("stops a read when its signal aborts, and the request nobody else waits for", async () => {
    const provider = new FakeStorageProvider(patternBytes(50_000));
    const reader = await RangeByteReader.open(provider, "file", { ...SMALL, readAheadBlocks: 0 });
    provider.hold();
    const controller = new AbortController();
    const read = reader.read(30_000, 31_000, controller.signal);
    controller.abort(new Error("seek"));
    await expect(read).rejects.toMatchObject({ code: "http/aborted" });
    expect(provider.requests[1]?.outcome).toBe("aborted");
    provider.release();
  });

  it("reads an empty file as empty", async () => {
    const provider = new FakeStorageProvider(new Uint8Array(0));
    const reader = await RangeByteReader.open(provider, "file", SMALL);
    expect(reader.size).toBe(0);
    expect(await reader.read(0, 100)).toEqual(new Uint8Array(0));
  });

  it("rejects bad ranges, bad options and use after close", async () => {
    const provider = new FakeStorageProvider(patternBytes(5000));
    await expect(
      RangeByteReader.open(provider, "file", { cacheBytes: 1000 }),
    ).rejects.toMatchObject({
      code: "runtime/invalid-config",
    });
    const reader = await RangeByteReader.open(provider, "file", SMALL);
    await expect(reader.read(10, 5)).rejects.toMatchObject({ code: "runtime/invalid-argument" });
    await expect(reader.read(-1, 5)).rejects.toMatchObject({ code: "runtime/invalid-argument" });
    reader.close();
    expect(reader.cachedBytes).toBe(0);
    await expect(reader.read(0, 5)).rejects.toMatchObject({ code: "runtime/disposed" });
  });
});
