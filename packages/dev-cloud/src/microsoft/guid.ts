import type { SeededRandom } from "../context.js";

const HEX = "0123456789abcdef";

/**
 * A version-4-shaped GUID from the server's seeded randomness, for trace,
 * correlation and request ids that look like Microsoft's.
 *
 * @param random - The server's deterministic random source.
 */
export function newGuid(random: SeededRandom): string {
  let hex = "";
  for (let i = 0; i < 32; i++) hex += HEX[random.integer(0, 15)];
  // Version nibble 4 and variant 10xx, as a real v4 GUID has.
  hex = `${hex.slice(0, 12)}4${hex.slice(13, 16)}${HEX[8 + random.integer(0, 3)]}${hex.slice(17)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True for a GUID such as a tenant id (any version, any case). */
export function isGuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
