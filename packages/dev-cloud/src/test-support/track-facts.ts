import type { TrackFacts } from "../library/library-types.js";
import { TONE_DURATION_MS, toneForTrack } from "../library/tone-plan.js";

/**
 * Track facts with readable defaults, overridable per test: "Song 1", "Song
 * 2", … by The Testers on "Fixtures" (2014), a 3-second mp3 at 440 Hz.
 *
 * @param index - The track's position in its library; also numbers the title and track.
 * @param facts - Values that win over the defaults.
 *
 * @example
 * ```ts
 * const broken = makeTrackFacts(2, { broken: "not-audio", format: "flac" });
 * ```
 */
export function makeTrackFacts(index: number, facts: Partial<TrackFacts> = {}): TrackFacts {
  return {
    index,
    title: `Song ${index + 1}`,
    artist: "The Testers",
    albumArtist: "The Testers",
    album: "Fixtures",
    trackNumber: index + 1,
    trackCount: 12,
    discNumber: 1,
    discCount: 1,
    year: 2014,
    genre: "Rock",
    durationMs: 3_000,
    frequencyHz: 440,
    format: "mp3",
    hasCover: false,
    hasLyrics: false,
    musicBrainz: { recordingId: "r", releaseId: "s", artistId: "a" },
    lrclibId: 0,
    ...facts,
  };
}

/**
 * A complete, renderable track for the audio tests: non-ASCII tags, disc 2
 * of 3, a cover and lyrics, and the tone and duration the generator gives
 * track `index` (default 7). `overrides` win.
 */
export function makeTaggedTrack(overrides: Partial<TrackFacts> = {}): TrackFacts {
  const index = overrides.index ?? 7;
  return makeTrackFacts(index, {
    title: "Señales — de humo",
    artist: "Los Émulos",
    albumArtist: "Various Artists",
    album: "Compilación 2004",
    trackNumber: 3,
    trackCount: 12,
    discNumber: 2,
    discCount: 3,
    year: 2004,
    genre: "Cumbia",
    durationMs: TONE_DURATION_MS,
    frequencyHz: toneForTrack(index),
    format: "mp3",
    hasCover: true,
    hasLyrics: true,
    musicBrainz: {
      recordingId: "9d3c5a1e-0000-4000-8000-000000000007",
      releaseId: "1b2c3d4e-0000-4000-8000-000000000001",
      artistId: "5f6a7b8c-0000-4000-8000-000000000002",
    },
    lrclibId: 1007,
    ...overrides,
  });
}
