import { describe, expect, it } from "vitest";
import { deepFreeze, integerBetween, oneOf, resolveConfig } from "./config.js";
import { isPlayerError, type PlayerError } from "./errors.js";
import { RUNTIME_CONFIG_DEFAULTS, RUNTIME_CONFIG_RULES } from "./player-config.js";

const defaults = deepFreeze({
  level: "warn",
  http: { timeoutMs: 1000, retries: 3, hosts: ["a"] },
  enabled: true,
  extra: null as unknown,
});

function rejection(run: () => unknown): PlayerError {
  try {
    run();
  } catch (error) {
    if (isPlayerError(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("resolveConfig", () => {
  it("merges deep-partial overrides over a copy of the defaults, leaving the defaults untouched", () => {
    const config = resolveConfig(defaults, { http: { timeoutMs: 5 }, enabled: false });
    expect(config).toEqual({
      level: "warn",
      http: { timeoutMs: 5, retries: 3, hosts: ["a"] },
      enabled: false,
      extra: null,
    });
    expect(defaults.http.timeoutMs).toBe(1000);
    expect(Object.isFrozen(config.http)).toBe(true);
    expect(Object.isFrozen(config.http.hosts)).toBe(true);
    expect(config.http.hosts).not.toBe(defaults.http.hosts);
  });

  it("returns the defaults for undefined overrides and ignores undefined values", () => {
    expect(resolveConfig(defaults, undefined)).toEqual(defaults);
    expect(resolveConfig(defaults, { level: undefined }).level).toBe("warn");
  });

  it("rejects unknown keys naming the full key and suggesting the close one", () => {
    const error = rejection(() => resolveConfig(defaults, { http: { timeotMs: 5 } }));
    expect(error.code).toBe("runtime/invalid-config");
    expect(error.message).toBe(
      'Unknown config key "http.timeotMs" (did you mean "http.timeoutMs"?)',
    );
    expect(error.details).toEqual({ key: "http.timeotMs" });
    expect(rejection(() => resolveConfig(defaults, { zzz: 1 })).message).toBe(
      'Unknown config key "zzz"',
    );
  });

  it("rejects wrong types with the key and what was given", () => {
    expect(rejection(() => resolveConfig(defaults, { http: { retries: "3" } })).message).toBe(
      'Config key "http.retries" must be a number, got the string "3"',
    );
    expect(rejection(() => resolveConfig(defaults, { http: 5 })).message).toBe(
      'Config key "http" must be an object, got number 5',
    );
    expect(
      rejection(() => resolveConfig(defaults, { http: { retries: Number.NaN } })).message,
    ).toContain("must be a finite number");
    expect(rejection(() => resolveConfig(defaults, { http: { hosts: "a" } })).message).toContain(
      "must be an array",
    );
    expect(rejection(() => resolveConfig(defaults, "nope")).message).toContain("(root)");
    expect(rejection(() => resolveConfig(defaults, new Map())).message).toContain("a Map");
  });

  it("rejects __proto__, constructor and prototype keys", () => {
    const polluted = JSON.parse('{"http": {"__proto__": {"polluted": true}}}');
    const error = rejection(() => resolveConfig(defaults, polluted));
    expect(error.message).toBe('Config key "http.__proto__" is a forbidden key');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(rejection(() => resolveConfig(defaults, { constructor: {} })).details).toEqual({
      key: "constructor",
    });
  });

  it("applies value rules by path", () => {
    const rules = { level: oneOf(["warn", "info"]), "http.retries": integerBetween(0, 5) };
    expect(resolveConfig(defaults, { level: "info" }, rules).level).toBe("info");
    expect(rejection(() => resolveConfig(defaults, { level: "loud" }, rules)).message).toBe(
      'Config key "level" must be one of: warn, info',
    );
    expect(
      rejection(() => resolveConfig(defaults, { http: { retries: 1.5 } }, rules)).message,
    ).toBe('Config key "http.retries" must be an integer from 0 to 5, got 1.5');
  });

  it("accepts the runtime defaults and enforces the runtime rules", () => {
    const config = resolveConfig(
      RUNTIME_CONFIG_DEFAULTS,
      { log: { level: "debug" } },
      RUNTIME_CONFIG_RULES,
    );
    expect(config.log.level).toBe("debug");
    expect(Object.isFrozen(RUNTIME_CONFIG_DEFAULTS.http)).toBe(true);
    expect(
      rejection(() =>
        resolveConfig(
          RUNTIME_CONFIG_DEFAULTS,
          { events: { maxBatchSize: 0 } },
          RUNTIME_CONFIG_RULES,
        ),
      ).details,
    ).toEqual({ key: "events.maxBatchSize" });
  });
});
