import {
  type ConfigRules,
  type DeepPartial,
  type DeepReadonly,
  type PlayerConfig,
  RUNTIME_CONFIG_DEFAULTS,
  RUNTIME_CONFIG_RULES,
  resolveConfig,
} from "@player/core-runtime";

/** Defaults of the whole player config: every package's slice. */
export const PLAYER_CONFIG_DEFAULTS: DeepReadonly<PlayerConfig> = RUNTIME_CONFIG_DEFAULTS;

/** Value rules of the whole player config. */
export const PLAYER_CONFIG_RULES: ConfigRules = RUNTIME_CONFIG_RULES;

/** Resolves `overrides` on top of `base` (the defaults unless given). */
export function resolvePlayerConfig(
  overrides: DeepPartial<PlayerConfig> | undefined,
  base: DeepReadonly<PlayerConfig> = PLAYER_CONFIG_DEFAULTS,
): DeepReadonly<PlayerConfig> {
  return resolveConfig(base, overrides, PLAYER_CONFIG_RULES);
}
