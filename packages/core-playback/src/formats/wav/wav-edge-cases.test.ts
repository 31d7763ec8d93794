import { isPlayerError } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectPcm } from "../../test-support/decoded-audio.js";
import { dominantTone, memoryReader, synthesizeStaircaseWav } from "../../test-support/signals.js";
import { devCloudTracks } from "../mp3/dev-cloud-tracks.test-support.js";
import { wavModule } from "./index.js";

const RATE = 44_100;
/** `synthesizeStaircaseWav`'s plain layout: RIFF (12) + fmt (8 + 16), then the data chunk header. */
const PLAIN_DATA_HEADER = 36;

function chunk(id: string, body: Uint8Array): Uint8Array {
  const padded = new Uint8Array(8 + body.length + (body.length % 2));
  padded.set([...id].map((c) => c.charCodeAt(0)));
  new DataView(padded.buffer).setUint32(4, body.length, true);
  padded.set(body, 8);
  return padded;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A one-second s16 staircase with `extra` chunks between `fmt ` and `data`. */
function withChunksBeforeData(...extra: Uint8Array[]): Uint8Array {
  const plain = synthesizeStaircaseWav("s16", { seconds: 1 });
  const bytes = concat(
    plain.subarray(0, PLAIN_DATA_HEADER),
    ...extra,
    plain.subarray(PLAIN_DATA_HEADER),
  );
  new DataView(bytes.buffer).setUint32(4, bytes.length - 8, true);
  return bytes;
}

/** A tiny mono WAV with a hand-written `fmt `. */
function handmadeWav(formatTag: number, bits: number, samples: Uint8Array): Uint8Array {
  const fmt = new Uint8Array(16);
  const view = new DataView(fmt.buffer);
  view.setUint16(0, formatTag, true);
  view.setUint16(2, 1, true);
  view.setUint32(4, 8000, true);
  view.setUint32(8, (8000 * bits) / 8, true);
  view.setUint16(12, bits / 8, true);
  view.setUint16(14, bits, true);
  const body = concat(new TextEncoder().encode("WAVE"), chunk("fmt ", fmt), chunk("data", samples));
  return concat(new TextEncoder().encode("RIFF"), Uint8Array.of(0, 0, 0, 0), body);
}

async function openError(bytes: Uint8Array): Promise<unknown> {
  return wavModule.open(memoryReader(bytes)).then(
    () => undefined,
    (error: unknown) => (isPlayerError(error) ? error.code : error),
  );
}

describe("wavModule edge cases", () => {
  it("skips unknown chunks (odd sizes padded, one larger than the first read) without reading them", async () => {
    const list = chunk("LIST", new Uint8Array(33).fill(0x41));
    const id3 = chunk("id3 ", new Uint8Array(50_001));
    const bytes = withChunksBeforeData(list, id3);
    const reader = memoryReader(bytes);
    const stream = await wavModule.open(reader, { firstChunkBytes: 4096 });
    const pcm = await collectPcm(stream);
    stream.close();
    expect(pcm.channels[0]?.length).toBe(RATE);
    const dataStart = PLAIN_DATA_HEADER + list.length + id3.length + 8;
    expect(reader.reads.slice(0, 2)).toEqual([
      { start: 0, end: 4096 },
      { start: dataStart - 8, end: dataStart - 8 + 4096 },
    ]);
    expect(dominantTone(pcm.channels[0] ?? new Float32Array(0), RATE).frequencyHz).toBe(220);
  });

  it("plays a truncated WAV up to its last whole frame, then reports `truncated`", async () => {
    const whole = synthesizeStaircaseWav("s24", { seconds: 2 });
    const bytes = whole.slice(0, whole.length - 1000);
    const stream = await wavModule.open(memoryReader(bytes));
    expect(stream.info.totalFrames).toBe(2 * RATE);
    const pcm = await collectPcm(stream);
    stream.close();
    const available = Math.floor((bytes.length - 44) / 6);
    expect(pcm.channels[0]?.length).toBe(available);
    expect(pcm.issues).toEqual([expect.objectContaining({ kind: "truncated", frame: available })]);
  });

  it.each([0, 0xffff_ffff])(
    "reads a streamed WAV (data size %d) to the end of the file",
    async (size) => {
      const bytes = synthesizeStaircaseWav("f32", { seconds: 1 });
      new DataView(bytes.buffer).setUint32(PLAIN_DATA_HEADER + 4, size, true);
      const known = await wavModule.open(memoryReader(bytes));
      expect(known.info.totalFrames).toBe(RATE);
      const unknown = await wavModule.open(memoryReader(bytes, { size: "unknown" }), {
        chunkBytes: 10_000,
      });
      expect(unknown.info.totalFrames).toBeUndefined();
      const pcm = await collectPcm(unknown);
      expect(pcm.issues).toEqual([]);
      expect(pcm.channels[0]?.length).toBe(RATE);
    },
  );

  it("reads 8-bit unsigned and 64-bit float samples", async () => {
    const u8 = await wavModule.open(
      memoryReader(handmadeWav(1, 8, Uint8Array.of(0, 64, 128, 255))),
    );
    expect(u8.info.codec).toBe("pcm-u8");
    expect([...((await u8.next())?.channels[0] ?? [])]).toEqual([-1, -0.5, 0, 127 / 128]);
    const f64 = new Float64Array([0.25, -0.75, 1]);
    const wav = await wavModule.open(memoryReader(handmadeWav(3, 64, new Uint8Array(f64.buffer))));
    expect(wav.info.codec).toBe("pcm-f64");
    expect([...((await wav.next())?.channels[0] ?? [])]).toEqual([0.25, -0.75, 1]);
  });

  it("refuses what it cannot play with typed errors", async () => {
    expect(await openError(new TextEncoder().encode("<!DOCTYPE html><p>nope</p>"))).toBe(
      "playback/unsupported-format",
    );
    expect(await openError(handmadeWav(2, 16, new Uint8Array(8)))).toBe(
      "playback/unsupported-codec",
    );
    expect(await openError(handmadeWav(1, 16, new Uint8Array(8)).subarray(0, 36))).toBe(
      "playback/unsupported-format",
    );
  });

  describe("the dev-cloud's WAV tracks (LIST/INFO and id3 chunks before data)", () => {
    let cloud: DevCloud;
    beforeAll(async () => {
      cloud = await startDevCloud({ tracks: 24 });
    });
    afterAll(async () => {
      await cloud.close();
    });

    it("decodes each to its exact duration and tone", async () => {
      const tracks = devCloudTracks(cloud, "wav").filter(
        (track) => track.facts.broken === undefined,
      );
      expect(tracks.length).toBeGreaterThan(0);
      for (const { facts, bytes } of tracks) {
        const stream = await wavModule.open(memoryReader(bytes));
        expect(stream.info).toMatchObject({ codec: "pcm-s16", channels: 1, sampleRate: RATE });
        const pcm = await collectPcm(stream);
        stream.close();
        expect(pcm.issues).toEqual([]);
        expect(pcm.channels[0]?.length).toBe((facts.durationMs / 1000) * RATE);
        const tone = dominantTone(pcm.channels[0] ?? new Float32Array(0), RATE, 1);
        expect(tone.frequencyHz).toBe(facts.frequencyHz);
      }
    });
  });
});
