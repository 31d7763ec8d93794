import { describe, expect, it } from "vitest";
import { parseLrc } from "./lrc-parser.js";

describe("parseLrc", () => {
  it("reads ID tags and timed lines", () => {
    const text = [
      "[ti:Yellow Submarine]",
      "[ar:The Beatles]",
      "[al:Revolver]",
      "[by:someone]",
      "[00:01.50]In the town where I was born",
      "[00:04.20]Lived a man who sailed to sea",
    ].join("\n");
    expect(parseLrc(text)).toEqual({
      tags: { ti: "Yellow Submarine", ar: "The Beatles", al: "Revolver", by: "someone" },
      lines: [
        { timeMs: 1500, text: "In the town where I was born" },
        { timeMs: 4200, text: "Lived a man who sailed to sea" },
      ],
    });
  });

  it("expands lines with several timestamps and sorts by time", () => {
    const text = "[00:12.00][00:45.50]Chorus\n[00:20.00]Verse two\n[00:05.00]Verse one";
    expect(parseLrc(text).lines).toEqual([
      { timeMs: 5000, text: "Verse one" },
      { timeMs: 12000, text: "Chorus" },
      { timeMs: 20000, text: "Verse two" },
      { timeMs: 45500, text: "Chorus" },
    ]);
  });

  it("accepts [mm:ss], [mm:ss.x], [mm:ss.xx], [mm:ss.xxx] and [mm:ss:xx]", () => {
    const text = [
      "[01:02]a",
      "[01:02.5]b",
      "[01:02.05]c",
      "[01:02.005]d",
      "[01:02:25]e",
      "[100:00.00]f",
    ].join("\n");
    expect(parseLrc(text).lines).toEqual([
      { timeMs: 62000, text: "a" },
      { timeMs: 62005, text: "d" },
      { timeMs: 62050, text: "c" },
      { timeMs: 62250, text: "e" },
      { timeMs: 62500, text: "b" },
      { timeMs: 6_000_000, text: "f" },
    ]);
  });

  it("applies a positive offset by making lyrics appear sooner, clamped at zero", () => {
    const text = "[offset:+500]\n[00:00.20]first\n[00:10.00]second";
    const parsed = parseLrc(text);
    expect(parsed.tags.offset).toBe("+500");
    expect(parsed.lines).toEqual([
      { timeMs: 0, text: "first" },
      { timeMs: 9500, text: "second" },
    ]);
  });

  it("applies a negative offset by delaying lyrics, wherever the tag appears", () => {
    const parsed = parseLrc("[00:10.00]second\n[offset:-250]\n[00:01.00]first");
    expect(parsed.lines).toEqual([
      { timeMs: 1250, text: "first" },
      { timeMs: 10250, text: "second" },
    ]);
  });

  it("ignores an offset that is not an integer", () => {
    expect(parseLrc("[offset:soon]\n[00:01.00]x").lines).toEqual([{ timeMs: 1000, text: "x" }]);
  });

  it("handles CRLF, a BOM, blank lines and garbage", () => {
    const text =
      "\uFEFF[ti:Song]\r\n\r\n   \r\nnot a lyric line\r\n[99:xx]broken\r\n[00:61.00]bad seconds\r\n" +
      "[00:03.00]  kept  \r\n[]\r\n";
    expect(parseLrc(text)).toEqual({
      tags: { ti: "Song" },
      lines: [{ timeMs: 3000, text: "kept" }],
    });
  });

  it("keeps empty timed lines, which end the previous lyric", () => {
    expect(parseLrc("[00:01.00]Hello\n[00:04.00]\n[00:06.00]Again").lines).toEqual([
      { timeMs: 1000, text: "Hello" },
      { timeMs: 4000, text: "" },
      { timeMs: 6000, text: "Again" },
    ]);
  });

  it("keeps file order for equal times", () => {
    expect(parseLrc("[00:01.00]b\n[00:01.00]a").lines.map((l) => l.text)).toEqual(["b", "a"]);
  });

  it("strips enhanced-LRC word timings from the text", () => {
    expect(parseLrc("[00:01.00]<00:01.00>Hello <00:01.50>world").lines).toEqual([
      { timeMs: 1000, text: "Hello world" },
    ]);
  });

  it("lower-cases tag names and cannot be used to pollute prototypes", () => {
    const parsed = parseLrc("[TI:Loud]\n[__proto__:x]\n[constructor:y]");
    expect(parsed.tags.ti).toBe("Loud");
    expect(Object.getPrototypeOf(parsed.tags)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed.tags, "__proto__")).toBe(false);
    expect(parsed.tags.constructor).toBe("y");
    expect(parsed.lines).toEqual([]);
  });

  it("returns nothing for empty input", () => {
    expect(parseLrc("")).toEqual({ tags: {}, lines: [] });
  });
});
