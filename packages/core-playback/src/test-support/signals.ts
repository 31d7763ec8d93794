/**
 * Test material for the decoders: the committed "staircase" signals
 * (scripts/generate-test-signals.sh), WAV variants synthesized from the same
 * formula, byte readers over memory, and tone detection. Test-only: the
 * package entry does not import this file.
 */
import { readFileSync } from "node:fs";
import { detectTone, TONE_FREQUENCIES_HZ } from "@player/dev-cloud";
import type { ByteReader } from "../decoding/decode-contract.js";

/** Seconds in every staircase signal; second n plays {@link staircaseToneAt}(n). */
export const STAIRCASE_SECONDS = 24;
/** Peak amplitude of the left and right channels. */
export const STAIRCASE_AMPLITUDE = { left: 0.5, right: 0.25 } as const;

/** The committed encoded staircases, by fixture name. */
export const STAIRCASE_FILES = {
  "mp3-vbr": "staircase-vbr.mp3",
  "mp3-cbr": "staircase-cbr.mp3",
  flac: "staircase.flac",
  "flac-seektable": "staircase-seektable.flac",
  "ogg-vorbis": "staircase.ogg",
  "ogg-opus": "staircase.opus",
  m4a: "staircase.m4a",
} as const;

export type StaircaseFixture = keyof typeof STAIRCASE_FILES;

/** The tone (Hz) the staircase plays during second `second` (0-based). */
export function staircaseToneAt(second: number): number {
  const index = Math.min(Math.max(Math.floor(second), 0), STAIRCASE_SECONDS - 1);
  return TONE_FREQUENCIES_HZ[index] ?? Number.NaN;
}

/** The bytes of a committed staircase file. */
export function readStaircase(fixture: StaircaseFixture): Uint8Array {
  const url = new URL(`../../test-fixtures/signals/${STAIRCASE_FILES[fixture]}`, import.meta.url);
  return new Uint8Array(readFileSync(url));
}

/** The staircase's exact value of one channel at frame `frame`. */
export function staircaseSample(channel: 0 | 1, frame: number, sampleRate: number): number {
  const t = frame / sampleRate;
  const amplitude = channel === 0 ? STAIRCASE_AMPLITUDE.left : STAIRCASE_AMPLITUDE.right;
  return amplitude * Math.sin(2 * Math.PI * staircaseToneAt(t) * t);
}

/** WAV sample encodings the player must read. */
export type WavEncoding = "s16" | "s24" | "s32" | "f32";

/**
 * A stereo staircase as a WAV file (`WAVE_FORMAT_PCM`, or `IEEE_FLOAT` for
 * `f32`; `WAVE_FORMAT_EXTENSIBLE` when `extensible`).
 */
export function synthesizeStaircaseWav(
  encoding: WavEncoding,
  options: { sampleRate?: number; seconds?: number; extensible?: boolean } = {},
): Uint8Array {
  const sampleRate = options.sampleRate ?? 44_100;
  const frames = Math.round((options.seconds ?? STAIRCASE_SECONDS) * sampleRate);
  const bytesPerSample = encoding === "s16" ? 2 : encoding === "s24" ? 3 : 4;
  const channels = 2;
  const dataSize = frames * channels * bytesPerSample;
  const extensible = options.extensible === true;
  const fmtSize = extensible ? 40 : 16;
  const header = 12 + 8 + fmtSize + 8;
  const bytes = new Uint8Array(header + dataSize);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  const formatTag = encoding === "f32" ? 3 : 1;
  ascii(0, "RIFF");
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, fmtSize, true);
  view.setUint16(20, extensible ? 0xfffe : formatTag, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * bytesPerSample, true);
  view.setUint16(32, channels * bytesPerSample, true);
  view.setUint16(34, bytesPerSample * 8, true);
  if (extensible) {
    view.setUint16(36, 22, true);
    view.setUint16(38, bytesPerSample * 8, true);
    view.setUint32(40, 0x3, true); // front left | front right
    // The sub-format GUID: the format tag followed by the fixed KSDATAFORMAT tail.
    view.setUint16(44, formatTag, true);
    bytes.set(
      [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71],
      46,
    );
  }
  ascii(header - 8, "data");
  view.setUint32(header - 4, dataSize, true);
  let offset = header;
  for (let frame = 0; frame < frames; frame++) {
    for (const channel of [0, 1] as const) {
      const value = staircaseSample(channel, frame, sampleRate);
      if (encoding === "f32") view.setFloat32(offset, value, true);
      else if (encoding === "s16") view.setInt16(offset, Math.round(value * 0x7fff), true);
      else if (encoding === "s32") view.setInt32(offset, Math.round(value * 0x7fffffff), true);
      else {
        const int = Math.round(value * 0x7fffff);
        bytes[offset] = int & 0xff;
        bytes[offset + 1] = (int >> 8) & 0xff;
        bytes[offset + 2] = (int >> 16) & 0xff;
      }
      offset += bytesPerSample;
    }
  }
  return bytes;
}

/** A reader over bytes in memory, recording every read (to check byte budgets). */
export interface RecordingReader extends ByteReader {
  readonly reads: { start: number; end: number }[];
  /** Total bytes handed out. */
  readonly bytesRead: number;
}

/**
 * A {@link ByteReader} over `bytes`. `size: "unknown"` hides the size, as a
 * source without Content-Length would.
 */
export function memoryReader(
  bytes: Uint8Array,
  options: { size?: "known" | "unknown" } = {},
): RecordingReader {
  const reads: { start: number; end: number }[] = [];
  let bytesRead = 0;
  return {
    size: options.size === "unknown" ? undefined : bytes.length,
    reads,
    get bytesRead() {
      return bytesRead;
    },
    async read(start, end, signal) {
      signal?.throwIfAborted();
      if (!(start >= 0 && end >= start)) throw new RangeError(`Bad read ${start}..${end}`);
      const slice = bytes.slice(Math.min(start, bytes.length), Math.min(end, bytes.length));
      reads.push({ start, end });
      bytesRead += slice.length;
      return slice;
    },
  };
}

/** The dominant staircase tone of `samples` (the middle `windowSeconds` of them). */
export function dominantTone(
  samples: Float32Array,
  sampleRate: number,
  windowSeconds = 0.5,
): { frequencyHz: number; dominance: number } {
  return detectTone(samples, sampleRate, windowSeconds);
}

/**
 * How many frames `afterSeek` is off from `reference[target…]`: the lag in
 * `-maxLag..maxLag` whose window matches best (least squared difference).
 * Pick targets a little before a whole second so the window spans a tone
 * step: a pure tone repeats every period, the step does not.
 *
 * @param reference - The same channel decoded whole, from the track's start.
 * @param afterSeek - The channel decoded after `seek(target)`.
 * @returns 0 for a sample-exact seek; positive when playback landed late.
 */
export function seekErrorFrames(
  reference: Float32Array,
  afterSeek: Float32Array,
  target: number,
  options: { window?: number; maxLag?: number } = {},
): number {
  const window = Math.min(options.window ?? 4096, afterSeek.length);
  const maxLag = options.maxLag ?? 4096;
  let bestLag = Number.NaN;
  let bestError = Number.POSITIVE_INFINITY;
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const start = target + lag;
    if (start < 0 || start + window > reference.length) continue;
    let error = 0;
    for (let i = 0; i < window && error < bestError; i++) {
      const difference = (reference[start + i] ?? 0) - (afterSeek[i] ?? 0);
      error += difference * difference;
    }
    if (error < bestError) {
      bestError = error;
      bestLag = lag;
    }
  }
  return bestLag;
}
