import type { IncomingMessage, ServerResponse } from "node:http";
import type { DevCloudContext } from "../context.js";
import { sendJson } from "../http-response.js";
import type { TrackFacts } from "../library/library-types.js";
import type { Router } from "../router.js";
import { nameBasedUuid } from "./musicbrainz-ids.js";
import { parseRecordingQuery, QueryParseError, scoreRecording } from "./musicbrainz-query.js";
import {
  MUSICBRAINZ_DEFAULT_REQUESTS_PER_SECOND,
  MusicBrainzRateLimiter,
} from "./musicbrainz-rate-limiter.js";

/** A recording in MusicBrainz's JSON search output. */
export interface MusicBrainzRecording {
  id: string;
  score: number;
  title: string;
  /** Milliseconds. */
  length: number;
  "artist-credit": {
    name: string;
    joinphrase: string;
    artist: { id: string; name: string };
  }[];
  releases: {
    id: string;
    title: string;
    date: string;
    "release-group": { id: string };
  }[];
}

const DEFAULT_LIMIT = 25;
const MAX_LIMIT = 100;
const HELP = "For usage, please see: https://musicbrainz.org/development/mmd";
/** The wording of MusicBrainz's rate-limit refusal. */
export const MUSICBRAINZ_RATE_LIMIT_MESSAGE =
  "Your requests are exceeding the allowable rate limit. Please see http://wiki.musicbrainz.org/XMLWebService for more information.";
const USER_AGENT_MESSAGE =
  "Requests without a User-Agent are blocked. Identify your application, e.g. 'MyApp/1.2.0 ( https://example.com/contact )'.";

/**
 * Registers `/musicbrainz/ws/2/recording?query=…`, MusicBrainz's recording
 * search, over the library's tracks. Answers JSON whatever `fmt` says,
 * except that an explicit `fmt=xml` is refused.
 *
 * Like the real service it first turns away requests without a `User-Agent`
 * (403) and requests over the rate limit (503 with `Retry-After`): by
 * default one per second per remote address, set by
 * `context.musicBrainzRequestsPerSecond` (`0` = unlimited).
 *
 * @param router - The server's router.
 * @param context - Its library provides the tracks; its clock `created`.
 * @throws RangeError for a negative or non-finite `musicBrainzRequestsPerSecond`.
 */
export function registerMusicBrainzRoutes(router: Router, context: DevCloudContext): void {
  const limiter = new MusicBrainzRateLimiter({
    requestsPerSecond:
      context.musicBrainzRequestsPerSecond ?? MUSICBRAINZ_DEFAULT_REQUESTS_PER_SECOND,
  });
  router.get("/musicbrainz/ws/2/recording", (request, response, { url }) => {
    if (refusedAtTheEdge(request, response, limiter)) return;
    const fmt = url.searchParams.get("fmt");
    if (fmt !== null && fmt !== "json") {
      return sendMusicBrainzError(response, 400, "Only fmt=json is emulated.");
    }
    const query = url.searchParams.get("query");
    if (query === null || query.trim() === "") {
      return sendMusicBrainzError(response, 400, "Missing required parameter: query.");
    }
    const limit = integerParam(url, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    const offset = integerParam(url, "offset", 0, 0, Number.MAX_SAFE_INTEGER);
    if (limit === undefined) {
      return sendMusicBrainzError(
        response,
        400,
        `limit must be an integer from 1 to ${MAX_LIMIT}.`,
      );
    }
    if (offset === undefined) {
      return sendMusicBrainzError(response, 400, "offset must be a non-negative integer.");
    }
    let terms: ReturnType<typeof parseRecordingQuery>;
    try {
      terms = parseRecordingQuery(query);
    } catch (error) {
      if (error instanceof QueryParseError)
        return sendMusicBrainzError(response, 400, error.message);
      throw error;
    }

    const scored: { track: TrackFacts; score: number }[] = [];
    for (const track of context.library.tracks()) {
      const score = scoreRecording(terms, track);
      if (score !== undefined) scored.push({ track, score });
    }
    // Stable: equal scores keep library order, so paging is deterministic.
    scored.sort((a, b) => b.score - a.score || a.track.index - b.track.index);
    sendJson(response, 200, {
      created: new Date(context.clock.now()).toISOString(),
      count: scored.length,
      offset,
      recordings: scored
        .slice(offset, offset + limit)
        .map(({ track, score }) => recordingFor(track, score)),
    });
  });
}

/** The search-output recording of a track. */
export function recordingFor(track: TrackFacts, score: number): MusicBrainzRecording {
  const { recordingId, releaseId, artistId } = track.musicBrainz;
  return {
    id: recordingId,
    score,
    title: track.title,
    length: track.durationMs,
    "artist-credit": [
      { name: track.artist, joinphrase: "", artist: { id: artistId, name: track.artist } },
    ],
    releases: [
      {
        id: releaseId,
        title: track.album,
        date: String(track.year),
        "release-group": { id: nameBasedUuid(`release-group:${releaseId}`) },
      },
    ],
  };
}

/** The checks MusicBrainz makes before any search: a User-Agent, then the rate limit. */
function refusedAtTheEdge(
  request: IncomingMessage,
  response: ServerResponse,
  limiter: MusicBrainzRateLimiter,
): boolean {
  const userAgent = request.headers["user-agent"];
  if (userAgent === undefined || userAgent.trim() === "") {
    sendMusicBrainzError(response, 403, USER_AGENT_MESSAGE);
    return true;
  }
  const decision = limiter.admit(request.socket.remoteAddress ?? "unknown");
  if (decision.admitted) return false;
  const retryAfterSeconds = Math.max(1, Math.ceil(decision.retryAfterMs / 1000));
  sendMusicBrainzError(response, 503, MUSICBRAINZ_RATE_LIMIT_MESSAGE, {
    "Retry-After": String(retryAfterSeconds),
  });
  return true;
}

function integerParam(
  url: URL,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number | undefined {
  const text = url.searchParams.get(name);
  if (text === null || text === "") return fallback;
  if (!/^\d{1,15}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
}

function sendMusicBrainzError(
  response: ServerResponse,
  status: number,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  sendJson(response, status, { error: message, help: HELP }, headers);
}
