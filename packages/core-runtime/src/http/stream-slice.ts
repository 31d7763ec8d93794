/** What {@link readStreamSlice} read. */
export interface StreamSlice {
  /** The kept bytes: at most `limit` bytes starting at offset `skip` of the stream. */
  bytes: Uint8Array;
  /** How many bytes were read from the stream in total, skipped ones included. */
  bytesRead: number;
  /** True when the stream ended by itself; false when it was cancelled early. */
  ended: boolean;
}

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0] !== undefined && chunks[0].byteLength === length) {
    return chunks[0];
  }
  const result = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    result.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return result;
}

/**
 * Reads the bytes `[skip, skip + limit)` of a byte stream and cancels the
 * stream as soon as it has them, so the rest is never downloaded.
 *
 * Errors of the stream (abort, reset connection) are passed through.
 *
 * @param stream - A response body; `null` reads as an empty stream.
 * @param skip - Bytes to drop from the start.
 * @param limit - Bytes to keep after `skip`; may be `Infinity` to read to the end.
 *
 * @example
 * ```ts
 * const { bytes, ended } = await readStreamSlice(response.body, 1000, 64);
 * ```
 */
export async function readStreamSlice(
  stream: ReadableStream<Uint8Array> | null,
  skip: number,
  limit: number,
): Promise<StreamSlice> {
  const stop = skip + limit;
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let bytesRead = 0;
  if (stream === null) return { bytes: new Uint8Array(0), bytesRead, ended: true };
  if (limit <= 0) {
    await stream.cancel().catch(() => undefined);
    return { bytes: new Uint8Array(0), bytesRead, ended: false };
  }
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { bytes: concat(chunks, kept), bytesRead, ended: true };
      const chunkStart = bytesRead;
      bytesRead += value.byteLength;
      const from = Math.max(skip, chunkStart) - chunkStart;
      const to = Math.min(stop, bytesRead) - chunkStart;
      if (to > from) {
        // Copy: the chunk may be a view on a larger pooled buffer.
        chunks.push(value.slice(from, to));
        kept += to - from;
      }
      if (bytesRead >= stop) {
        await reader.cancel().catch(() => undefined);
        return { bytes: concat(chunks, kept), bytesRead, ended: false };
      }
    }
  } finally {
    reader.releaseLock();
  }
}
