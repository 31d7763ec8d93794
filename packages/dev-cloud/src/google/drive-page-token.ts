import { createHash } from "node:crypto";

/**
 * `files.list` page tokens: the offset of the next page plus a fingerprint of
 * the query it belongs to, base64url-encoded. Opaque to clients, the same for
 * the same request (so runs are reproducible), and refused when replayed
 * with a different `q` or `orderBy`.
 */
export function encodePageToken(offset: number, fingerprint: string): string {
  return Buffer.from(`${offset}:${fingerprint}`, "utf8").toString("base64url");
}

/**
 * Reads a token made by {@link encodePageToken}.
 *
 * @returns The offset, or `undefined` when the token is malformed or belongs to another query.
 */
export function decodePageToken(token: string, fingerprint: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return undefined;
  const match = /^(\d{1,9}):(.+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
  if (match === null || match[2] !== fingerprint) return undefined;
  return Number(match[1]);
}

/** The fingerprint of the parameters that shape the result list. */
export function queryFingerprint(parts: readonly string[]): string {
  return createHash("sha256").update(parts.join("\u0000")).digest("base64url").slice(0, 12);
}
