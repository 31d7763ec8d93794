import {
  type ConfigRule,
  type ConfigRules,
  type DeepPartial,
  type DeepReadonly,
  deepFreeze,
  integerBetween,
  type PlayerConfig,
  RUNTIME_CONFIG_DEFAULTS,
  RUNTIME_CONFIG_RULES,
  resolveConfig,
} from "@player/core-runtime";

/** Cloud sync of the library. */
export interface SyncConfig {
  /** Milliseconds between automatic syncs of every signed-in account; `0` turns them off. */
  intervalMs: number;
}

/** Playback in the worker. */
export interface PlaybackConfig {
  /** Seconds of decoded audio kept queued ahead of the play position (0.5–60). */
  bufferAheadSeconds: number;
}

/**
 * Remote metadata enrichment: covers from the Cover Art Archive (found
 * through MusicBrainz, one request per second) and lyrics from LRCLIB, for
 * tracks whose files have none. Off by default: it sends track titles and
 * artists to these services.
 */
export interface RemoteMetadataConfig {
  enabled: boolean;
  /**
   * Identifies the app, as MusicBrainz requires:
   * `AppName/1.2.0 ( https://app.example or contact@app.example )`. Required when enabled.
   */
  userAgent: string;
  musicBrainzUrl: string;
  coverArtUrl: string;
  lrclibUrl: string;
}

/** Tags, artwork and lyrics. */
export interface MetadataConfig {
  /** Files the background tag scan reads at once (1–16). */
  scanConcurrency: number;
  remote: RemoteMetadataConfig;
}

declare module "@player/core-runtime" {
  interface PlayerConfig {
    sync: SyncConfig;
    playback: PlaybackConfig;
    metadata: MetadataConfig;
  }
}

const isBoolean: ConfigRule = (value) =>
  typeof value === "boolean" ? undefined : `must be true or false, got ${String(value)}`;

const isHttpUrl: ConfigRule = (value) =>
  typeof value === "string" && /^https?:\/\/[^\s]+$/.test(value)
    ? undefined
    : `must be an http(s) URL, got ${String(value)}`;

const isUserAgent: ConfigRule = (value) =>
  typeof value === "string" &&
  value.length <= 200 &&
  [...value].every((char) => char.charCodeAt(0) >= 0x20 && char.charCodeAt(0) !== 0x7f)
    ? undefined
    : "must be a string of at most 200 characters without control characters";

/** `0`, or at least one second (and at most a day). */
const syncInterval: ConfigRule = (value) =>
  value === 0 ||
  (Number.isInteger(value) && (value as number) >= 1_000 && (value as number) <= 86_400_000)
    ? undefined
    : `must be 0 (off) or an integer from 1000 to 86400000, got ${String(value)}`;

/** A number of seconds from 0.5 to 60. */
const bufferSeconds: ConfigRule = (value) =>
  typeof value === "number" && value >= 0.5 && value <= 60
    ? undefined
    : `must be a number of seconds from 0.5 to 60, got ${String(value)}`;

/** Defaults of the whole player config: every package's slice. */
export const PLAYER_CONFIG_DEFAULTS: DeepReadonly<PlayerConfig> = deepFreeze<PlayerConfig>({
  ...(RUNTIME_CONFIG_DEFAULTS as PlayerConfig),
  sync: { intervalMs: 15 * 60 * 1000 },
  playback: { bufferAheadSeconds: 4 },
  metadata: {
    scanConcurrency: 4,
    remote: {
      enabled: false,
      userAgent: "",
      musicBrainzUrl: "https://musicbrainz.org/ws/2",
      coverArtUrl: "https://coverartarchive.org",
      lrclibUrl: "https://lrclib.net/api",
    },
  },
});

/** Value rules of the whole player config. */
export const PLAYER_CONFIG_RULES: ConfigRules = Object.freeze({
  ...RUNTIME_CONFIG_RULES,
  "sync.intervalMs": syncInterval,
  "playback.bufferAheadSeconds": bufferSeconds,
  "metadata.scanConcurrency": integerBetween(1, 16),
  "metadata.remote.enabled": isBoolean,
  "metadata.remote.userAgent": isUserAgent,
  "metadata.remote.musicBrainzUrl": isHttpUrl,
  "metadata.remote.coverArtUrl": isHttpUrl,
  "metadata.remote.lrclibUrl": isHttpUrl,
});

/** Resolves `overrides` on top of `base` (the defaults unless given). */
export function resolvePlayerConfig(
  overrides: DeepPartial<PlayerConfig> | undefined,
  base: DeepReadonly<PlayerConfig> = PLAYER_CONFIG_DEFAULTS,
): DeepReadonly<PlayerConfig> {
  return resolveConfig(base, overrides, PLAYER_CONFIG_RULES);
}
