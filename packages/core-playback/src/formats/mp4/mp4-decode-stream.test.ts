import { describe, expect, it } from "vitest";
import type { DecodedPiece, DecodeStream } from "../../decoding/decode-contract.js";
import { memoryReader, readStaircase } from "../../test-support/signals.js";
import { COLD_START_VALUE, fakeDecoderFactory } from "./fake-sample-decoder.js";
import { createMp4Module, mp4Module } from "./index.js";
import { synthesizeMp4 } from "./synthetic-mp4.js";

const SAMPLES = 300;
const LAST_SAMPLE_FRAMES = 500;
const PRIMING = 1024;
/** 299 whole samples and a 500-frame last one, less the 1024 priming frames. */
const TOTAL_FRAMES = (SAMPLES - 1) * 1024 + LAST_SAMPLE_FRAMES - PRIMING;
const SAMPLE_BYTES = 200;

/** A faststart file whose edit list trims 1024 frames of priming; its padding is in stts. */
const file = synthesizeMp4({
  samples: SAMPLES,
  lastSampleFrames: LAST_SAMPLE_FRAMES,
  sampleBytes: SAMPLE_BYTES,
  layout: "moov-first",
  edit: { mediaTime: PRIMING, segmentDuration: Math.round((TOTAL_FRAMES * 1000) / 44_100) },
});

async function drain(stream: DecodeStream): Promise<DecodedPiece[]> {
  const pieces: DecodedPiece[] = [];
  for (let piece = await stream.next(); piece !== null; piece = await stream.next())
    pieces.push(piece);
  return pieces;
}

/** Checks that `piece` holds the fake's true timeline values for its frames. */
function expectTrueFrames(piece: DecodedPiece): void {
  const [left, right] = piece.channels;
  if (left === undefined || right === undefined) throw new Error("expected two channels");
  for (let i = 0; i < left.length; i++) {
    if (
      left[i] !== piece.startFrame + i + PRIMING ||
      right[i] !== -(piece.startFrame + i + PRIMING)
    ) {
      throw new Error(`frame ${piece.startFrame + i}: got ${left[i]} / ${right[i]}`);
    }
  }
}

