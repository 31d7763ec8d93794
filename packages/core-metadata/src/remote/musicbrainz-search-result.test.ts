import { describe, expect, it } from "vitest";
import {
  parseRecordingSearch,
  pickRelease,
  type SearchRecording,
} from "./musicbrainz-search-result.js";

const URL = "https://musicbrainz.org/ws/2/recording";
const RELEASE_A = "aaaaaaaa-0000-4000-8000-000000000001";
const RELEASE_B = "bbbbbbbb-0000-4000-8000-000000000002";
const RELEASE_C = "cccccccc-0000-4000-8000-000000000003";

function recording(overrides: Partial<SearchRecording> = {}): SearchRecording {
  return {
    id: "r-1",
    score: 100,
    lengthMs: 200_000,
    credit: "The Crows",
    creditNames: ["The Crows"],
    releases: [{ id: RELEASE_A, title: "Night Songs" }],
    ...overrides,
  };
}

describe("parseRecordingSearch", () => {
  it("reads MusicBrainz's JSON search output", () => {
    const body = {
      created: "2024-05-01T00:00:00.000Z",
      count: 1,
      offset: 0,
      recordings: [
        {
          id: "r-1",
          score: "97",
          title: "Paper Moons",
          length: 201_000,
          "artist-credit": [
            { name: "A", joinphrase: " feat. ", artist: { id: "x", name: "A" } },
            { name: "B", artist: { id: "y", name: "B" } },
          ],
          releases: [{ id: RELEASE_A.toUpperCase(), title: "Night Songs", date: "1999" }],
        },
        { id: "r-2", score: 50, length: null },
      ],
    };
    expect(parseRecordingSearch(body, URL)).toEqual([
      {
        id: "r-1",
        score: 97,
        lengthMs: 201_000,
        credit: "A feat. B",
        creditNames: ["A", "B"],
        releases: [{ id: RELEASE_A, title: "Night Songs" }],
      },
      { id: "r-2", score: 50, lengthMs: undefined, credit: "", creditNames: [], releases: [] },
    ]);
  });

  it.each([
    ["a string", "recordings"],
    ["no recordings", { count: 0 }],
    ["a recording without id", { recordings: [{ score: 100 }] }],
    ["a score that is no number", { recordings: [{ id: "r", score: "high" }] }],
    ["a length of the wrong type", { recordings: [{ id: "r", score: 100, length: "3:00" }] }],
    ["credits that are no list", { recordings: [{ id: "r", score: 100, "artist-credit": {} }] }],
    [
      "a release id that is no MBID",
      { recordings: [{ id: "r", score: 1, releases: [{ id: "x" }] }] },
    ],
  ])("refuses %s with a clear error", (_case, body) => {
    expect(() => parseRecordingSearch(body, URL)).toThrow(
      expect.objectContaining({
        code: "metadata/remote-failed",
        details: expect.objectContaining({ service: "musicbrainz", reason: "unexpected-shape" }),
      }),
    );
  });
});

describe("pickRelease", () => {
  it("returns the first release of the best scoring recording by the artist", () => {
    const recordings = [
      recording({ id: "weak", score: 95, releases: [{ id: RELEASE_B, title: "Other" }] }),
      recording({ id: "best", score: 100 }),
    ];
    expect(pickRelease(recordings, { artist: "the crows" })).toBe(RELEASE_A);
  });

  it("ignores scores below 90, other artists and lengths more than 3 s off", () => {
    const wanted = { artist: "The Crows", durationMs: 200_000 };
    expect(pickRelease([recording({ score: 89 })], wanted)).toBeUndefined();
    expect(
      pickRelease([recording({ credit: "The Crowns", creditNames: ["The Crowns"] })], wanted),
    ).toBeUndefined();
    expect(pickRelease([recording({ lengthMs: 203_001 })], wanted)).toBeUndefined();
    expect(pickRelease([recording({ lengthMs: 203_000 })], wanted)).toBe(RELEASE_A);
    expect(pickRelease([recording({ lengthMs: undefined })], wanted)).toBe(RELEASE_A);
  });

  it("accepts one credited name as the artist and a whole credit with join phrases", () => {
    const duo = recording({ credit: "A feat. B", creditNames: ["A", "B"] });
    expect(pickRelease([duo], { artist: "A" })).toBe(RELEASE_A);
    expect(pickRelease([duo], { artist: "a  FEAT. b" })).toBe(RELEASE_A);
  });

  it("prefers the release titled like the album, then the closer length", () => {
    const onCompilation = recording({
      releases: [
        { id: RELEASE_B, title: "Greatest Hits" },
        { id: RELEASE_C, title: "night songs" },
      ],
    });
    expect(pickRelease([onCompilation], { artist: "The Crows", album: "Night Songs" })).toBe(
      RELEASE_C,
    );
    const far = recording({ lengthMs: 202_500, releases: [{ id: RELEASE_B, title: "X" }] });
    const near = recording({ lengthMs: 200_100, releases: [{ id: RELEASE_C, title: "Y" }] });
    expect(pickRelease([far, near], { artist: "The Crows", durationMs: 200_000 })).toBe(RELEASE_C);
  });

  it("skips recordings without releases", () => {
    expect(pickRelease([recording({ releases: [] })], { artist: "The Crows" })).toBeUndefined();
  });
});
