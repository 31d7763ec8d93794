import { describe, expect, it } from "vitest";
import { memoryReader, readStaircase } from "../../test-support/signals.js";
import { oggOpusModule, oggVorbisModule } from "./index.js";

describe.each([
  ["vorbis", oggVorbisModule, "ogg-vorbis", 44_100],
  ["opus", oggOpusModule, "ogg-opus", 48_000],
] as const)("Ogg %s: a long run of seeks in both directions", (_name, module, fixture, rate) => {
  // Regression: after a backward seek, a forward one ended its bisection with
  // the best page reaching past the last probe and read an inverted range.
  it("lands every seek on its exact frame", async () => {
    const stream = await module.open(memoryReader(readStaircase(fixture)));
    for (let i = 0; i < 5; i++) await stream.next();
    const landed: [number, number | undefined][] = [];
    for (const seconds of [12.25, 3.25, 20.25, 0.5, 23.9, 7.1, 7.2, 19.99]) {
      const target = Math.round(seconds * rate);
      await stream.seek(target);
      landed.push([target, (await stream.next())?.startFrame]);
      for (let i = 0; i < 3; i++) await stream.next();
    }
    expect(landed.map(([, frame]) => frame)).toEqual(landed.map(([target]) => target));
    stream.close();
  });
});