describe("the MP4 stream with a fake decoder", () => {
  it("plays every frame once, in order, with priming and padding trimmed", async () => {
    const { factory, log } = fakeDecoderFactory();
    const reader = memoryReader(file.bytes);
    const stream = await createMp4Module({ createDecoder: factory }).open(reader, {
      firstChunkBytes: 2048,
      chunkBytes: 8192,
    });
    expect(stream.info).toEqual({
      format: "mp4",
      codec: "aac",
      sampleRate: 44_100,
      channels: 2,
      totalFrames: TOTAL_FRAMES,
    });
    expect(log.configs).toEqual([
      {
        codec: "mp4a.40.2",
        sampleRate: 44_100,
        channels: 2,
        description: new Uint8Array([0x12, 0x10]),
      },
    ]);
    const pieces = await drain(stream);
    let expected = 0;
    for (const piece of pieces) {
      expect(piece.startFrame).toBe(expected);
      expect(piece.issues).toEqual([]);
      expectTrueFrames(piece);
      expected += piece.channels[0]?.length ?? 0;
    }
    expect(expected).toBe(TOTAL_FRAMES);
    // The first run starts cold at sample 0 (its output is the priming); each
    // later run re-decodes the two samples before it, kept from the last read.
    expect(log.runs[0]?.[0]).toBe(0);
    for (let i = 1; i < log.runs.length; i++) {
      const previous = log.runs[i - 1] ?? [];
      expect(log.runs[i]?.slice(0, 2)).toEqual(previous.slice(-2));
    }
    // 2 KiB first, then 8 KiB reads, never a byte of mdat twice.
    const sampleReads = reader.reads.slice(1);
    expect(sampleReads[0]).toEqual({
      start: file.offsets[0],
      end: (file.offsets[0] ?? 0) + 10 * SAMPLE_BYTES,
    });
    for (const read of sampleReads) expect(read.end - read.start).toBeLessThanOrEqual(8192);
    for (let i = 1; i < sampleReads.length; i++) {
      expect(sampleReads[i]?.start).toBe(sampleReads[i - 1]?.end);
    }
    expect(sampleReads.at(-1)?.end).toBe(file.bytes.length);
    stream.close();
    expect(log.closed).toBe(1);
  });

  it.each([0, 1, 1023, 1024, 100_000, 150_000 + 17, TOTAL_FRAMES - 1])(
    "seeks to frame %i exactly, reading from two samples before it",
    async (target) => {
      const { factory, log } = fakeDecoderFactory();
      const reader = memoryReader(file.bytes);
      const stream = await createMp4Module({ createDecoder: factory }).open(reader);
      await stream.next();
      const readsBefore = reader.reads.length;
      await stream.seek(target);
      const piece = await stream.next();
      expect(piece?.startFrame).toBe(target);
      expect(piece?.channels[0]?.[0]).toBe(target + PRIMING);
      if (piece !== null) expectTrueFrames(piece);
      const sample = Math.floor((target + PRIMING) / 1024);
      const decodeFrom = Math.max(0, sample - 2);
      expect(reader.reads[readsBefore]?.start).toBe(file.offsets[decodeFrom]);
      expect(log.runs.at(-1)?.[0]).toBe(decodeFrom);
      // The rest plays on from there to the end.
      const rest = await drain(stream);
      const frames = rest.reduce(
        (sum, p) => sum + (p.channels[0]?.length ?? 0),
        piece?.channels[0]?.length ?? 0,
      );
      expect(frames).toBe(TOTAL_FRAMES - target);
    },
  );

  it("plays and seeks exactly with reads smaller than one sample", async () => {
    const { factory } = fakeDecoderFactory();
    const reader = memoryReader(file.bytes);
    const stream = await createMp4Module({ createDecoder: factory }).open(reader, {
      firstChunkBytes: 1,
      chunkBytes: 1,
    });
    let frames = 0;
    for (let piece = await stream.next(); piece !== null; piece = await stream.next()) {
      expect(piece.startFrame).toBe(frames);
      expectTrueFrames(piece);
      frames += piece.channels[0]?.length ?? 0;
    }
    expect(frames).toBe(TOTAL_FRAMES);
    const readsBefore = reader.reads.length;
    await stream.seek(100_000);
    const piece = await stream.next();
    expect(piece?.startFrame).toBe(100_000);
    if (piece !== null) expectTrueFrames(piece);
    // Preroll samples 96 and 97 one by one, then sample 98 holding the target.
    expect(reader.reads.slice(readsBefore).map((read) => read.start)).toEqual(
      [96, 97, 98].map((sample) => file.offsets[sample]),
    );
  });

  it("ends at once after a seek to the end or past it", async () => {
    const { factory } = fakeDecoderFactory();
    const stream = await createMp4Module({ createDecoder: factory }).open(memoryReader(file.bytes));
    await stream.seek(TOTAL_FRAMES);
    expect(await stream.next()).toBeNull();
    await stream.seek(TOTAL_FRAMES * 10);
    expect(await stream.next()).toBeNull();
    await stream.seek(-5);
    expect((await stream.next())?.startFrame).toBe(0);
  });

  it("plays what exists of a truncated mdat, reports it, then ends", async () => {
    const { factory } = fakeDecoderFactory();
    // Cut in the middle of sample 150.
    const cut = file.bytes.slice(0, (file.offsets[150] ?? 0) + 50);
    const stream = await createMp4Module({ createDecoder: factory }).open(memoryReader(cut));
    const pieces = await drain(stream);
    const frames = pieces.reduce((sum, p) => sum + (p.channels[0]?.length ?? 0), 0);
    expect(frames).toBe(150 * 1024 - PRIMING);
    for (const piece of pieces) expectTrueFrames(piece);
    expect(pieces.flatMap((p) => p.issues)).toEqual([
      { kind: "truncated", message: expect.stringContaining("at frame 152576"), frame: 152_576 },
    ]);
    expect(await stream.next()).toBeNull();
  });

  it("reports a run the decoder rejects as corrupt data and plays on after it", async () => {
    const { factory, log } = fakeDecoderFactory({ failOnSample: 100 });
    const stream = await createMp4Module({ createDecoder: factory }).open(
      memoryReader(file.bytes),
      {
        firstChunkBytes: 4096,
        chunkBytes: 4096,
      },
    );
    const pieces = await drain(stream);
    const damaged = pieces.filter((p) => p.issues.length > 0);
    expect(damaged).toHaveLength(1);
    expect(damaged[0]?.issues[0]).toMatchObject({
      kind: "corrupt-data",
      message: "fake: sample 100 is damaged",
    });
    for (const piece of pieces) expectTrueFrames(piece);
    const played = pieces.reduce((sum, p) => sum + (p.channels[0]?.length ?? 0), 0);
    // The failed 4 KiB run (20 samples) is lost, and the one sample after it that a
    // cold decoder gets wrong; the damaged samples are not decoded again as preroll.
    expect(played).toBe(TOTAL_FRAMES - 21 * 1024);
    expect(log.runs.filter((run) => run.includes(100))).toHaveLength(1);
    expect(pieces.at(-1)?.startFrame).toBeGreaterThan(0);
  });

  it("never lets the cold start's wrong first frame through", async () => {
    const { factory } = fakeDecoderFactory();
    const stream = await createMp4Module({ createDecoder: factory }).open(memoryReader(file.bytes));
    for (const target of [50_000, 3_000, 200_000]) {
      await stream.seek(target);
      const piece = await stream.next();
      expect(piece?.channels[0]?.includes(COLD_START_VALUE)).toBe(false);
    }
  });

  it("stops when its signal is aborted", async () => {
    const { factory } = fakeDecoderFactory();
    const stream = await createMp4Module({ createDecoder: factory }).open(memoryReader(file.bytes));
    const controller = new AbortController();
    controller.abort();
    await expect(stream.next(controller.signal)).rejects.toThrow();
    await expect(
      createMp4Module({ createDecoder: factory }).open(memoryReader(file.bytes), {
        signal: controller.signal,
      }),
    ).rejects.toThrow();
  });
});

