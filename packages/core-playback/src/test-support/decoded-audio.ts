/**
 * Test helpers shared by the format modules' tests: drain a stream into whole
 * channels (checking positions are contiguous), read after a seek, and name
 * the tone of each second. Test-only: nothing outside tests imports it.
 */
import type { DecodedPiece, DecodeIssue, DecodeStream } from "../decoding/decode-contract.js";
import { dominantTone, STAIRCASE_SECONDS } from "./signals.js";

/** A whole decode: channels joined, and what the pieces said on the way. */
export interface DrainedStream {
  channels: Float32Array[];
  /** `startFrame` of the first piece. */
  startFrame: number;
  issues: DecodeIssue[];
  /** Places where a piece did not start where the previous one ended: [expected, actual]. */
  discontinuities: [number, number][];
  /** Pieces returned, empty ones (issues only) included. */
  pieces: number;
}

/** Pulls pieces until `null` (or until `maxFrames` frames were collected). */
export async function drainStream(
  stream: DecodeStream,
  maxFrames = Number.POSITIVE_INFINITY,
): Promise<DrainedStream> {
  const pieces: DecodedPiece[] = [];
  const issues: DecodeIssue[] = [];
  const discontinuities: [number, number][] = [];
  let frames = 0;
  let returned = 0;
  let expected: number | undefined;
  // A stream that never ends would hang the test; 10 000 pieces is far past any fixture.
  for (let count = 0; count < 10_000 && frames < maxFrames; count++) {
    const piece = await stream.next();
    if (piece === null) break;
    returned++;
    issues.push(...piece.issues);
    const length = piece.channels[0]?.length ?? 0;
    if (length === 0) continue;
    if (expected !== undefined && piece.startFrame !== expected) {
      discontinuities.push([expected, piece.startFrame]);
    }
    expected = piece.startFrame + length;
    pieces.push(piece);
    frames += length;
  }
  const channelCount = stream.info.channels;
  const channels = Array.from({ length: channelCount }, (_, channel) => {
    const joined = new Float32Array(frames);
    let offset = 0;
    for (const piece of pieces) {
      const data = piece.channels[channel] ?? new Float32Array(0);
      joined.set(data, offset);
      offset += data.length;
    }
    return joined;
  });
  return {
    channels,
    startFrame: pieces[0]?.startFrame ?? 0,
    issues,
    discontinuities,
    pieces: returned,
  };
}

/**
 * {@link drainStream} for tests that demand contiguous pieces.
 *
 * @throws Error when a piece does not start where the previous one ended.
 */
export async function collectPcm(
  stream: DecodeStream,
  maxFrames = Number.POSITIVE_INFINITY,
): Promise<Omit<DrainedStream, "discontinuities">> {
  const { discontinuities, ...drained } = await drainStream(stream, maxFrames);
  const [gap] = discontinuities;
  if (gap !== undefined) throw new Error(`Piece starts at ${gap[1]}, expected ${gap[0]}.`);
  return drained;
}

/** Second `second` of `samples`. */
export function secondSlice(
  samples: Float32Array,
  sampleRate: number,
  second: number,
): Float32Array {
  return samples.subarray(second * sampleRate, (second + 1) * sampleRate);
}

/** The dominant staircase tone of every whole second of `samples`. */
export function tonesPerSecond(
  samples: Float32Array,
  sampleRate: number,
  seconds = STAIRCASE_SECONDS,
): number[] {
  const tones: number[] = [];
  for (let second = 0; second < seconds; second++) {
    const window = samples.subarray(second * sampleRate, (second + 1) * sampleRate);
    tones.push(dominantTone(window, sampleRate).frequencyHz);
  }
  return tones;
}

/** Index of the first sample where `a` and `b` differ, or -1 when equal (lengths included). */
export function firstDifference(a: Float32Array, b: Float32Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : length;
}

/** A copy of `bytes` with `count` bytes at `offset` overwritten by a fixed junk pattern. */
export function damage(bytes: Uint8Array, offset: number, count: number): Uint8Array {
  const copy = bytes.slice();
  for (let i = 0; i < count; i++) copy[offset + i] = (0x5a + i * 37) & 0xff;
  return copy;
}

/** Channel `index` of a decode, failing the test when it is missing. */
export function channelOf(decoded: { channels: Float32Array[] }, index: number): Float32Array {
  const channel = decoded.channels[index];
  if (channel === undefined) throw new Error(`No channel ${index}`);
  return channel;
}
