import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devCloudStorage, tinySleep } from "../test-support/dev-cloud-storage.js";
import { RangeByteReader } from "./range-byte-reader.js";

/** The routes the bytes come from, where the faults go. */
const BYTE_ROUTES = {
  google: ["/google/drive"],
  microsoft: ["/graph/v1.0", "/graph-download"],
} as const;

describe.each(["google", "microsoft"] as const)(
  "RangeByteReader over the dev-cloud (%s)",
  (provider) => {
    let cloud: DevCloud;
    beforeAll(async () => {
      cloud = await startDevCloud({ tracks: 4 });
    });
    afterAll(async () => {
      await cloud.close();
    });

    it("reads a whole track byte for byte through resets mid-body and 5xx", async () => {
      const { library } = cloud.context;
      const [item] = library
        .all()
        .flatMap((entry) => (entry.kind === "file" && !entry.trashed ? [entry] : []))
        .sort((a, b) => library.size(b) - library.size(a));
      if (item === undefined) throw new Error("the dev-cloud has no files");
      const expected = library.bytes(item);
      const connector = await devCloudStorage(cloud, provider);
      await cloud.admin.setFaults(
        BYTE_ROUTES[provider].flatMap((route) => [
          { route, kind: "reset" as const, afterBytes: 500, probability: 0.3 },
          { route, kind: "status" as const, status: 503, probability: 0.2 },
        ]),
        { seed: 11 },
      );
      try {
        const reader = await RangeByteReader.open(connector, item.id, {
          // Small blocks: the generated tracks are short, and many requests meet many faults.
          blockBytes: 1024,
          firstReadBytes: 512,
          cacheBytes: 16 * 1024,
          retries: 12,
          sleep: tinySleep,
        });
        expect(reader.size).toBe(expected.byteLength);
        const pieces = [4096, 777, 5000, 13, 1, 3000];
        const read = new Uint8Array(expected.byteLength);
        for (let offset = 0, i = 0; offset < expected.byteLength; i++) {
          const piece = await reader.read(offset, offset + (pieces[i % pieces.length] ?? 1));
          read.set(piece, offset);
          offset += piece.byteLength;
          expect(reader.cachedBytes).toBeLessThanOrEqual(16 * 1024);
        }
        expect(Buffer.from(read).equals(Buffer.from(expected))).toBe(true);
        const rules = (await cloud.admin.faults()).rules;
        const applied = (kind: string) =>
          rules.filter((rule) => rule.kind === kind).reduce((sum, rule) => sum + rule.applied, 0);
        console.log(
          `${provider}: ${expected.byteLength} bytes read intact through ` +
            `${applied("reset")} resets and ${applied("status")} 503s`,
        );
        expect(applied("reset")).toBeGreaterThan(0);
        expect(applied("status")).toBeGreaterThan(0);
      } finally {
        await cloud.admin.clearFaults();
      }
    });

    it("reports a deleted track as not found", async () => {
      const { library } = cloud.context;
      const item = library.all().find((entry) => entry.kind === "file" && !entry.trashed);
      if (item === undefined) throw new Error("the dev-cloud has no files");
      const connector = await devCloudStorage(cloud, provider);
      library.remove(item.id);
      await expect(RangeByteReader.open(connector, item.id)).rejects.toMatchObject({
        code: "playback/track-not-found",
        retryable: false,
      });
    });
  },
);
