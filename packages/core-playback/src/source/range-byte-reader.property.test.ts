import type { ByteRange, RangeReadResult, StorageReadOptions } from "@player/core-runtime";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FakeStorageProvider, patternBytes } from "./fake-storage-provider.js";
import { RangeByteReader } from "./range-byte-reader.js";

/** Answers after a delay drawn per request, so answers overtake each other. */
class SlowProvider extends FakeStorageProvider {
  readonly #delays: number[];
  #next = 0;

  constructor(bytes: Uint8Array, delays: number[]) {
    super(bytes);
    this.#delays = delays;
  }

  override async readRange(
    remoteId: string,
    range: ByteRange,
    options?: StorageReadOptions,
  ): Promise<RangeReadResult> {
    const delay = this.#delays[this.#next++ % this.#delays.length] ?? 0;
    await new Promise((resolve) => setTimeout(resolve, delay));
    return super.readRange(remoteId, range, options);
  }
}

const SIZE = 300_000;

describe("RangeByteReader under random reads, jumps, aborts and slow answers", () => {
  it("always returns exactly the file's bytes", async () => {
    const bytes = patternBytes(SIZE);
    const read = fc.record({
      start: fc.integer({ min: 0, max: SIZE + 1000 }),
      length: fc.integer({ min: 0, max: 90_000 }),
      sequentialRun: fc.integer({ min: 0, max: 6 }),
      abortOne: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(read, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 16 }),
        async (reads, delays) => {
          const provider = new SlowProvider(bytes, delays);
          // The opening read (16 KiB) covers part of the first block only.
          const reader = await RangeByteReader.open(provider, "file", {
            blockBytes: 64 * 1024,
            cacheBytes: 6 * 64 * 1024,
            readAheadBlocks: 3,
          });
          for (const { start, length, sequentialRun, abortOne } of reads) {
            let at = start;
            for (let step = 0; step <= sequentialRun; step++) {
              if (abortOne && step === 0) {
                const controller = new AbortController();
                const pending = reader.read(at, at + length, controller.signal);
                controller.abort();
                await pending.catch(() => undefined);
              }
              const got = await reader.read(at, at + length);
              const want = bytes.subarray(Math.min(at, SIZE), Math.min(at + length, SIZE));
              expect(got.length).toBe(want.length);
              expect(Buffer.compare(Buffer.from(got), Buffer.from(want))).toBe(0);
              at += length;
            }
          }
        },
      ),
      { numRuns: 60, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED) } : {}) },
    );
  }, 60_000);
});
