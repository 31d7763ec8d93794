import { describe, expect, it } from "vitest";
import type { TrackFacts } from "../library/library-types.js";
import { LRCLIB_SEARCH_LIMIT, LrclibCatalog } from "./lrclib-catalog.js";

function track(index: number, hasLyrics: boolean): TrackFacts {
  return {
    index,
    title: `Song ${index}`,
    artist: "Same Artist",
    album: "Same Album",
    durationMs: 3_000,
    hasLyrics,
    lrclibId: 1_000 + index,
  } as TrackFacts;
}

describe("LrclibCatalog", () => {
  const tracks = Array.from({ length: 40 }, (_, index) => track(index, index !== 5));
  let renders = 0;
  const catalog = new LrclibCatalog(
    () => tracks,
    (facts) => {
      renders++;
      return new TextEncoder().encode(`[ti:${facts.title}]\n[00:00.00]${facts.title} line\n`);
    },
  );

  it(`returns at most ${LRCLIB_SEARCH_LIMIT} search results, in library order`, () => {
    const results = catalog.search({ q: "same artist" });
    expect(results).toHaveLength(LRCLIB_SEARCH_LIMIT);
    expect(results.map((record) => record.id).slice(0, 6)).toEqual([
      1000, 1001, 1002, 1003, 1004, 1006,
    ]);
  });

  it("builds plain lyrics from the rendered LRC and renders each track once", () => {
    const before = renders;
    const first = catalog.byId(1_007);
    const again = catalog.find({
      trackName: "song 7",
      artistName: "SAME ARTIST",
      durationSeconds: 1,
    });
    expect(first?.plainLyrics).toBe("Song 7 line");
    expect(again).toEqual(first);
    expect(renders - before).toBeLessThanOrEqual(1);
  });

  it("has no record for a track without lyrics", () => {
    expect(catalog.byId(1_005)).toBeUndefined();
    expect(catalog.search({ trackName: "Song 5" }).map((record) => record.id)).not.toContain(1_005);
  });
});
