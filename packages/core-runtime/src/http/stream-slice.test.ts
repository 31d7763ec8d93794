import { describe, expect, it } from "vitest";
import { readStreamSlice } from "./stream-slice.js";

function streamOf(chunks: number[][], onCancel?: () => void): ReadableStream<Uint8Array> {
  let index = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[index];
      index += 1;
      if (chunk === undefined) controller.close();
      else controller.enqueue(Uint8Array.from(chunk));
    },
    cancel() {
      onCancel?.();
    },
  });
}

describe("readStreamSlice", () => {
  it("keeps the bytes across chunk boundaries", async () => {
    const slice = await readStreamSlice(
      streamOf([
        [0, 1, 2],
        [3, 4],
        [5, 6, 7, 8],
      ]),
      2,
      5,
    );
    expect([...slice.bytes]).toEqual([2, 3, 4, 5, 6]);
    expect(slice.ended).toBe(false);
    expect(slice.bytesRead).toBe(9);
  });

  it("cancels the stream once it has enough", async () => {
    let cancelled = false;
    const slice = await readStreamSlice(
      streamOf(
        [
          [0, 1],
          [2, 3],
          [4, 5],
          [6, 7],
        ],
        () => {
          cancelled = true;
        },
      ),
      1,
      2,
    );
    expect([...slice.bytes]).toEqual([1, 2]);
    expect(cancelled).toBe(true);
    expect(slice.bytesRead).toBe(4);
  });

  it("reports a stream that ended before the slice was full", async () => {
    const slice = await readStreamSlice(streamOf([[0, 1, 2]]), 1, Number.POSITIVE_INFINITY);
    expect([...slice.bytes]).toEqual([1, 2]);
    expect(slice.ended).toBe(true);
    expect(slice.bytesRead).toBe(3);
  });

  it("reads a null body as empty", async () => {
    expect(await readStreamSlice(null, 0, 10)).toEqual({
      bytes: new Uint8Array(0),
      bytesRead: 0,
      ended: true,
    });
  });
});
