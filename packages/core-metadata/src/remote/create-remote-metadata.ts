import {
  type HttpClient,
  type Logger,
  PlayerError,
  type SleepFunction,
} from "@player/core-runtime";
import { CoverArtClient } from "./cover-art-client.js";
import { LrclibClient } from "./lrclib-client.js";
import { MusicBrainzClient } from "./musicbrainz-client.js";
import {
  type RemoteMetadataOptions,
  type ResolvedRemoteMetadataOptions,
  resolveRemoteMetadataOptions,
} from "./remote-metadata-options.js";

/** The three online metadata clients, sharing one HttpClient and one User-Agent. */
export interface RemoteMetadataClients {
  /** Release ids by recording search, one request per `musicBrainzMinIntervalMs`. */
  readonly musicBrainz: MusicBrainzClient;
  /** Front covers by release id. */
  readonly coverArt: CoverArtClient;
  /** Synced and plain lyrics by track signature. */
  readonly lrclib: LrclibClient;
  /** The options in force, defaults filled in. */
  readonly options: ResolvedRemoteMetadataOptions;
}

/** Injectable side effects; the defaults are the platform's. */
export interface RemoteMetadataDependencies {
  /** Gets the clients' warnings (an LRCLIB 400) and debug lines (MusicBrainz back-off). */
  logger?: Logger;
  /** Monotonic clock in ms for MusicBrainz's spacing. Default `performance.now`. */
  now?: () => number;
  /** Waits between MusicBrainz requests. Default `abortableSleep`. */
  sleep?: SleepFunction;
  /** Jitter in [0, 1) for MusicBrainz retries. Default `Math.random`. */
  random?: () => number;
}

/**
 * Builds the MusicBrainz, Cover Art Archive and LRCLIB clients over one
 * {@link HttpClient}. Give it a client without credentials in its default
 * `headers`: these services are third parties and must never see a Drive or
 * Graph token. Build the clients once per app: MusicBrainz's spacing holds
 * per instance, and two instances behind one IP address share its rate limit.
 *
 * @param http - The transport (timeouts, retries for the Cover Art Archive and LRCLIB).
 * @param options - `userAgent` (required) and, to point elsewhere (the dev-cloud), the URLs.
 * @param dependencies - Logger, clock, sleep and randomness for tests.
 * @throws PlayerError `runtime/invalid-config` for invalid options (see
 *   {@link resolveRemoteMetadataOptions}) or an `http` that is no HttpClient.
 *
 * @example
 * ```ts
 * const remote = createRemoteMetadata(new HttpClient({ logger }), {
 *   userAgent: "MyPlayer/1.4.0 ( https://myplayer.example/contact )",
 * });
 * const releaseId = await remote.musicBrainz.findRelease({ title, artist, album, durationMs });
 * const cover = releaseId && (await remote.coverArt.fetchFront(releaseId, { size: 500 }));
 * const lyrics = await remote.lrclib.get({ trackName: title, artistName: artist });
 * ```
 */
export function createRemoteMetadata(
  http: HttpClient,
  options: RemoteMetadataOptions,
  dependencies: RemoteMetadataDependencies = {},
): RemoteMetadataClients {
  if (typeof http !== "object" || http === null || typeof http.request !== "function") {
    throw new PlayerError("runtime/invalid-config", "remote metadata: http must be an HttpClient", {
      details: { option: "http" },
    });
  }
  const resolved = resolveRemoteMetadataOptions(options);
  const { logger, now, sleep, random } = dependencies;
  const log = logger?.child("remote-metadata");
  const { userAgent } = resolved;
  return Object.freeze({
    musicBrainz: new MusicBrainzClient({
      http,
      baseUrl: resolved.musicBrainzUrl,
      userAgent,
      minIntervalMs: resolved.musicBrainzMinIntervalMs,
      ...(now === undefined ? {} : { now }),
      ...(sleep === undefined ? {} : { sleep }),
      ...(random === undefined ? {} : { random }),
      ...(log === undefined ? {} : { logger: log }),
    }),
    coverArt: new CoverArtClient({ http, baseUrl: resolved.coverArtUrl, userAgent }),
    lrclib: new LrclibClient({
      http,
      baseUrl: resolved.lrclibUrl,
      userAgent,
      ...(log === undefined ? {} : { logger: log }),
    }),
    options: resolved,
  });
}
