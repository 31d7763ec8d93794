import {
  type ConfigRule,
  type ConfigRules,
  type DeepPartial,
  type DeepReadonly,
  deepFreeze,
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

declare module "@player/core-runtime" {
  interface PlayerConfig {
    sync: SyncConfig;
    playback: PlaybackConfig;
  }
}

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
});

/** Value rules of the whole player config. */
export const PLAYER_CONFIG_RULES: ConfigRules = Object.freeze({
  ...RUNTIME_CONFIG_RULES,
  "sync.intervalMs": syncInterval,
  "playback.bufferAheadSeconds": bufferSeconds,
});

/** Resolves `overrides` on top of `base` (the defaults unless given). */
export function resolvePlayerConfig(
  overrides: DeepPartial<PlayerConfig> | undefined,
  base: DeepReadonly<PlayerConfig> = PLAYER_CONFIG_DEFAULTS,
): DeepReadonly<PlayerConfig> {
  return resolveConfig(base, overrides, PLAYER_CONFIG_RULES);
}
