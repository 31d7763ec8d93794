import { describe, expect, it } from "vitest";
// The reader ships in main-bridge's worklet; driving both ends here proves they agree on the layout.
import * as readerLayout from "../../../main-bridge/src/audio/pcm-ring-layout.js";
import { PcmRingReader } from "../../../main-bridge/src/audio/pcm-ring-reader.js";
import * as writerLayout from "./pcm-ring-layout.js";
import { PcmRingWriter } from "./pcm-ring-writer.js";

/** A reader over the writer's buffers, as the worklet builds it from the `ring` message. */
function readerFor(writer: PcmRingWriter): PcmRingReader {
  const { control, channels, capacityFrames } = writer.buffers;
  return new PcmRingReader(
    new Int32Array(control, 0, readerLayout.RING_CONTROL_INTS),
    channels.map((buffer) => new Float32Array(buffer, 0, capacityFrames)),
    capacityFrames,
  );
}

/** Sets both indexes of an empty ring to `index` (to test the wrap at 2^31). */
function startAt(writer: PcmRingWriter, index: number): void {
  const control = new Int32Array(writer.buffers.control);
  Atomics.store(control, writerLayout.RING_WRITE_SLOT, index);
  Atomics.store(control, writerLayout.RING_READ_SLOT, index);
}

/** Frames `from..from+count` of a test signal: left = n mod 4096, right = its negative. */
function ramp(from: number, count: number): Float32Array[] {
  const left = Float32Array.from({ length: count }, (_, i) => (from + i) % 4096);
  return [left, left.map((value) => -value)];
}

const targets = (frames: number) => [new Float32Array(frames), new Float32Array(frames)];

