import { remoteServiceError } from "./remote-service-error.js";

/** A MusicBrainz id: a UUID, compared in lower case. */
export const MBID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The parts of a search-output recording that matching needs. */
export interface SearchRecording {
  id: string;
  /** 0–100: how well the recording matches the query, relative to the best hit. */
  score: number;
  /** Milliseconds, when MusicBrainz knows it. */
  lengthMs: number | undefined;
  /** The credit as printed: names joined by their join phrases. */
  credit: string;
  /** Each credited artist's name as credited. */
  creditNames: string[];
  releases: { id: string; title: string }[];
}

/** The recordings examined from one answer, whatever `limit` the server ignored. */
const MAX_RECORDINGS = 100;
/** Credits and releases examined per recording: a hit on a compilation can list hundreds. */
const MAX_LIST_ITEMS = 100;

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Reads MusicBrainz's JSON recording search output
 * (`{ recordings: [{ id, score, length, "artist-credit", releases }] }`).
 *
 * @param body - The parsed JSON.
 * @param url - The request URL without query, for the error.
 * @throws PlayerError (service `musicbrainz`, reason `unexpected-shape`) when
 *   the body or a recording is not in that shape.
 */
export function parseRecordingSearch(body: unknown, url: string): SearchRecording[] {
  const fail = (what: string) =>
    remoteServiceError(`MusicBrainz answered an unexpected search result: ${what}`, {
      service: "musicbrainz",
      reason: "unexpected-shape",
      url,
      status: 200,
    });
  if (!isObject(body) || !Array.isArray(body.recordings)) throw fail("no recordings array");
  return body.recordings.slice(0, MAX_RECORDINGS).map((item, index): SearchRecording => {
    if (!isObject(item) || typeof item.id !== "string") throw fail(`recording ${index} has no id`);
    // Older servers sent the score as a string.
    const score = typeof item.score === "string" ? Number(item.score) : item.score;
    if (typeof score !== "number" || !Number.isFinite(score)) {
      throw fail(`recording ${index} has no numeric score`);
    }
    const { length } = item;
    if (length !== undefined && length !== null && typeof length !== "number") {
      throw fail(`recording ${index} has a length that is not a number`);
    }
    const credits = item["artist-credit"] ?? [];
    if (!Array.isArray(credits)) throw fail(`recording ${index} has a malformed artist-credit`);
    const creditNames: string[] = [];
    let credit = "";
    for (const part of credits.slice(0, MAX_LIST_ITEMS)) {
      if (!isObject(part) || typeof part.name !== "string") {
        throw fail(`recording ${index} has a credit without a name`);
      }
      creditNames.push(part.name);
      credit += part.name + (typeof part.joinphrase === "string" ? part.joinphrase : "");
    }
    const releases = item.releases ?? [];
    if (!Array.isArray(releases)) throw fail(`recording ${index} has a malformed releases list`);
    return {
      id: item.id,
      score,
      lengthMs: typeof length === "number" && Number.isFinite(length) ? length : undefined,
      credit,
      creditNames,
      releases: releases.slice(0, MAX_LIST_ITEMS).map((release, position) => {
        if (
          !isObject(release) ||
          typeof release.id !== "string" ||
          !MBID_PATTERN.test(release.id)
        ) {
          throw fail(`release ${position} of recording ${index} has no valid id`);
        }
        const title = typeof release.title === "string" ? release.title : "";
        return { id: release.id.toLowerCase(), title };
      }),
    };
  });
}

/** What the track's tags say about it. */
export interface RecordingWanted {
  artist: string;
  album?: string;
  durationMs?: number;
}

/** Below this score MusicBrainz's hit is a guess, not the track. */
export const MIN_MATCH_SCORE = 90;
/** Tag durations and MusicBrainz lengths of the same recording differ by a little. */
export const DURATION_TOLERANCE_MS = 3000;

/** Case, width and spacing differences do not make a different name. */
export function normalizeName(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/**
 * Picks the release of the best matching recording: score at least
 * {@link MIN_MATCH_SCORE}, the artist credited (case-insensitively, as the
 * whole credit or one credited name), length within
 * {@link DURATION_TOLERANCE_MS} when both are known. Among those, the highest
 * score wins, then one with a release titled like the album, then the closest
 * length. Returns that release (else the recording's first one).
 *
 * @returns A release MBID in lower case, or `undefined` when nothing matches.
 */
export function pickRelease(
  recordings: readonly SearchRecording[],
  wanted: RecordingWanted,
): string | undefined {
  const artist = normalizeName(wanted.artist);
  const album = wanted.album === undefined ? undefined : normalizeName(wanted.album);
  const candidates = recordings
    .filter(
      (recording) =>
        recording.score >= MIN_MATCH_SCORE &&
        recording.releases.length > 0 &&
        (normalizeName(recording.credit) === artist ||
          recording.creditNames.some((name) => normalizeName(name) === artist)) &&
        durationGap(recording, wanted.durationMs) <= DURATION_TOLERANCE_MS,
    )
    .map((recording) => ({
      recording,
      albumRelease: recording.releases.find(
        (release) => album !== undefined && normalizeName(release.title) === album,
      ),
      gap: durationGap(recording, wanted.durationMs),
    }));
  candidates.sort(
    (a, b) =>
      b.recording.score - a.recording.score ||
      Number(b.albumRelease !== undefined) - Number(a.albumRelease !== undefined) ||
      a.gap - b.gap,
  );
  const best = candidates[0];
  return (best?.albumRelease ?? best?.recording.releases[0])?.id;
}

/** 0 when either duration is unknown: missing facts neither help nor hurt. */
function durationGap(recording: SearchRecording, durationMs: number | undefined): number {
  if (durationMs === undefined || recording.lengthMs === undefined) return 0;
  return Math.abs(recording.lengthMs - durationMs);
}
