import {
  type HttpClient,
  isPlayerError,
  type Logger,
  PlayerError,
  parseRetryAfter,
  type SleepFunction,
} from "@player/core-runtime";
import { discardBody, readBoundedJson, readErrorText } from "./bounded-body.js";
import { recordingQuery } from "./lucene-query.js";
import {
  MBID_PATTERN,
  parseRecordingSearch,
  pickRelease,
  type SearchRecording,
} from "./musicbrainz-search-result.js";
import { remoteServiceError, urlWithoutQuery } from "./remote-service-error.js";
import { RequestSpacer } from "./request-spacer.js";

/** What the tags say about a track; `title` and `artist` are required. */
export interface FindReleaseQuery {
  title: string;
  artist: string;
  album?: string;
  /** The track's duration; recordings more than 3 s off are not it. */
  durationMs?: number;
  /** A MusicBrainz release id from the tags (`MUSICBRAINZ_ALBUMID`): used as is. */
  releaseId?: string;
}

/** Options of {@link MusicBrainzClient}; {@link createRemoteMetadata} fills them in. */
export interface MusicBrainzClientOptions {
  http: Pick<HttpClient, "request">;
  /** The web service root, e.g. `https://musicbrainz.org/ws/2`. */
  baseUrl: string;
  userAgent: string;
  /** Least time between two requests of this client, in ms. */
  minIntervalMs: number;
  /** Tries per search when the service says to slow down (503). Default 4. */
  maxAttempts?: number;
  /** Monotonic clock in ms for the spacing. Default `performance.now`. */
  now?: () => number;
  sleep?: SleepFunction;
  /** Jitter source in [0, 1), so two clients refused together do not retry together. */
  random?: () => number;
  logger?: Logger;
}

