import { describe, expect, it } from "vitest";
import { parseLrc } from "./lrc-parser.js";

describe("parseLrc enhanced (A2) word timing and Walaoke singers", () => {
  it("times each word; the first word takes the line time when it has no tag", () => {
    expect(parseLrc("[00:00.88]Joy <00:01.66>beautiful <00:03.14>spark").lines).toEqual([
      {
        timeMs: 880,
        text: "Joy beautiful spark",
        words: [
          { timeMs: 880, text: "Joy " },
          { timeMs: 1660, text: "beautiful " },
          { timeMs: 3140, text: "spark" },
        ],
      },
    ]);
  });

  it("reads the A2 layout with a tag before every word and a closing tag", () => {
    const line = "[00:12.00] <00:12.00> Line <00:12.48> one <00:13.02> ends <00:13.90>";
    expect(parseLrc(line).lines).toEqual([
      {
        timeMs: 12000,
        text: "Line one ends",
        words: [
          { timeMs: 12000, text: "Line " },
          { timeMs: 12480, text: "one " },
          { timeMs: 13020, text: "ends" },
        ],
      },
    ]);
  });

  it("keeps syllables without spaces joined", () => {
    const line = "[00:05.00]<00:05.00>Beau<00:05.30>ti<00:05.55>ful <00:06.00>day";
    const [parsed] = parseLrc(line).lines;
    expect(parsed?.text).toBe("Beautiful day");
    expect(parsed?.words).toEqual([
      { timeMs: 5000, text: "Beau" },
      { timeMs: 5300, text: "ti" },
      { timeMs: 5550, text: "ful " },
      { timeMs: 6000, text: "day" },
    ]);
  });

  it("reads a Walaoke duet with word timing: prefixes set the singer until the next one", () => {
    const text = [
      "[ti:Duet]",
      "[re:Walaoke]",
      "[00:12.00]<00:12.00>Line <00:12.50>one",
      "[00:17.20]F: <00:17.20>Her <00:17.80>part",
      "[00:21.10]M: His <00:21.60>part",
      "[00:24.00]Still him",
      "[00:28.25]D: Together",
    ].join("\n");
    expect(parseLrc(text).lines).toEqual([
      {
        timeMs: 12000,
        text: "Line one",
        words: [
          { timeMs: 12000, text: "Line " },
          { timeMs: 12500, text: "one" },
        ],
      },
      {
        timeMs: 17200,
        text: "Her part",
        words: [
          { timeMs: 17200, text: "Her " },
          { timeMs: 17800, text: "part" },
        ],
        singer: "female",
      },
      {
        timeMs: 21100,
        text: "His part",
        words: [
          { timeMs: 21100, text: "His " },
          { timeMs: 21600, text: "part" },
        ],
        singer: "male",
      },
      { timeMs: 24000, text: "Still him", singer: "male" },
      { timeMs: 28250, text: "Together", singer: "duet" },
    ]);
  });

  it("applies the offset to words too", () => {
    const text = "[offset:+1000]\n[00:10.00]Go <00:10.40>now";
    expect(parseLrc(text).lines).toEqual([
      {
        timeMs: 9000,
        text: "Go now",
        words: [
          { timeMs: 9000, text: "Go " },
          { timeMs: 9400, text: "now" },
        ],
      },
    ]);
  });

  it("shifts the words of a repeated line along with each repeat", () => {
    const [first, second] = parseLrc("[00:20.00][01:00.00]La <00:20.50>la").lines;
    expect(first?.words).toEqual([
      { timeMs: 20000, text: "La " },
      { timeMs: 20500, text: "la" },
    ]);
    expect(second?.words).toEqual([
      { timeMs: 60000, text: "La " },
      { timeMs: 60500, text: "la" },
    ]);
  });
});
