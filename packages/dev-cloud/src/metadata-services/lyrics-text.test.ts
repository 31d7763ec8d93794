import { describe, expect, it } from "vitest";
import { plainLyricsFromLrc } from "./lyrics-text.js";

describe("plainLyricsFromLrc", () => {
  it("drops ID tags, time tags and word tags", () => {
    const lrc = [
      "[ar:Someone]",
      "[length:03:00]",
      "",
      "[00:01.00]First line",
      "[00:02.50][01:02.50] Chorus ",
      "[00:03.000]<00:03.00>word <00:03.50>by word",
      "[00:04.00]",
      "[00:05.00]Last",
      "",
    ].join("\n");
    expect(plainLyricsFromLrc(lrc)).toBe("First line\nChorus\nword by word\n\nLast");
  });

  it("handles CRLF line ends and a BOM", () => {
    expect(plainLyricsFromLrc("\uFEFF[ti:T]\r\n[00:00.00]Hello\r\n")).toBe("Hello");
  });
});
