import { PlayerError } from "./errors.js";

/** Every key optional, at every depth. */
export type DeepPartial<T> = T extends readonly (infer U)[]
  ? readonly U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Every key read-only, at every depth. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/**
 * Checks one config value beyond its type; returns what is wrong
 * (`"must be one of: a, b"`) or `undefined` when the value is fine.
 */
export type ConfigRule = (value: unknown) => string | undefined;

/** Rules by dotted path, e.g. `{ "http.timeoutMs": integerBetween(1, 600_000) }`. */
export type ConfigRules = Readonly<Record<string, ConfigRule>>;

const FORBIDDEN_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** Deep-freezes a defaults object so no caller can mutate shared defaults. */
export function deepFreeze<T>(value: T): DeepReadonly<T> {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value as DeepReadonly<T>;
}

/**
 * Resolves a config: a deep copy of frozen `defaults` with `overrides` applied,
 * deep-frozen. The shape of `defaults` is the schema: a key it lacks, a value of
 * another type, `__proto__`/`constructor`/`prototype` or a failed rule is
 * rejected with `runtime/invalid-config` naming the key.
 *
 * @example
 * ```ts
 * const config = resolveConfig({ http: { timeoutMs: 30_000 } }, { http: { timeoutMs: 5_000 } });
 * resolveConfig(defaults, { http: { timeotMs: 1 } }); // throws: Unknown config key "http.timeotMs" (did you mean "http.timeoutMs"?)
 * ```
 */
export function resolveConfig<T extends object>(
  defaults: T,
  overrides: unknown,
  rules: ConfigRules = {},
): DeepReadonly<T> {
  const merged = mergeLevel(defaults as Record<string, unknown>, overrides, "", rules);
  return deepFreeze(merged as T);
}

function mergeLevel(
  defaults: Record<string, unknown>,
  overrides: unknown,
  prefix: string,
  rules: ConfigRules,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(defaults)) result[key] = cloneDefault(value);
  if (overrides === undefined) return result;
  if (!isPlainObject(overrides)) {
    throw invalid(prefix || "(root)", `must be an object, got ${describe(overrides)}`);
  }
  for (const key of Reflect.ownKeys(overrides)) {
    if (typeof key === "symbol") throw invalid(prefix || "(root)", "must not have symbol keys");
    const path = prefix ? `${prefix}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) throw invalid(path, "is a forbidden key");
    if (!Object.hasOwn(defaults, key)) {
      const suggestion = closestKey(key, Object.keys(defaults));
      throw new PlayerError(
        "runtime/invalid-config",
        `Unknown config key "${path}"${suggestion ? ` (did you mean "${prefix ? `${prefix}.` : ""}${suggestion}"?)` : ""}`,
        { details: { key: path } },
      );
    }
    const value = (overrides as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const fallback = defaults[key];
    if (isPlainObject(fallback)) {
      result[key] = mergeLevel(fallback, value, path, rules);
      continue;
    }
    checkType(path, fallback, value);
    const problem = rules[path]?.(value);
    if (problem !== undefined) throw invalid(path, problem);
    result[key] = Array.isArray(value) ? [...value] : value;
  }
  return result;
}

function checkType(path: string, fallback: unknown, value: unknown): void {
  if (Array.isArray(fallback)) {
    if (!Array.isArray(value)) throw invalid(path, `must be an array, got ${describe(value)}`);
    return;
  }
  if (fallback === null) return;
  const expected = typeof fallback;
  if (typeof value !== expected)
    throw invalid(path, `must be a ${expected}, got ${describe(value)}`);
  if (expected === "number" && !Number.isFinite(value)) {
    throw invalid(path, `must be a finite number, got ${describe(value)}`);
  }
}

function invalid(path: string, problem: string): PlayerError {
  return new PlayerError("runtime/invalid-config", `Config key "${path}" ${problem}`, {
    details: { key: path },
  });
}

function cloneDefault(value: unknown): unknown {
  if (Array.isArray(value)) return [...value];
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneDefault(item);
    return copy;
  }
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    return proto && proto !== Object.prototype
      ? `a ${proto.constructor?.name ?? "object"}`
      : "an object";
  }
  if (typeof value === "string") return `the string ${JSON.stringify(value)}`;
  return `${typeof value} ${String(value)}`;
}

function closestKey(key: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of candidates) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** Rule: the value is one of `choices`. */
export function oneOf(choices: readonly string[]): ConfigRule {
  return (value) =>
    choices.includes(value as string) ? undefined : `must be one of: ${choices.join(", ")}`;
}

/** Rule: an integer in `[min, max]`. */
export function integerBetween(min: number, max: number): ConfigRule {
  return (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? undefined
      : `must be an integer from ${min} to ${max}, got ${String(value)}`;
}