/** Recordings asked for per search: the right one is near the top or nowhere. */
const SEARCH_LIMIT = 10;
const DEFAULT_MAX_ATTEMPTS = 4;
/** Longest `Retry-After` honoured; MusicBrainz asks for about a second. */
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * Finds the MusicBrainz release of a track by a recording search. Every
 * request of one client goes through one {@link RequestSpacer}, so however
 * many callers search at once, requests start at most one per
 * `minIntervalMs`; a 503 (MusicBrainz's rate limit) holds every caller back
 * for `Retry-After` (or the interval) and is retried a bounded number of times.
 *
 * Sends `User-Agent` and `Accept: application/json` and asks `fmt=json`.
 * Browsers may leave out a `User-Agent` set on `fetch` (Chrome does) and
 * send their own; MusicBrainz documents no query parameter to identify a
 * read request instead, so none is sent.
 *
 * @example
 * ```ts
 * const release = await musicBrainz.findRelease(
 *   { title: "Paper Moons", artist: "The Crows", album: "Night Songs", durationMs: 201_000 },
 *   signal,
 * ); // "5b11f4ce-a62d-471e-81fc-a69a8278c7da" or undefined
 * ```
 */
export class MusicBrainzClient {
  readonly #options: MusicBrainzClientOptions;
  readonly #spacer: RequestSpacer;
  readonly #maxAttempts: number;
  readonly #random: () => number;

  constructor(options: MusicBrainzClientOptions) {
    this.#options = options;
    this.#maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    this.#random = options.random ?? Math.random;
    this.#spacer = new RequestSpacer({
      intervalMs: options.minIntervalMs,
      ...(options.now === undefined ? {} : { now: options.now }),
      ...(options.sleep === undefined ? {} : { sleep: options.sleep }),
    });
  }

  /**
   * The release MBID of a track: `query.releaseId` when the tags carry a
   * valid one (no request), else the release of the best recording found by
   * title, artist and album; then, when the album narrowed the search to
   * nothing, by title and artist alone.
   *
   * @returns A release MBID in lower case, or `undefined` when no recording matches.
   * @throws PlayerError `runtime/invalid-argument` for a blank title or artist or a
   *   bad duration; `http/aborted`, `http/timeout`, `http/network` from the transport;
   *   a remote failure (details `service: "musicbrainz"`, `reason`) for a 403
   *   (`refused`), a 503 that outlasts the retries (`rate-limited`), an unreadable
   *   answer (`invalid-json`, `unexpected-shape`, `too-large`) or another status.
   */
  async findRelease(query: FindReleaseQuery, signal?: AbortSignal): Promise<string | undefined> {
    const { title, artist, album, durationMs, releaseId } = checkQuery(query);
    if (releaseId !== undefined && MBID_PATTERN.test(releaseId.trim())) {
      return releaseId.trim().toLowerCase();
    }
    const knownAlbum = album !== undefined && album.trim() !== "" ? album : undefined;
    const wanted = {
      artist,
      ...(knownAlbum === undefined ? {} : { album: knownAlbum }),
      // A zero duration is what taggers write when they do not know it.
      ...(durationMs === undefined || durationMs === 0 ? {} : { durationMs }),
    };
    const first = await this.#search(
      recordingQuery({ title, artist, ...(knownAlbum === undefined ? {} : { album: knownAlbum }) }),
      signal,
    );
    const found = pickRelease(first, wanted);
    if (found !== undefined || knownAlbum === undefined) return found;
    // Tags often name the album differently ("Deluxe Edition", a typo); try without it.
    const broader = await this.#search(recordingQuery({ title, artist }), signal);
    return pickRelease(broader, wanted);
  }

  async #search(query: string, signal: AbortSignal | undefined): Promise<SearchRecording[]> {
    const url = new URL(`${this.#options.baseUrl}/recording`);
    url.search = new URLSearchParams({
      query,
      fmt: "json",
      limit: String(SEARCH_LIMIT),
    }).toString();
    const logUrl = urlWithoutQuery(url);
    const source = { service: "musicbrainz", url, signal } as const;

    for (let attempt = 1; ; attempt += 1) {
      await this.#turn(signal, logUrl);
      let response: Response;
      try {
        // No retries inside HttpClient: each retry must wait for its turn here.
        response = await this.#options.http.request(url, {
          headers: { "user-agent": this.#options.userAgent, accept: "application/json" },
          retries: 0,
          expectStatus: () => true,
          ...(signal === undefined ? {} : { signal }),
        });
      } catch (error) {
        if (!isPlayerError(error) || !error.retryable || attempt >= this.#maxAttempts) throw error;
        this.#backOff(undefined, attempt, error.code);
        continue;
      }
      const { status } = response;
      if (status === 200)
        return parseRecordingSearch(await readBoundedJson(response, source), logUrl);
      if (status === 404) {
        discardBody(response);
        return [];
      }
      if (status === 503 || status === 429 || status === 502 || status === 504) {
        discardBody(response);
        const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), Date.now());
        if (attempt >= this.#maxAttempts || (retryAfterMs ?? 0) > MAX_RETRY_AFTER_MS) {
          const limited = status === 503 || status === 429;
          throw remoteServiceError(
            `MusicBrainz still answered ${status}${limited ? " (rate limit)" : ""} after ${attempt} attempts`,
            {
              service: "musicbrainz",
              reason: limited ? "rate-limited" : "unexpected-status",
              url: logUrl,
              status,
              retryable: true,
            },
          );
        }
        this.#backOff(retryAfterMs, attempt, `status ${status}`);
        continue;
      }
      const explanation = await readErrorText(response, source);
      const said = explanation === undefined ? "" : `: ${explanation}`;
      if (status === 403) {
        throw remoteServiceError(
          `MusicBrainz refused the request (403)${said}. It blocks clients without a meaningful User-Agent such as "AppName/1.0 ( contact )"`,
          { service: "musicbrainz", reason: "refused", url: logUrl, status },
        );
      }
      throw remoteServiceError(`MusicBrainz answered ${status} to a recording search${said}`, {
        service: "musicbrainz",
        reason: "unexpected-status",
        url: logUrl,
        status,
        retryable: status >= 500,
      });
    }
  }

  /** Waits for this client's next slot; an abort is reported like HttpClient reports it. */
  async #turn(signal: AbortSignal | undefined, logUrl: string): Promise<void> {
    try {
      await this.#spacer.turn(signal);
    } catch (reason) {
      if (signal?.aborted !== true) throw reason;
      throw new PlayerError("http/aborted", `Request to ${logUrl} was aborted`, {
        cause: reason,
        details: { url: logUrl },
      });
    }
  }

  /** Holds every caller of this client back before the next try. */
  #backOff(retryAfterMs: number | undefined, attempt: number, why: string): void {
    const interval = this.#options.minIntervalMs;
    const jitter = this.#random() * Math.max(interval, 100) * 0.25;
    const delayMs = Math.max(retryAfterMs ?? 0, interval) + jitter;
    this.#options.logger?.debug("MusicBrainz asked to slow down; waiting", {
      attempt,
      why,
      delayMs: Math.round(delayMs),
    });
    this.#spacer.holdFor(delayMs);
  }
}

function checkQuery(query: FindReleaseQuery): FindReleaseQuery {
  const invalid = (argument: string, expected: string) =>
    new PlayerError("runtime/invalid-argument", `findRelease: ${argument} must be ${expected}`, {
      details: { argument },
    });
  if (typeof query !== "object" || query === null) throw invalid("query", "an object");
  const { title, artist, album, durationMs, releaseId } = query;
  if (typeof title !== "string" || title.trim() === "")
    throw invalid("title", "a non-blank string");
  if (typeof artist !== "string" || artist.trim() === "") {
    throw invalid("artist", "a non-blank string");
  }
  if (album !== undefined && typeof album !== "string") throw invalid("album", "a string");
  if (releaseId !== undefined && typeof releaseId !== "string") {
    throw invalid("releaseId", "a string");
  }
  if (
    durationMs !== undefined &&
    (typeof durationMs !== "number" || !Number.isFinite(durationMs) || durationMs < 0)
  ) {
    throw invalid("durationMs", "a finite number >= 0");
  }
  return query;
}
