import { createHash } from "node:crypto";

/**
 * A stable name-based UUID (version 5 layout, SHA-1) for ids the track facts
 * do not carry, such as a release's release group or its cover image.
 *
 * @param name - What the id stands for, e.g. `release-group:<release mbid>`.
 */
export function nameBasedUuid(name: string): string {
  const hash = createHash("sha1").update(name).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A MusicBrainz id: a UUID in its canonical lower-case form. */
export const MBID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
