import { describe, expect, it } from "vitest";
import { makeTaggedTrack } from "../test-support/track-facts.js";
import { renderLyrics } from "./lyrics-renderer.js";

const decode = (bytes: Uint8Array): string =>
  new TextDecoder("utf-8", { fatal: true }).decode(bytes);

describe("renderLyrics", () => {
  it("writes the ID tags and four lines timed inside the tone", () => {
    expect(decode(renderLyrics(makeTaggedTrack({ index: 12, frequencyHz: 440 })))).toBe(
      [
        "[ar:Los Émulos]",
        "[ti:Señales — de humo]",
        "[al:Compilación 2004]",
        "[length:00:03]",
        "[00:00.00]Señales — de humo",
        "[00:00.75]by Los Émulos",
        "[00:01.50]from Compilación 2004",
        "[00:02.25]440 Hz, track 3 of 12",
        "",
      ].join("\n"),
    );
  });

  it("has no byte-order mark", () => {
    expect(renderLyrics(makeTaggedTrack())[0]).toBe("[".charCodeAt(0));
  });

  it("keeps a value with a line break on one line", () => {
    const text = decode(renderLyrics(makeTaggedTrack({ title: "Two\r\nLines" })));
    expect(text).toContain("[ti:Two Lines]\n");
    expect(text.split("\n")).toHaveLength(9);
  });
});
