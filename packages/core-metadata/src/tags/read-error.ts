import { PlayerError } from "@player/core-runtime";
import type { StorageByteSource } from "./byte-source.js";

/**
 * The error a tag read rejects with: an abort or the drive's own failure
 * (network, auth, a vanished file) as it is, since trying again may work;
 * anything the parsers threw as `metadata/unreadable`, the cause kept.
 */
export function tagReadError(
  cause: unknown,
  source: StorageByteSource,
  signal: AbortSignal | undefined,
): unknown {
  if (signal?.aborted) return cause;
  if (source.storageError !== undefined && isOrWraps(cause, source.storageError)) {
    return source.storageError;
  }
  if (PlayerError.isInstance(cause) && cause.code === "metadata/unreadable") return cause;
  return new PlayerError("metadata/unreadable", "The file's tags could not be read", {
    cause,
    details: { remoteId: source.remoteId },
  });
}

/** True when `error` is `target` or has it somewhere in its cause chain (parsers may wrap). */
function isOrWraps(error: unknown, target: unknown): boolean {
  let current = error;
  for (let depth = 0; depth < 8 && current !== undefined && current !== null; depth++) {
    if (current === target) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}
