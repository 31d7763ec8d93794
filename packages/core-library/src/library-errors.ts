import { isPlayerError, PlayerError, type PlayerErrorCode } from "@player/core-runtime";

const QUOTA_NAMES = new Set(["QuotaExceededError"]);
const CLOSED_NAMES = new Set(["DatabaseClosedError"]);
const BLOCKED_NAMES = new Set(["BlockedError", "VersionChangeError", "VersionError"]);

/**
 * Wraps an IndexedDB / Dexie failure in the matching `library/*` PlayerError,
 * keeping the original as `cause` (the edge of the library, like Dexie's
 * `mapError`). PlayerErrors pass through. Dexie wraps the platform error in
 * `inner` (an `AbortError` whose inner error is a `QuotaExceededError`), so the
 * whole chain is searched.
 */
export function toLibraryError(operation: string, error: unknown): PlayerError {
  if (isPlayerError(error)) return error;
  const names = errorNames(error);
  const reason = names[0] ?? typeof error;
  const code = codeFor(names);
  const message =
    code === "library/quota-exceeded"
      ? `The library ran out of storage space (${operation}).`
      : code === "library/database-closed"
        ? `The library database is closed (${operation}).`
        : code === "library/blocked"
          ? `Another tab holds the library database at another version (${operation}).`
          : `The library storage failed (${operation}): ${reason}`;
  return new PlayerError(code, message, {
    cause: error,
    retryable: code !== "library/storage-failed",
    details: { operation, reason },
  });
}

/** `library/not-found`. */
export function notFound(kind: string, id: string): PlayerError {
  return new PlayerError("library/not-found", `No ${kind} has the id ${JSON.stringify(id)}.`, {
    details: { kind, id },
  });
}

function codeFor(names: readonly string[]): PlayerErrorCode {
  if (names.some((name) => QUOTA_NAMES.has(name))) return "library/quota-exceeded";
  if (names.some((name) => BLOCKED_NAMES.has(name))) return "library/blocked";
  if (names.some((name) => CLOSED_NAMES.has(name))) return "library/database-closed";
  return "library/storage-failed";
}

function errorNames(error: unknown): string[] {
  const names: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const { name, inner, cause } = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof name === "string") names.push(name);
    current = inner ?? cause;
  }
  return names;
}
