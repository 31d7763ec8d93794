import { PlayerError } from "@player/core-runtime";

/**
 * Checks that `channels` holds `expected` arrays of one length and returns it.
 *
 * @throws PlayerError `runtime/invalid-argument` otherwise.
 */
export function planarFrameCount(channels: readonly Float32Array[], expected: number): number {
  const frames = channels[0]?.length ?? 0;
  if (channels.length !== expected || channels.some((channel) => channel.length !== frames)) {
    throw new PlayerError(
      "runtime/invalid-argument",
      `Expected ${expected} channels of equal length`,
      { details: { argument: "channels" } },
    );
  }
  return frames;
}
