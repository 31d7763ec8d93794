import { describe, expect, it } from "vitest";
import { collectPcm, secondSlice } from "../../test-support/decoded-audio.js";
import {
  dominantTone,
  memoryReader,
  STAIRCASE_SECONDS,
  seekErrorFrames,
  staircaseSample,
  staircaseToneAt,
  synthesizeStaircaseWav,
  type WavEncoding,
} from "../../test-support/signals.js";
import { wavModule } from "./index.js";

const RATE = 44_100;
const FULL = STAIRCASE_SECONDS * RATE;

/** Largest error each encoding's quantisation allows against the exact formula. */
const TOLERANCE: Record<WavEncoding, number> = {
  s16: 2 ** -15,
  s24: 2 ** -23,
  s32: 1e-7, // below float32's own precision at these amplitudes
  f32: 1e-7,
};

/** The exact left channel, to measure seek error against. */
const REFERENCE = Float32Array.from({ length: FULL }, (_, n) => staircaseSample(0, n, RATE));

const CASES: { encoding: WavEncoding; extensible: boolean; codec: string; bits: number }[] = [
  { encoding: "s16", extensible: false, codec: "pcm-s16", bits: 16 },
  { encoding: "s24", extensible: false, codec: "pcm-s24", bits: 24 },
  { encoding: "s32", extensible: false, codec: "pcm-s32", bits: 32 },
  { encoding: "f32", extensible: false, codec: "pcm-f32", bits: 32 },
  { encoding: "s24", extensible: true, codec: "pcm-s24", bits: 24 },
  { encoding: "f32", extensible: true, codec: "pcm-f32", bits: 32 },
];

describe.each(CASES)("wavModule on the $encoding staircase (extensible: $extensible)", (spec) => {
  const bytes = synthesizeStaircaseWav(spec.encoding, { extensible: spec.extensible });

  it("decodes every frame within the format's quantisation, with every second's tone", async () => {
    const stream = await wavModule.open(memoryReader(bytes));
    expect(stream.info).toEqual({
      format: "wav",
      codec: spec.codec,
      sampleRate: RATE,
      channels: 2,
      totalFrames: FULL,
      bitsPerSample: spec.bits,
    });
    const pcm = await collectPcm(stream);
    stream.close();
    expect(pcm.issues).toEqual([]);
    expect(pcm.startFrame).toBe(0);
    expect(pcm.channels.map((channel) => channel.length)).toEqual([FULL, FULL]);
    for (const channel of [0, 1] as const) {
      const samples = pcm.channels[channel] ?? new Float32Array(0);
      let worst = 0;
      for (let n = 0; n < FULL; n++) {
        worst = Math.max(worst, Math.abs((samples[n] ?? 0) - staircaseSample(channel, n, RATE)));
      }
      expect(worst).toBeLessThanOrEqual(TOLERANCE[spec.encoding]);
      for (let second = 0; second < STAIRCASE_SECONDS; second++) {
        expect(dominantTone(secondSlice(samples, RATE, second), RATE).frequencyHz).toBe(
          staircaseToneAt(second),
        );
      }
    }
  });

  it("seeks exactly, reading only the target's bytes", async () => {
    const reader = memoryReader(bytes);
    const stream = await wavModule.open(reader, { firstChunkBytes: 4096, chunkBytes: 16_384 });
    const dataStart =
      bytes.length - FULL * 2 * (spec.encoding === "s16" ? 2 : spec.encoding === "s24" ? 3 : 4);
    const blockAlign = (bytes.length - dataStart) / FULL;
    for (const target of [RATE - 100, 7 * RATE - 37, 15.5 * RATE, 23 * RATE - 1000, 2 * RATE - 5]) {
      const readsBefore = reader.reads.length;
      await stream.seek(target);
      expect(reader.reads.length).toBe(readsBefore);
      const piece = await stream.next();
      expect(piece?.startFrame).toBe(target);
      const framesPerRead = Math.floor(16_384 / blockAlign);
      expect(reader.reads.slice(readsBefore)).toEqual([
        {
          start: dataStart + target * blockAlign,
          end: dataStart + (target + framesPerRead) * blockAlign,
        },
      ]);
      const left = piece?.channels[0] ?? new Float32Array(0);
      expect(left.length).toBe(framesPerRead);
      expect(seekErrorFrames(REFERENCE, left, target)).toBe(0);
      for (let i = 0; i < left.length; i++) {
        expect(Math.abs((left[i] ?? 0) - staircaseSample(0, target + i, RATE))).toBeLessThanOrEqual(
          TOLERANCE[spec.encoding],
        );
      }
    }
    stream.close();
  });
});
