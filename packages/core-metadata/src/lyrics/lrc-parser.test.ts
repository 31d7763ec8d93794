import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseLrc } from "./lrc-parser.js";

describe("parseLrc", () => {
  it("reads ID tags and timed lines", () => {
    const text = [
      "[ti:Yellow Submarine]",
      "[ar:The Beatles]",
      "[al:Revolver]",
      "[au:Lennon/McCartney]",
      "[by:someone]",
      "[length: 02:38]",
      "[re:LRC Editor]",
      "[ve:1.2]",
      "[00:01.50]In the town where I was born",
      "[00:04.20]Lived a man who sailed to sea",
    ].join("\n");
    expect(parseLrc(text)).toEqual({
      tags: {
        ti: "Yellow Submarine",
        ar: "The Beatles",
        al: "Revolver",
        au: "Lennon/McCartney",
        by: "someone",
        length: "02:38",
        re: "LRC Editor",
        ve: "1.2",
      },
      lines: [
        { timeMs: 1500, text: "In the town where I was born" },
        { timeMs: 4200, text: "Lived a man who sailed to sea" },
      ],
    });
  });

  it("reads LRCLIB output: a space after the tag, a trailing newline, empty break lines", () => {
    const text =
      "[00:17.12] I feel the cold of the morning\n[00:21.58] Walking alone by the river\n" +
      "[00:26.04] \n[00:31.90] Nothing is left but the water\n";
    expect(parseLrc(text)).toEqual({
      tags: {},
      lines: [
        { timeMs: 17120, text: "I feel the cold of the morning" },
        { timeMs: 21580, text: "Walking alone by the river" },
        { timeMs: 26040, text: "" },
        { timeMs: 31900, text: "Nothing is left but the water" },
      ],
    });
  });

  it("expands repeated choruses and sorts them by time", () => {
    const text = [
      "[ti:Round and Round]",
      "[00:05.00]Verse one",
      "[00:21.10][00:45.10][01:30.00]Round and round we go",
      "[00:33.40]Verse two",
      "[01:10.75]Bridge",
    ].join("\r\n");
    expect(parseLrc(text).lines).toEqual([
      { timeMs: 5000, text: "Verse one" },
      { timeMs: 21100, text: "Round and round we go" },
      { timeMs: 33400, text: "Verse two" },
      { timeMs: 45100, text: "Round and round we go" },
      { timeMs: 70750, text: "Bridge" },
      { timeMs: 90000, text: "Round and round we go" },
    ]);
  });

  it("accepts 1-, 2- and 3-digit fractions, [mm:ss:xx] and minutes past 59", () => {
    const text = [
      "[01:02]a",
      "[01:02.5]b",
      "[01:02.05]c",
      "[01:02.005]d",
      "[01:02:25]e",
      "[75:30.10]f",
      "[100:00.00]g",
      "[1:05.5]h",
    ].join("\n");
    expect(parseLrc(text).lines).toEqual([
      { timeMs: 62000, text: "a" },
      { timeMs: 62005, text: "d" },
      { timeMs: 62050, text: "c" },
      { timeMs: 62250, text: "e" },
      { timeMs: 62500, text: "b" },
      { timeMs: 65500, text: "h" },
      { timeMs: 4_530_100, text: "f" },
      { timeMs: 6_000_000, text: "g" },
    ]);
  });

  it("applies a positive offset by making lyrics appear sooner, clamped at zero", () => {
    const text = "[ar:Someone]\n[offset:+500]\n[00:00.20]first\n[00:10.00]second";
    const parsed = parseLrc(text);
    expect(parsed.tags.offset).toBe("+500");
    expect(parsed.lines).toEqual([
      { timeMs: 0, text: "first" },
      { timeMs: 9500, text: "second" },
    ]);
  });

  it("applies a negative offset by delaying lyrics, wherever the tag appears", () => {
    const parsed = parseLrc("[00:10.00]second\n[offset: -250]\n[00:01.00]first");
    expect(parsed.lines).toEqual([
      { timeMs: 1250, text: "first" },
      { timeMs: 10250, text: "second" },
    ]);
  });

  it("ignores an offset that is not an integer", () => {
    expect(parseLrc("[offset:soon]\n[00:01.00]x").lines).toEqual([{ timeMs: 1000, text: "x" }]);
    expect(parseLrc("[offset:1.5]\n[00:01.00]x").lines).toEqual([{ timeMs: 1000, text: "x" }]);
  });

  it("handles CR, CRLF, a BOM, blank lines, stray text lines and garbage", () => {
    const text =
      "\uFEFF[ti:Song]\r\n\r\n   \r\nnot a lyric line\r\n[99:xx]broken\r\n[00:61.00]bad seconds\r\n" +
      "[00:03.00]  kept  \r[00:04.00]also\tkept\r[]\r\n";
    expect(parseLrc(text)).toEqual({
      tags: { ti: "Song" },
      lines: [
        { timeMs: 3000, text: "kept" },
        { timeMs: 4000, text: "also kept" },
      ],
    });
  });

  it("keeps empty timed lines, which clear the display", () => {
    expect(parseLrc("[00:01.00]Hello\n[00:04.00]\n[00:06.00]Again").lines).toEqual([
      { timeMs: 1000, text: "Hello" },
      { timeMs: 4000, text: "" },
      { timeMs: 6000, text: "Again" },
    ]);
  });

  it("keeps file order for equal times", () => {
    expect(parseLrc("[00:01.00]b\n[00:01.00]a").lines.map((l) => l.text)).toEqual(["b", "a"]);
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

describe("parseLrc on arbitrary input", () => {
  it("never throws and returns sorted, non-negative, finite times", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const { lines } = parseLrc(text);
        for (const [index, line] of lines.entries()) {
          expect(Number.isFinite(line.timeMs) && line.timeMs >= 0).toBe(true);
          if (index > 0) expect(line.timeMs).toBeGreaterThanOrEqual(lines[index - 1]?.timeMs ?? 0);
        }
      }),
    );
  });

  it("joins a line's words back into its text", () => {
    const piece = fc.constantFrom(
      "la",
      " ",
      "  ",
      "oh ",
      " yeah",
      "<00:01.00>",
      "<00:02.50> ",
      "\t",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        for (const line of parseLrc(`[00:00.50]${pieces.join("")}`).lines) {
          if (line.words !== undefined) {
            expect(line.words.map((word) => word.text).join("")).toBe(line.text);
            expect(line.words.every((word) => word.text.trim() !== "")).toBe(true);
          }
        }
      }),
    );
  });
});
