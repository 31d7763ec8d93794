import { type HttpClient, type Logger, PlayerError } from "@player/core-runtime";
import { discardBody, readBoundedJson, readErrorText } from "./bounded-body.js";
import { remoteServiceError, urlWithoutQuery } from "./remote-service-error.js";

/** What LRCLIB's `/get` looks a record up by. */
export interface LrclibQuery {
  trackName: string;
  artistName: string;
  albumName?: string;
  /** The track's duration; LRCLIB matches within ±2 s. Sent rounded, only when 1–3600. */
  durationSeconds?: number;
}

/** The lyrics of one LRCLIB record. */
export interface LrclibLyrics {
  /** LRCLIB's record id. */
  id: number;
  /** LRC text (`[mm:ss.xx] line`), or `null` when only plain lyrics exist. */
  syncedLyrics: string | null;
  plainLyrics: string | null;
  /** The track has no words; both lyrics fields are then usually `null`. */
  instrumental: boolean;
}

/** Options of {@link LrclibClient}; {@link createRemoteMetadata} fills them in. */
export interface LrclibClientOptions {
  http: Pick<HttpClient, "request">;
  /** The API root, e.g. `https://lrclib.net/api`. */
  baseUrl: string;
  userAgent: string;
  /** Receives the reason of a 400 (the request was refused, not an error of the app's). */
  logger?: Logger;
}

/** LRCLIB's `/get` refuses durations outside this range (seconds). */
const MIN_DURATION_SECONDS = 1;
const MAX_DURATION_SECONDS = 3600;

/**
 * Looks up lyrics by track signature with LRCLIB's `GET /get`. LRCLIB has no
 * rate limit; its 5xx answers are retried by the HttpClient.
 *
 * @example
 * ```ts
 * const lyrics = await lrclib.get({ trackName: "Paper Moons", artistName: "The Crows", durationSeconds: 201 });
 * if (lyrics?.syncedLyrics) showLrc(parseLrc(lyrics.syncedLyrics));
 * ```
 */
export class LrclibClient {
  readonly #options: LrclibClientOptions;

  constructor(options: LrclibClientOptions) {
    this.#options = options;
  }

  /**
   * The lyrics record matching a track.
   *
   * @returns The record, or `undefined` when LRCLIB has none (404) or refuses the
   *   query (400; its reason goes to the logger as a warning).
   * @throws PlayerError `runtime/invalid-argument` for a blank track or artist name;
   *   the HttpClient's errors; a remote failure (service `lrclib`) with reason
   *   `invalid-json`, `unexpected-shape` or `too-large`.
   */
  async get(query: LrclibQuery, signal?: AbortSignal): Promise<LrclibLyrics | undefined> {
    const url = new URL(`${this.#options.baseUrl}/get`);
    url.search = signatureParams(query).toString();
    const source = { service: "lrclib", url, signal } as const;
    const response = await this.#options.http.request(url, {
      headers: { "user-agent": this.#options.userAgent, accept: "application/json" },
      expectStatus: [200, 400, 404],
      ...(signal === undefined ? {} : { signal }),
    });
    if (response.status === 404) {
      discardBody(response);
      return undefined;
    }
    if (response.status === 400) {
      const reason = await readErrorText(response, source);
      this.#options.logger?.warn("LRCLIB refused a lyrics lookup", {
        reason: reason ?? "no reason given",
      });
      return undefined;
    }
    return parseLyricsRecord(await readBoundedJson(response, source), urlWithoutQuery(url));
  }
}

function signatureParams(query: LrclibQuery): URLSearchParams {
  const invalid = (argument: string, expected: string) =>
    new PlayerError("runtime/invalid-argument", `lrclib.get: ${argument} must be ${expected}`, {
      details: { argument },
    });
  if (typeof query !== "object" || query === null) throw invalid("query", "an object");
  const { trackName, artistName, albumName, durationSeconds } = query;
  if (typeof trackName !== "string" || trackName.trim() === "") {
    throw invalid("trackName", "a non-blank string");
  }
  if (typeof artistName !== "string" || artistName.trim() === "") {
    throw invalid("artistName", "a non-blank string");
  }
  if (albumName !== undefined && typeof albumName !== "string") {
    throw invalid("albumName", "a string");
  }
  if (durationSeconds !== undefined && typeof durationSeconds !== "number") {
    throw invalid("durationSeconds", "a number");
  }
  const params = new URLSearchParams({ track_name: trackName, artist_name: artistName });
  if (albumName !== undefined && albumName.trim() !== "") params.set("album_name", albumName);
  if (durationSeconds !== undefined && Number.isFinite(durationSeconds)) {
    const seconds = Math.round(durationSeconds);
    // Out of range the server answers 400; without a duration it still finds the record.
    if (seconds >= MIN_DURATION_SECONDS && seconds <= MAX_DURATION_SECONDS) {
      params.set("duration", String(seconds));
    }
  }
  return params;
}

/**
 * Reads an LRCLIB record (`{ id, syncedLyrics, plainLyrics, instrumental, … }`).
 *
 * @throws PlayerError (service `lrclib`, reason `unexpected-shape`) when a field has the wrong type.
 */
export function parseLyricsRecord(body: unknown, url: string): LrclibLyrics {
  const fail = (what: string) =>
    remoteServiceError(`LRCLIB answered an unexpected record: ${what}`, {
      service: "lrclib",
      reason: "unexpected-shape",
      url,
      status: 200,
    });
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw fail("not an object");
  }
  const record = body as Record<string, unknown>;
  const { id, syncedLyrics, plainLyrics, instrumental } = record;
  if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) {
    throw fail("no numeric id");
  }
  const text = (name: string, value: unknown): string | null => {
    if (value === undefined || value === null) return null;
    if (typeof value !== "string") throw fail(`${name} is not a string`);
    return value;
  };
  if (instrumental !== undefined && typeof instrumental !== "boolean") {
    throw fail("instrumental is not a boolean");
  }
  return {
    id,
    syncedLyrics: text("syncedLyrics", syncedLyrics),
    plainLyrics: text("plainLyrics", plainLyrics),
    instrumental: instrumental === true,
  };
}
