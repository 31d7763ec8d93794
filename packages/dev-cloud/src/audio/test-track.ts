/** A TrackFacts builder for the audio tests. Test-only. */
import type { TrackFacts } from "../library/library-types.js";
import { TONE_DURATION_MS, toneForTrack } from "../library/tone-plan.js";

/** A complete, renderable track; `overrides` win, and `index` also picks the tone. */
export function makeTrack(overrides: Partial<TrackFacts> = {}): TrackFacts {
  const index = overrides.index ?? 7;
  return {
    index,
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
  };
}
