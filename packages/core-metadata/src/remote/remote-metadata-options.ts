import { PlayerError } from "@player/core-runtime";

/**
 * Settings of the online metadata services (MusicBrainz, Cover Art Archive,
 * LRCLIB). Only `userAgent` is required; the URLs default to the real
 * services, and the dev-cloud serves them under `/musicbrainz/ws/2`,
 * `/coverartarchive` and `/lrclib/api`.
 */
export interface RemoteMetadataOptions {
  /**
   * Identifies the app to the services, as MusicBrainz requires:
   * `AppName/1.2.0 ( https://app.example or contact@app.example )`.
   */
  userAgent: string;
  /** MusicBrainz web service root. Default `https://musicbrainz.org/ws/2`. */
  musicBrainzUrl?: string;
  /** Cover Art Archive root. Default `https://coverartarchive.org`. */
  coverArtUrl?: string;
  /** LRCLIB API root. Default `https://lrclib.net/api`. */
  lrclibUrl?: string;
  /** Least time between two MusicBrainz requests of one client, in ms. Default 1000 (its limit). */
  musicBrainzMinIntervalMs?: number;
}

/** {@link RemoteMetadataOptions} with every default filled in; URLs without a trailing slash. */
export interface ResolvedRemoteMetadataOptions {
  readonly userAgent: string;
  readonly musicBrainzUrl: string;
  readonly coverArtUrl: string;
  readonly lrclibUrl: string;
  readonly musicBrainzMinIntervalMs: number;
}

/** The defaults: the real services, and MusicBrainz's one request per second. */
export const REMOTE_METADATA_DEFAULTS: Readonly<Omit<ResolvedRemoteMetadataOptions, "userAgent">> =
  Object.freeze({
    musicBrainzUrl: "https://musicbrainz.org/ws/2",
    coverArtUrl: "https://coverartarchive.org",
    lrclibUrl: "https://lrclib.net/api",
    musicBrainzMinIntervalMs: 1000,
  });

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  "userAgent",
  "musicBrainzUrl",
  "coverArtUrl",
  "lrclibUrl",
  "musicBrainzMinIntervalMs",
]);
/** Long enough for any honest identification, short enough to never bloat a header. */
const MAX_USER_AGENT_LENGTH = 256;
/** A minute: a longer spacing is a mistake, not a policy. */
const MAX_INTERVAL_MS = 60_000;

function invalid(option: string, message: string): PlayerError {
  return new PlayerError("runtime/invalid-config", `remote metadata: ${option} ${message}`, {
    details: { option },
  });
}

/** An absolute http(s) URL without query, fragment or credentials, trailing slashes removed. */
function serviceUrl(option: string, value: unknown): string {
  if (typeof value !== "string") throw invalid(option, "must be a URL string");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(option, `must be an absolute URL, got ${JSON.stringify(value.slice(0, 80))}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw invalid(option, `must use http or https, got ${url.protocol}`);
  }
  if (url.search !== "" || url.hash !== "" || url.username !== "" || url.password !== "") {
    throw invalid(option, "must not carry a query, a fragment or credentials");
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * Checks the options and fills in the defaults.
 *
 * @throws PlayerError `runtime/invalid-config` (details `option`) for a missing
 *   or blank `userAgent`, one with control characters, a URL that is not
 *   absolute http(s), an interval outside 0–60000 ms, or an unknown key.
 *
 * @example
 * ```ts
 * resolveRemoteMetadataOptions({ userAgent: "Player/1.0 ( https://player.example )" }).lrclibUrl;
 * // "https://lrclib.net/api"
 * ```
 */
export function resolveRemoteMetadataOptions(
  options: RemoteMetadataOptions,
): ResolvedRemoteMetadataOptions {
  if (typeof options !== "object" || options === null) {
    throw invalid("options", "must be an object with at least userAgent");
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_KEYS.has(key)) throw invalid(key, "is not a known option");
  }
  const { userAgent } = options;
  if (typeof userAgent !== "string" || userAgent.trim() === "") {
    throw invalid(
      "userAgent",
      'is required, e.g. "AppName/1.0 ( https://app.example )": MusicBrainz refuses anonymous clients',
    );
  }
  // Control characters would be refused by Headers, or split the header line.
  if (userAgent.length > MAX_USER_AGENT_LENGTH || /\p{Cc}/u.test(userAgent)) {
    throw invalid(
      "userAgent",
      `must be at most ${MAX_USER_AGENT_LENGTH} characters without control characters`,
    );
  }
  const interval =
    options.musicBrainzMinIntervalMs ?? REMOTE_METADATA_DEFAULTS.musicBrainzMinIntervalMs;
  if (
    typeof interval !== "number" ||
    !Number.isFinite(interval) ||
    interval < 0 ||
    interval > MAX_INTERVAL_MS
  ) {
    throw invalid(
      "musicBrainzMinIntervalMs",
      `must be a number of ms from 0 to ${MAX_INTERVAL_MS}, got ${String(interval)}`,
    );
  }
  return Object.freeze({
    userAgent: userAgent.trim(),
    musicBrainzUrl: serviceUrl(
      "musicBrainzUrl",
      options.musicBrainzUrl ?? REMOTE_METADATA_DEFAULTS.musicBrainzUrl,
    ),
    coverArtUrl: serviceUrl(
      "coverArtUrl",
      options.coverArtUrl ?? REMOTE_METADATA_DEFAULTS.coverArtUrl,
    ),
    lrclibUrl: serviceUrl("lrclibUrl", options.lrclibUrl ?? REMOTE_METADATA_DEFAULTS.lrclibUrl),
    musicBrainzMinIntervalMs: interval,
  });
}
