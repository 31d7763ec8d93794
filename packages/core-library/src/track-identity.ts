import { PlayerError } from "@player/core-runtime";
/**
 * A track's primary key: an account id and a remote file id folded into one
 * string by {@link trackKey}. Produce it only with `trackKey`.
 */
export type TrackKey = string;

/** The two parts of a {@link TrackKey}. */
export interface TrackIdentity {
  /** The cloud account the file lives in. */
  accountId: string;
  /** The provider's id for the file. */
  remoteFileId: string;
}

// `<length of accountId>:<accountId>:<remoteFileId>`. The length prefix makes the
// split point explicit, so ids may contain ":" (or anything else) and still never
// collide; lengths count UTF-16 code units, which is what JS string length measures.
const LENGTH_PREFIX = /^(0|[1-9][0-9]{0,8}):/;

/**
 * Builds the stable key of a track from its account and remote file id.
 * Distinct pairs always give distinct keys, whatever characters the ids contain.
 *
 * @param accountId - The cloud account the file lives in; must not be empty.
 * @param remoteFileId - The provider's id for the file; must not be empty.
 * @throws PlayerError `runtime/invalid-argument` when either id is empty or not a string.
 *
 * @example
 * ```ts
 * trackKey("a:b", "c"); // "3:a:b:c"
 * trackKey("a", "b:c"); // "1:a:b:c"
 * ```
 */
export function trackKey(accountId: string, remoteFileId: string): TrackKey {
  assertId("accountId", accountId);
  assertId("remoteFileId", remoteFileId);
  return `${accountId.length}:${accountId}:${remoteFileId}`;
}

/**
 * Splits a key made by {@link trackKey} back into its parts.
 *
 * @param key - A track key.
 * @throws PlayerError `runtime/invalid-argument` when `key` was not made by `trackKey`.
 */
export function parseTrackKey(key: TrackKey): TrackIdentity {
  if (typeof key !== "string") throw malformed(String(key), "it is not a string");
  const prefix = LENGTH_PREFIX.exec(key);
  if (prefix === null) throw malformed(key, "it does not start with a length prefix");
  const length = Number(prefix[1]);
  const start = prefix[0].length;
  const end = start + length;
  if (length === 0) throw malformed(key, "the account id is empty");
  if (key.length < end + 2) throw malformed(key, "it is shorter than its length prefix says");
  if (key[end] !== ":") throw malformed(key, "the account id is not followed by ':'");
  return { accountId: key.slice(start, end), remoteFileId: key.slice(end + 1) };
}

function assertId(name: string, value: unknown): void {
  if (typeof value !== "string" || value.length === 0) {
    throw new PlayerError(
      "runtime/invalid-argument",
      `${name} must be a non-empty string, got ${JSON.stringify(value)}.`,
      { details: { argument: name } },
    );
  }
}

function malformed(key: string, reason: string): PlayerError {
  return new PlayerError(
    "runtime/invalid-argument",
    `Malformed track key ${JSON.stringify(key)}: ${reason}.`,
    { details: { argument: "key" } },
  );
}
