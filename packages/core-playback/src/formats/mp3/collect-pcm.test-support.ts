/**
 * Test helpers shared by the format modules' tests: drain a stream into one
 * array per channel, checking that pieces follow each other without gaps.
 */
import type { DecodeIssue, DecodeStream } from "../../decoding/decode-contract.js";

/** Everything a stream produced from its current position to its end. */
export interface CollectedPcm {
  channels: Float32Array[];
  /** `startFrame` of the first piece. */
  startFrame: number;
  issues: DecodeIssue[];
  pieces: number;
}

/**
 * Calls `next()` until `null` (or until `maxFrames` were collected).
 *
 * @throws Error when a piece does not start where the previous one ended.
 */
export async function collectPcm(
  stream: DecodeStream,
  maxFrames = Infinity,
): Promise<CollectedPcm> {
  const parts: Float32Array[][] = [];
  const issues: DecodeIssue[] = [];
  let startFrame: number | undefined;
  let expected: number | undefined;
  let frames = 0;
  let pieces = 0;
  while (frames < maxFrames) {
    const piece = await stream.next();
    if (piece === null) break;
    pieces++;
    issues.push(...piece.issues);
    const length = piece.channels[0]?.length ?? 0;
    if (length === 0) continue;
    if (expected !== undefined && piece.startFrame !== expected) {
      throw new Error(`Piece starts at ${piece.startFrame}, expected ${expected}.`);
    }
    startFrame ??= piece.startFrame;
    expected = piece.startFrame + length;
    parts.push(piece.channels);
    frames += length;
  }
  const channelCount = stream.info.channels;
  const channels = Array.from({ length: channelCount }, (_, c) => {
    const out = new Float32Array(frames);
    let offset = 0;
    for (const part of parts) {
      const data = part[c] ?? new Float32Array(0);
      out.set(data.subarray(0, Math.min(data.length, frames - offset)), offset);
      offset += data.length;
    }
    return out;
  });
  return { channels, startFrame: startFrame ?? 0, issues, pieces };
}

/** The per-second dominant tone check over the middle half-second of each second. */
export function secondSlice(
  samples: Float32Array,
  sampleRate: number,
  second: number,
): Float32Array {
  return samples.subarray(second * sampleRate, (second + 1) * sampleRate);
}