describe("the MP4 module over the staircase in Node", () => {
  it("reads only ftyp, moov and box headers before the first sample is reachable", async () => {
    const bytes = readStaircase("m4a");
    const reader = memoryReader(bytes);
    const { factory } = fakeDecoderFactory();
    const stream = await createMp4Module({ createDecoder: factory }).open(reader);
    expect(stream.info.totalFrames).toBe(24 * 44_100);
    // A 4 KiB head (ftyp, free, mdat header), the moov header, then the 4866-byte moov.
    expect(reader.bytesRead).toBe(4096 + 16 + 4866);
    expect(reader.bytesRead).toBeLessThan(bytes.length / 30);
  });

  it("fails to open with unsupported-codec naming the codec, as Node has no AudioDecoder", async () => {
    expect("AudioDecoder" in globalThis).toBe(false);
    await expect(mp4Module.open(memoryReader(readStaircase("m4a")))).rejects.toMatchObject({
      code: "playback/unsupported-codec",
      fatal: true,
      message:
        "Cannot decode mp4a.40.2 (44100 Hz, 2 channels): this platform has no WebCodecs AudioDecoder",
    });
  });

  it("fails with unsupported-codec when the platform's AudioDecoder says no", async () => {
    const scope = globalThis as { AudioDecoder?: unknown };
    // A platform decoder that exists but refuses this configuration.
    function RefusingAudioDecoder() {}
    RefusingAudioDecoder.isConfigSupported = async () => ({ supported: false });
    scope.AudioDecoder = RefusingAudioDecoder;
    try {
      await expect(mp4Module.open(memoryReader(readStaircase("m4a")))).rejects.toMatchObject({
        code: "playback/unsupported-codec",
        message: expect.stringContaining("the AudioDecoder does not support it"),
      });
    } finally {
      delete scope.AudioDecoder;
    }
  });
});
