import { describe, expect, it } from "vitest";
import { memoryReader, readStaircase } from "../../test-support/signals.js";
import { demuxAudioTrack, type Mp4AudioTrack } from "./mp4-demuxer.js";
import { planSeek } from "./seek-plan.js";
import { readTopLevelBoxes } from "./top-level-boxes.js";

const RATE = 44_100;
const bytes = readStaircase("m4a");
const track: Mp4AudioTrack = await demuxAudioTrack(await readTopLevelBoxes(memoryReader(bytes)));

/** Sample sizes read straight from the file's stsz box, independently of mp4box. */
function stszSizes(file: Uint8Array): number[] {
  const at = new TextDecoder("latin1").decode(file).lastIndexOf("stsz");
  const view = new DataView(file.buffer, file.byteOffset + at + 4);
  const count = view.getUint32(8);
  return Array.from({ length: count }, (_, i) => view.getUint32(12 + 4 * i));
}
const sizes = stszSizes(bytes);
/** The staircase's mdat holds the samples back to back from offset 44 (one chunk). */
const offsetOf = (sample: number) =>
  44 + sizes.slice(0, sample).reduce((sum, size) => sum + size, 0);

describe("planSeek over the staircase", () => {
  it.each([
    // target frame, sample holding it, decoded frames to drop before it
    { target: 0, sample: 1, decodeFrom: 0, drop: 1024 },
    { target: 1, sample: 1, decodeFrom: 0, drop: 1025 },
    { target: 1023, sample: 1, decodeFrom: 0, drop: 2047 },
    { target: 1024, sample: 2, decodeFrom: 0, drop: 2048 },
    { target: 5 * RATE, sample: 216, decodeFrom: 214, drop: 2388 },
    { target: 15.5 * RATE, sample: 668, decodeFrom: 666, drop: 2590 },
    { target: 23 * RATE, sample: 991, decodeFrom: 989, drop: 2588 },
    { target: 24 * RATE - 1, sample: 1034, decodeFrom: 1032, drop: 2655 },
  ])(
    "frame $target: sample $sample, decode from $decodeFrom, drop $drop",
    ({ target, sample, decodeFrom, drop }) => {
      const plan = planSeek(track.table, track.trim, target);
      expect(plan).toEqual({
        targetFrame: target,
        sampleIndex: sample,
        decodeFrom,
        byteOffset: offsetOf(decodeFrom),
        dropFrames: drop,
      });
      // The target lies inside the chosen sample's span on the timeline.
      const timeline = 1024 + target;
      expect(sample * 1024).toBeLessThanOrEqual(timeline);
      expect(timeline).toBeLessThan(sample * 1024 + track.table.durationOf(sample));
    },
  );

  it("clamps targets before the start and past the end", () => {
    expect(planSeek(track.table, track.trim, -500)).toMatchObject({
      targetFrame: 0,
      sampleIndex: 1,
    });
    expect(planSeek(track.table, track.trim, 24 * RATE)).toMatchObject({
      targetFrame: 24 * RATE,
      sampleIndex: 1035,
    });
    expect(planSeek(track.table, track.trim, 10 ** 12)).toMatchObject({ targetFrame: 24 * RATE });
  });
});