describe("PcmRingWriter with the worklet's PcmRingReader", () => {
  it("uses the same layout constants on both sides", () => {
    const constants = (layout: object) =>
      Object.entries(layout).filter(([, value]) => typeof value === "number");
    expect(constants(writerLayout)).toEqual(constants(readerLayout));
    expect(Object.fromEntries(constants(writerLayout))).toEqual({
      RING_WRITE_SLOT: 0,
      RING_READ_SLOT: 1,
      RING_EPOCH_SLOT: 2,
      RING_FLUSH_SLOT: 3,
      RING_ACK_SLOT: 4,
      RING_CONTROL_INTS: 5,
      RING_INDEX_MASK: 0x7fffffff,
    });
    expect(writerLayout.ringAdvance(0x7fffff00, 0x200)).toBe(
      readerLayout.ringAdvance(0x7fffff00, 0x200),
    );
    expect(writerLayout.ringAdvance(0x7fffff00, 0x200)).toBe(0x100);
    expect(readerLayout.ringDistance(0x7fffff00, 0x100)).toBe(0x200);
  });

  it("carries 100 000 frames across the buffer's end and the 2^31 index wrap, in odd-sized pieces", () => {
    const writer = new PcmRingWriter(2, 1024);
    startAt(writer, 2 ** 31 - 5000);
    const reader = readerFor(writer);
    expect(reader.addSegment(7, writer.writeIndex)).toBe(true);

    const total = 100_000;
    let written = 0;
    let read = 0;
    const out = targets(333);
    let step = 0;
    while (read < total) {
      step++;
      const piece = Math.min(total - written, 97 + ((step * 131) % 900));
      const source = ramp(written, piece);
      written += writer.write(source, 0, piece);
      const got = reader.pull(out, 1 + ((step * 71) % 333));
      for (let i = 0; i < got; i++) {
        if (out[0]?.[i] !== (read + i) % 4096 || out[1]?.[i] !== -((read + i) % 4096)) {
          throw new Error(`frame ${read + i} came out as ${out[0]?.[i]}/${out[1]?.[i]}`);
        }
      }
      read += got;
      expect(reader.position).toBe(7 + read);
      expect(reader.bufferedFrames).toBe(written - read);
    }
    expect(read).toBe(total);
    expect(writer.writeIndex).toBe((2 ** 31 - 5000 + total) % 2 ** 31);
  });

  it("takes only what fits when full, and never overwrites unread frames", () => {
    const writer = new PcmRingWriter(2, 256);
    const reader = readerFor(writer);
    reader.addSegment(0, writer.writeIndex);
    expect(writer.write(ramp(0, 200), 0, 200)).toBe(200);
    expect(writer.write(ramp(200, 100), 0, 100)).toBe(56);
    expect(writer.freeFrames).toBe(0);
    expect(writer.write(ramp(256, 10), 0, 10)).toBe(0);

    const out = targets(256);
    expect(reader.pull(out, 100)).toBe(100);
    expect(writer.freeFrames).toBe(100);
    // The caller resends what was refused, from where the ring stopped.
    expect(writer.write(ramp(256, 100), 0, 100)).toBe(100);
    expect(reader.pull(out, 256)).toBe(256);
    expect(Array.from(out[0] ?? []).every((value, i) => value === 100 + i)).toBe(true);
  });

  it("labels frames by segment and skips what an older session left when a new one starts", () => {
    const writer = new PcmRingWriter(2, 512);
    const reader = readerFor(writer);
    reader.addSegment(1000, writer.writeIndex);
    writer.write(ramp(0, 300), 0, 300);
    const out = targets(128);
    expect(reader.pull(out, 100)).toBe(100);
    expect(reader.position).toBe(1100);

    // A second segment of the same session: position jumps when its first frame is reached.
    reader.addSegment(50_000, writer.writeIndex);
    writer.write(ramp(5000, 100), 0, 100);
    expect(reader.pull(out, 128)).toBe(128);
    expect(reader.pull(out, 72)).toBe(72);
    expect(reader.position).toBe(50_000);
    expect(reader.pull(out, 10)).toBe(10);
    expect(out[0]?.[0]).toBe(5000 % 4096);
    expect(reader.position).toBe(50_010);
    // One pull may run across a segment's start.
    reader.addSegment(90_000, writer.writeIndex);
    writer.write(ramp(0, 10), 0, 10);
    expect(reader.pull(out, 128)).toBe(100);
    expect(out[0]?.[89]).toBe(5099 % 4096);
    expect(out[0]?.[90]).toBe(0);
    expect(reader.position).toBe(90_010);

    // Flush: frames written before the new segment belong to the old session; it skips them.
    writer.write(ramp(0, 90), 0, 90);
    reader.flush(writer.beginFlush());
    expect(reader.finishFlush()).toBe(false);
    expect(reader.bufferedFrames).toBe(0);
    expect(reader.pull(out, 10)).toBe(0);
    expect(writer.freeFrames).toBe(512 - 90);
    expect(reader.addSegment(0, writer.writeIndex)).toBe(true);
    expect(writer.freeFrames).toBe(512);
    writer.write(ramp(3000, 20), 0, 20);
    expect(reader.pull(out, 128)).toBe(20);
    expect(out[0]?.[0]).toBe(3000);
    expect(reader.position).toBe(20);
  });

  it("stops at the flush point as soon as the writer flushes, before the flush message arrives", () => {
    const writer = new PcmRingWriter(2, 1024);
    const reader = readerFor(writer);
    reader.addSegment(0, writer.writeIndex);
    writer.write(ramp(0, 300), 0, 300);
    const out = targets(512);
    expect(reader.pull(out, 100)).toBe(100);

    // The worker seeks: flush, marker and new frames, all before the reader hears of it.
    const epoch = writer.beginFlush();
    expect(epoch).toBe(1);
    const newAt = writer.writeIndex;
    writer.write(ramp(3000, 400), 0, 400);
    expect(reader.flushPending).toBe(true);
    expect(reader.bufferedFrames).toBe(200);
    expect(reader.pull(out, 512)).toBe(200);
    expect(out[0]?.[199]).toBe(299);
    expect(reader.pull(out, 512)).toBe(0);
    expect(reader.position).toBe(300);

    // The messages arrive: the new marker waits for finishFlush, then plays from its first frame.
    reader.flush(epoch);
    expect(reader.addSegment(70_000, newAt)).toBe(false);
    expect(reader.position).toBe(70_000);
    expect(reader.bufferedFrames).toBe(400);
    expect(reader.pull(out, 512)).toBe(0);
    expect(reader.finishFlush()).toBe(true);
    expect(reader.flushPending).toBe(false);
    expect(reader.pull(out, 512)).toBe(400);
    expect(out[0]?.[0]).toBe(3000);
    expect(reader.position).toBe(70_400);
  });

  it("keeps the first unacknowledged flush point when flushes come faster than their messages", () => {
    const writer = new PcmRingWriter(2, 1024);
    const reader = readerFor(writer);
    reader.addSegment(0, writer.writeIndex);
    writer.write(ramp(0, 100), 0, 100);
    const first = writer.beginFlush();
    const firstAt = writer.writeIndex;
    writer.write(ramp(1000, 100), 0, 100);
    const second = writer.beginFlush();
    const secondAt = writer.writeIndex;
    writer.write(ramp(2000, 100), 0, 100);

    const out = targets(512);
    expect(reader.pull(out, 512)).toBe(100);
    reader.flush(first);
    reader.addSegment(5000, firstAt);
    reader.finishFlush();
    // Still behind the writer's epoch: the first session's frames were flushed too, so nothing plays.
    expect(reader.flushPending).toBe(true);
    expect(reader.pull(out, 512)).toBe(0);
    reader.flush(second);
    reader.addSegment(9000, secondAt);
    expect(reader.finishFlush()).toBe(true);
    expect(reader.pull(out, 512)).toBe(100);
    expect(out[0]?.[0]).toBe(2000);
    expect(reader.position).toBe(9100);

    // Acknowledged: the next flush point is fresh again.
    writer.write(ramp(0, 50), 0, 50);
    const third = writer.beginFlush();
    writer.write(ramp(0, 50), 0, 50);
    expect(reader.pull(out, 512)).toBe(50);
    expect(third).toBe(3);
  });

  it("repeats a mono source into every ring channel", () => {
    const writer = new PcmRingWriter(2, 128);
    const reader = readerFor(writer);
    reader.addSegment(0, writer.writeIndex);
    const mono = Float32Array.from({ length: 50 }, (_, i) => i / 50);
    expect(writer.write([mono], 10, 40)).toBe(40);
    const out = targets(40);
    expect(reader.pull(out, 40)).toBe(40);
    expect(Array.from(out[0] ?? [])).toEqual(Array.from(mono.subarray(10)));
    expect(Array.from(out[1] ?? [])).toEqual(Array.from(mono.subarray(10)));
  });

  it("refuses a capacity that is not a power of two", () => {
    expect(() => new PcmRingWriter(2, 1000)).toThrow(
      expect.objectContaining({ code: "playback/output-failed" }),
    );
  });
});
