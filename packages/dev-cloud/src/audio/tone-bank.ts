/**
 * The committed tone bank: each of the 24 tones pre-encoded, untagged, in
 * every compressed format (see scripts/generate-tone-bank.sh). Files are read
 * on first use and kept, so a library of any size costs 24 × 5 small reads.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AudioFormat } from "../library/library-types.js";
import { TONE_FREQUENCIES_HZ } from "../library/tone-plan.js";

/** Formats read from the bank; WAV is synthesized instead. */
export type BankFormat = Exclude<AudioFormat, "wav">;

/** Each banked format's folder under `assets/tones` and file extension. */
export const BANK_LAYOUT: Readonly<Record<BankFormat, { folder: string; extension: string }>> =
  Object.freeze({
    mp3: { folder: "mp3", extension: "mp3" },
    flac: { folder: "flac", extension: "flac" },
    "ogg-vorbis": { folder: "ogg-vorbis", extension: "ogg" },
    "ogg-opus": { folder: "ogg-opus", extension: "opus" },
    m4a: { folder: "m4a", extension: "m4a" },
  });

/**
 * Finds `assets/tones` by walking up from `from`. The walk makes the same
 * code work from `src/audio/` (tests, two levels below the package) and from
 * tsup's `dist/` bundle (one level below).
 *
 * @param from - Directory to start in; defaults to this module's.
 * @throws Error when no ancestor has a `assets/tones` directory.
 */
export function findToneBankDirectory(from = dirname(fileURLToPath(import.meta.url))): string {
  let directory = from;
  for (;;) {
    const candidate = join(directory, "assets", "tones");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) {
      throw new Error(`No assets/tones directory above ${from}; is the package installed whole?`);
    }
    directory = parent;
  }
}

/**
 * The index of `frequencyHz` in TONE_FREQUENCIES_HZ.
 *
 * @throws RangeError when it is not one of the 24 tones (the bank has no other).
 */
export function toneIndexOf(frequencyHz: number): number {
  const index = TONE_FREQUENCIES_HZ.findIndex((tone) => Math.abs(tone - frequencyHz) < 0.005);
  if (index === -1) {
    throw new RangeError(`${String(frequencyHz)} Hz is not one of the tone plan's 24 tones.`);
  }
  return index;
}

/** Reads bank files lazily and caches them. */
export class ToneBank {
  private directory: string | undefined;
  private readonly cache = new Map<string, Uint8Array>();

  /** @param directory - The `assets/tones` directory; found on first use when omitted. */
  constructor(directory?: string) {
    this.directory = directory;
  }

  /**
   * The untagged file of tone `toneIndex` in `format`. The array is shared
   * with later callers: read it, do not modify it.
   *
   * @throws RangeError for an index outside 0–23; Error if the file is missing.
   */
  get(format: BankFormat, toneIndex: number): Uint8Array {
    if (!Number.isInteger(toneIndex) || toneIndex < 0 || toneIndex >= TONE_FREQUENCIES_HZ.length) {
      throw new RangeError(`Tone index must be an integer from 0 to 23, got ${String(toneIndex)}.`);
    }
    const { folder, extension } = BANK_LAYOUT[format];
    const relative = join(folder, `${toneIndex}.${extension}`);
    let bytes = this.cache.get(relative);
    if (bytes === undefined) {
      this.directory ??= findToneBankDirectory();
      const buffer = readFileSync(join(this.directory, relative));
      bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
      this.cache.set(relative, bytes);
    }
    return bytes;
  }
}
