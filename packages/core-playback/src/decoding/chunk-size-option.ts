import { PlayerError } from "@player/core-runtime";

/** A chunk-size option of a format module: `fallback` when absent, else a positive integer. */
export function chunkSizeOption(value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new PlayerError(
      "runtime/invalid-argument",
      `Chunk sizes must be positive integers, got ${value}.`,
    );
  }
  return value;
}
