import { describe, expect, it } from "vitest";
import { createResampler, type Resampler } from "./resampler.js";
import { concat, fitSine, sine } from "./sine-fit.js";

/** Uneven piece sizes, cycled, so pieces straddle the converter's own blocks. */
const PIECES = [1000, 4096, 333, 2048, 7, 12_000, 1];

/** Feeds `channels` in {@link PIECES}-sized runs, then flushes; returns the whole output. */
function runInPieces(resampler: Resampler, channels: Float32Array[]): Float32Array[] {
  const frames = channels[0]?.length ?? 0;
  const outputs: Float32Array[][] = channels.map(() => []);
  const keep = (piece: Float32Array[]) => {
    for (const [c, samples] of piece.entries()) outputs[c]?.push(samples);
  };
  for (let offset = 0, i = 0; offset < frames; i++) {
    const size = PIECES[i % PIECES.length] ?? 1;
    keep(resampler.process(channels.map((samples) => samples.subarray(offset, offset + size))));
    offset += size;
  }
  keep(resampler.flush());
  return outputs.map(concat);
}

function runWhole(resampler: Resampler, channels: Float32Array[]): Float32Array[] {
  const body = resampler.process(channels);
  const tail = resampler.flush();
  return body.map((samples, c) => concat([samples, tail[c] ?? new Float32Array(0)]));
}

describe.each([
  [44_100, 48_000],
  [48_000, 44_100],
])("resampling a 1 kHz sine from %i Hz to %i Hz", (inputRate, outputRate) => {
  it("keeps a signal-to-noise ratio of at least 90 dB, time-aligned, at the exact length", async () => {
    const left = sine(1000, inputRate, 2, 0.5);
    const right = sine(1000, inputRate, 2, 0.25);
    const resampler = await createResampler({ channels: 2, inputRate, outputRate });
    runInPieces(resampler, [left, right]); // warm up the JIT before timing
    const started = performance.now();
    const [outLeft, outRight] = runInPieces(resampler, [left, right]);
    const msPerSecond = (performance.now() - started) / 2;
    resampler.close();
    if (outLeft === undefined || outRight === undefined) throw new Error("no output");

    expect(outLeft.length).toBe(2 * outputRate);
    expect(outRight.length).toBe(2 * outputRate);
    const margin = Math.round(0.05 * outputRate);
    const fit = fitSine(outLeft, 1000, outputRate, margin, outLeft.length - margin);
    const fitRight = fitSine(outRight, 1000, outputRate, margin, outRight.length - margin);
    console.log(
      `${inputRate} -> ${outputRate} Hz: SNR ${fit.snrDb.toFixed(1)} dB (right ${fitRight.snrDb.toFixed(1)} dB), ` +
        `amplitude ${fit.amplitude.toFixed(6)}, delay ${fit.delayFrames.toFixed(4)} frames, ` +
        `${msPerSecond.toFixed(1)} ms per second of stereo`,
    );
    expect(fit.snrDb).toBeGreaterThanOrEqual(90);
    expect(fitRight.snrDb).toBeGreaterThanOrEqual(90);
    expect(fit.amplitude).toBeCloseTo(0.5, 4);
    expect(fitRight.amplitude).toBeCloseTo(0.25, 4);
    // libsamplerate's output is time-aligned: the measured delay is (almost) zero.
    expect(Math.abs(fit.delayFrames)).toBeLessThan(0.01);
    expect(Math.abs(fitRight.delayFrames)).toBeLessThan(0.01);
  });

  it("keeps 18 kHz within 0.1 dB at the default quality (the fastest one loses over 3 dB)", async () => {
    const input = sine(18_000, inputRate, 0.5, 0.5);
    const gains: number[] = [];
    for (const quality of ["medium", "fastest"] as const) {
      const resampler = await createResampler({ channels: 1, inputRate, outputRate, quality });
      const [output = new Float32Array(0)] = runWhole(resampler, [input]);
      resampler.close();
      const margin = Math.round(0.05 * outputRate);
      const fit = fitSine(output, 18_000, outputRate, margin, output.length - margin);
      gains.push(20 * Math.log10(fit.amplitude / 0.5));
    }
    const [medium = Number.NaN, fastest = Number.NaN] = gains;
    expect(Math.abs(medium)).toBeLessThan(0.1);
    expect(fastest).toBeLessThan(-3);
  });
});

describe("Resampler streaming", () => {
  it.each([
    [44_100, 48_000, 1],
    [44_100, 48_000, 441],
    [44_100, 48_000, 12_345],
    [22_050, 48_000, 9_999],
    [48_000, 8_000, 10_001],
    [96_000, 44_100, 30_001],
  ])("gives round(n * out / in) frames, %i -> %i Hz, n = %i", async (inputRate, outputRate, n) => {
    const resampler = await createResampler({ channels: 1, inputRate, outputRate });
    const [output = new Float32Array(0)] = runInPieces(resampler, [
      sine(440, inputRate, n / inputRate, 0.5),
    ]);
    resampler.close();
    expect(output.length).toBe(Math.round((n * outputRate) / inputRate));
  });

  it("gives the same samples in pieces as in one call", async () => {
    const input = [sine(1000, 44_100, 1, 0.5), sine(3000, 44_100, 1, 0.25)];
    const chunked = await createResampler({ channels: 2, inputRate: 44_100, outputRate: 48_000 });
    const whole = await createResampler({ channels: 2, inputRate: 44_100, outputRate: 48_000 });
    const a = runInPieces(chunked, input);
    const b = runWhole(whole, input);
    expect(a[0]?.length).toBe(48_000);
    expect(a).toEqual(b);
  });

  it("starts over after reset() and after flush()", async () => {
    const input = [sine(1000, 48_000, 0.5, 0.5)];
    const fresh = await createResampler({ channels: 1, inputRate: 48_000, outputRate: 44_100 });
    const expected = runWhole(fresh, input);
    const used = await createResampler({ channels: 1, inputRate: 48_000, outputRate: 44_100 });
    used.process([sine(5000, 48_000, 0.3, 0.9)]);
    used.reset();
    expect(runWhole(used, input)).toEqual(expected);
    // flush() ended the previous stream, so the same input gives the same output again.
    expect(runWhole(used, input)).toEqual(expected);
  });

  it("rejects bad arguments and use after close", async () => {
    await expect(
      createResampler({ channels: 0, inputRate: 44_100, outputRate: 48_000 }),
    ).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
    await expect(
      createResampler({ channels: 2, inputRate: 44_100, outputRate: 400_000 }),
    ).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
    const resampler = await createResampler({ channels: 2, inputRate: 44_100, outputRate: 48_000 });
    expect(() => resampler.process([new Float32Array(4)])).toThrow(
      expect.objectContaining({ code: "runtime/invalid-argument" }),
    );
    expect(() => resampler.process([new Float32Array(4), new Float32Array(3)])).toThrow(
      expect.objectContaining({ code: "runtime/invalid-argument" }),
    );
    resampler.close();
    expect(() => resampler.flush()).toThrow(expect.objectContaining({ code: "runtime/disposed" }));
  });
});
