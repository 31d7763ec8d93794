import { describe, expect, it } from "vitest";
import type { TrackFacts } from "../library/library-types.js";
import { parseRecordingQuery, QueryParseError, scoreRecording } from "./musicbrainz-query.js";

const track = {
  title: "We Will Rock You",
  artist: "Queen",
  album: "News of the World",
  year: 1977,
  trackNumber: 1,
  musicBrainz: { recordingId: "r-1", releaseId: "rel-1", artistId: "a-1" },
} as TrackFacts;

describe("parseRecordingQuery", () => {
  it("reads fielded phrases, bare words, escapes and AND", () => {
    expect(
      parseRecordingQuery('recording:"we will rock you" AND artist:Queen (news) \\"x'),
    ).toEqual([
      { field: "recording", value: "we will rock you", phrase: true },
      { field: "artist", value: "Queen", phrase: false },
      { value: "news", phrase: false },
      { value: '"x', phrase: false },
    ]);
  });

  it("reads an escaped operator character as part of a literal word", () => {
    expect(parseRecordingQuery("\\-a \\!b \\OR recording:\\+c")).toEqual([
      { value: "-a", phrase: false },
      { value: "!b", phrase: false },
      { value: "OR", phrase: false },
      { field: "recording", value: "+c", phrase: false },
    ]);
  });

  it.each([['"open'], ["a OR b"], ["NOT a"], ["-a"], ["genre:rock"], ["AND"]])(
    "refuses %j",
    (query) => {
      expect(() => parseRecordingQuery(query)).toThrow(QueryParseError);
    },
  );
});

describe("scoreRecording", () => {
  const score = (query: string) => scoreRecording(parseRecordingQuery(query), track);

  it("gives 100 when every term equals its field", () => {
    expect(score('recording:"We will rock you!" AND artist:queen AND reid:rel-1')).toBe(100);
  });

  it("gives less for partial matches and nothing for a miss", () => {
    const partial = score('recording:"rock you"');
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(100);
    expect(score("recording:roc")).toBeUndefined();
    expect(score('artist:"Queen" AND release:"Jazz"')).toBeUndefined();
    expect(score("arid:a")).toBeUndefined();
  });
});
