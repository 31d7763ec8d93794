import { describe, expect, it } from "vitest";
import { toLyrics } from "./lyrics.js";

describe("toLyrics", () => {
  it("returns synced lyrics when there is a timed line with text", () => {
    expect(toLyrics("[ar:Band]\n[00:17.12] I feel…\n[00:20.00]", "remote")).toEqual({
      synced: true,
      lines: [
        { timeMs: 17120, text: "I feel…" },
        { timeMs: 20000, text: "" },
      ],
      source: "remote",
    });
  });

  it("keeps word timings and takes the language from the options, else the [la:] tag", () => {
    const lrc = "[la:fr]\n[00:01.00]Oui <00:01.50>non";
    expect(toLyrics(lrc, "sidecar")).toEqual({
      synced: true,
      lines: [
        {
          timeMs: 1000,
          text: "Oui non",
          words: [
            { timeMs: 1000, text: "Oui " },
            { timeMs: 1500, text: "non" },
          ],
        },
      ],
      source: "sidecar",
      language: "fr",
    });
    expect(toLyrics(lrc, "embedded", { language: "fra" })).toMatchObject({ language: "fra" });
  });

  it("returns trimmed plain text, with CRLF normalised and ID-tag lines removed", () => {
    const text =
      "\uFEFF[ti:Song]\r\n[ar:Band]\r\n\r\n  First line\r\n[Chorus: Both]\r\nSecond line  \r\n\r\n";
    expect(toLyrics(text, "embedded")).toEqual({
      synced: false,
      text: "First line\n[Chorus: Both]\nSecond line",
      source: "embedded",
    });
  });

  it("treats a file whose timed lines are all empty as plain text", () => {
    expect(toLyrics("[00:00.00]\nJust words", "sidecar")).toEqual({
      synced: false,
      text: "Just words",
      source: "sidecar",
    });
  });

  it("returns undefined when there is nothing to show", () => {
    expect(toLyrics("", "embedded")).toBeUndefined();
    expect(toLyrics(" \n\t\r\n", "embedded")).toBeUndefined();
    expect(toLyrics("[ti:Only tags]\n[by:me]\n[00:10.00]", "sidecar")).toBeUndefined();
  });

  it("returns plain data that survives structured cloning", () => {
    const lyrics = toLyrics("[00:01.00]A <00:01.40>b\n[00:02.00]F: c", "sidecar");
    expect(structuredClone(lyrics)).toEqual(lyrics);
  });
});
