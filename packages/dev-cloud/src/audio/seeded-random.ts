/**
 * Deterministic pseudo-randomness: the same track must always render to the
 * same bytes, so nothing here reads a clock or `Math.random`.
 */

/** FNV-1a hash of a string's UTF-16 code units, as an unsigned 32-bit integer. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * A mulberry32 generator: small, fast and good enough for junk bytes and
 * colours, not for anything secret.
 *
 * @param seed - Any 32-bit integer; equal seeds give equal sequences.
 * @returns A function giving the next unsigned 32-bit value.
 */
export function createSeededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}
