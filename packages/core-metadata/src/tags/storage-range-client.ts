import type { StorageProvider } from "@player/core-runtime";
import type { IRangeRequestClient } from "@tokenizer/range";

/** Bytes handed out by a {@link storageRangeClient}, for byte-budget checks. */
export interface RangeClientStats {
  requests: number;
  bytes: number;
}

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
  const controller = new AbortController();
  const signal =
    options.signal === undefined
      ? controller.signal
      : AbortSignal.any([options.signal, controller.signal]);
  return {
    async getResponse(_method, range) {
      const [start, end] = range ?? [0, undefined];
      const result = await storage.readRange(
        remoteId,
        end === undefined ? { start } : { start, end },
        { signal },
      );
      if (options.stats !== undefined) {
        options.stats.requests++;
        options.stats.bytes += result.bytes.byteLength;
      }
      // Without a total size the tokenizer cannot seek from the end (ID3v1, APE, moov last).
      const size = result.totalSize ?? result.end + 1;
      return {
        size,
        ...(options.mimeType === undefined ? {} : { mimeType: options.mimeType }),
        acceptPartialRequests: true,
        contentRange: {
          firstBytePosition: result.start,
          lastBytePosition: result.end,
          instanceLength: size,
        },
        arrayBuffer: async () => result.bytes,
      };
    },
    abort() {
      controller.abort();
    },
  };
}
