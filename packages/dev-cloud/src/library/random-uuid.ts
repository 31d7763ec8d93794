import type { SeededRandom } from "../context.js";

/**
 * A UUID-v4-shaped string (version nibble 4, variant 8–b) drawn from a
 * seeded source, for MusicBrainz-style ids that repeat with the seed.
 *
 * @example
 * ```ts
 * randomUuidV4(createSeededRandom(1)); // "xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx"
 * ```
 */
export function randomUuidV4(random: SeededRandom): string {
  let hex = "";
  for (let block = 0; block < 8; block++) {
    hex += random.integer(0, 0xffff).toString(16).padStart(4, "0");
  }
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `4${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join("-");
}
