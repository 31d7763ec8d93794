import type { SeededRandom } from "../context.js";

/** The 64 characters Drive-style ids and tokens are made of. */
export const TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/**
 * Creates a deterministic random source: sfc32 (a small, fast, well-tested
 * PRNG) whose 128-bit state is filled by splitmix32 from the seed.
 *
 * @param seed - Any safe integer, negative included; equal seeds give equal sequences.
 * @param stream - Picks an independent sequence for the same seed, so two
 *   consumers of one server seed (say the library generator and the server's
 *   own tokens) do not draw the same numbers. Default 0.
 * @throws RangeError when `seed` or `stream` is not a safe integer.
 *
 * @example
 * ```ts
 * const random = createSeededRandom(42);
 * random.integer(1, 6); // the same die roll on every run
 * random.token(33); // e.g. a Drive-like file id
 * ```
 */
export function createSeededRandom(seed: number, stream = 0): SeededRandom {
  if (!Number.isSafeInteger(seed)) {
    throw new RangeError(`seed must be a safe integer, got ${String(seed)}.`);
  }
  if (!Number.isSafeInteger(stream)) {
    throw new RangeError(`stream must be a safe integer, got ${String(stream)}.`);
  }
  // Both 32-bit halves of the seed feed the state, so seeds above 2^32 stay distinct.
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  const mix = splitmix32((low ^ Math.imul(high, 0x27d4eb2d) ^ Math.imul(stream, 0x165667b1)) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();

  const nextUint32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // The first outputs of sfc32 still echo the seed; the usual warm-up discards them.
  for (let round = 0; round < 12; round++) nextUint32();

  const next = (): number => nextUint32() / 2 ** 32;
  return {
    next,
    integer(min: number, max: number): number {
      if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max) {
        throw new RangeError(
          `integer(min, max) needs integers with min <= max, got ${min}, ${max}.`,
        );
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    token(length: number): string {
      if (!Number.isSafeInteger(length) || length < 0) {
        throw new RangeError(`token length must be a non-negative integer, got ${length}.`);
      }
      let token = "";
      // 64 characters: the top 6 bits of each draw pick one without bias.
      for (let index = 0; index < length; index++) token += TOKEN_ALPHABET[nextUint32() >>> 26];
      return token;
    },
  };
}

/** splitmix32: spreads a seed's bits so that nearby seeds give unrelated sfc32 states. */
function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}
