import type { StorageProvider } from "@player/core-runtime";
import type { IRangeRequestClient } from "@tokenizer/range";
import { type RangeClientStats, StorageByteSource } from "./byte-source.js";

export type { RangeClientStats } from "./byte-source.js";

/** No practical limit: for callers that bound their reads themselves. */
const UNBOUNDED = { maxBytes: Number.MAX_SAFE_INTEGER, maxRequests: Number.MAX_SAFE_INTEGER };

/**
 * The range-request client `@tokenizer/range` asks for, over a file of a
 * signed-in drive: every read is one `StorageProvider.readRange`, so the
 * connector's token refresh, retries and download-URL cache apply.
 */
export function storageRangeClient(
  storage: StorageProvider,
  remoteId: string,
  options: { mimeType?: string; signal?: AbortSignal; stats?: RangeClientStats } = {},
): IRangeRequestClient {
  const source = new StorageByteSource(storage, remoteId, {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.stats === undefined ? {} : { stats: options.stats }),
    budget: UNBOUNDED,
  });
  return byteSourceRangeClient(source, options.mimeType);
}

/**
 * The range-request client over a {@link StorageByteSource}: bytes it already
 * holds (the sniffed first chunk) are served without a new request.
 */
export function byteSourceRangeClient(
  source: StorageByteSource,
  mimeType?: string,
): IRangeRequestClient {
  return {
    async getResponse(_method, range) {
      const [start, end] = range ?? [0, undefined];
      const wanted = end === undefined ? Number.MAX_SAFE_INTEGER - start : end - start + 1;
      const bytes = await source.read(start, wanted);
      // Without a total size the tokenizer cannot seek from the end (ID3v1, APE, moov last).
      const size = source.size ?? start + bytes.length;
      return {
        size,
        ...(mimeType === undefined ? {} : { mimeType }),
        acceptPartialRequests: true,
        contentRange: {
          firstBytePosition: start,
          lastBytePosition: start + bytes.length - 1,
          instanceLength: size,
        },
        arrayBuffer: async () => bytes,
      };
    },
    abort() {
      source.abort();
    },
  };
}
