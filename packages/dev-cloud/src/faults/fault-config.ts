import {
  type AccessTokenLifetimes,
  FAULT_KINDS,
  type FaultConfigInput,
  type FaultKind,
  type FaultRule,
} from "./fault-types.js";

/** A fault configuration that failed validation; `field` names the offending value. */
export class FaultConfigError extends Error {
  override readonly name = "FaultConfigError";

  constructor(
    /** A path into the request body, e.g. `rules[1].probability`. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** A validated {@link FaultConfigInput}. */
export interface ParsedFaultConfig {
  seed?: number;
  rules: FaultRule[];
  accessTokenLifetimeMs: AccessTokenLifetimes;
}

const RULE_KEYS = new Set([
  "id",
  "route",
  "methods",
  "kind",
  "probability",
  "latencyMs",
  "status",
  "retryAfterSeconds",
  "afterBytes",
  "times",
]);
const CONFIG_KEYS = new Set(["seed", "rules", "accessTokenLifetimeMs"]);
const LIFETIME_KEYS = new Set(["google", "microsoft"]);
/** An hour: longer latencies would only make a test hang. */
const MAX_LATENCY_MS = 3_600_000;

/**
 * Validates the body of `PUT /__admin/faults`.
 *
 * @param input - Parsed JSON of unknown shape.
 * @throws FaultConfigError naming the first invalid field; unknown keys are errors too,
 *   so a typo such as `probabilty` does not silently disable a fault.
 */
export function parseFaultConfig(input: unknown): ParsedFaultConfig {
  const config = expectObject(input, "body");
  rejectUnknownKeys(config, CONFIG_KEYS, "");
  const parsed: ParsedFaultConfig = { rules: [], accessTokenLifetimeMs: {} };
  if (config.seed !== undefined) {
    if (!Number.isSafeInteger(config.seed)) {
      throw new FaultConfigError("seed", "seed must be a safe integer.");
    }
    parsed.seed = config.seed as number;
  }
  if (config.rules !== undefined) {
    if (!Array.isArray(config.rules))
      throw new FaultConfigError("rules", "rules must be an array.");
    const ids = new Set<string>();
    config.rules.forEach((rule: unknown, index) => {
      const parsedRule = parseRule(rule, index);
      if (ids.has(parsedRule.id)) {
        throw new FaultConfigError(`rules[${index}].id`, `Duplicate rule id "${parsedRule.id}".`);
      }
      ids.add(parsedRule.id);
      parsed.rules.push(parsedRule);
    });
  }
  if (config.accessTokenLifetimeMs !== undefined) {
    const lifetimes = expectObject(config.accessTokenLifetimeMs, "accessTokenLifetimeMs");
    rejectUnknownKeys(lifetimes, LIFETIME_KEYS, "accessTokenLifetimeMs.");
    for (const provider of ["google", "microsoft"] as const) {
      const value = lifetimes[provider];
      if (value === undefined) continue;
      const field = `accessTokenLifetimeMs.${provider}`;
      parsed.accessTokenLifetimeMs[provider] = expectInteger(value, field, 1);
    }
  }
  return parsed;
}

function parseRule(input: unknown, index: number): FaultRule {
  const prefix = `rules[${index}].`;
  const rule = expectObject(input, `rules[${index}]`);
  rejectUnknownKeys(rule, RULE_KEYS, prefix);

  const kind = rule.kind;
  if (typeof kind !== "string" || !FAULT_KINDS.includes(kind as FaultKind)) {
    throw new FaultConfigError(`${prefix}kind`, `kind must be one of ${FAULT_KINDS.join(", ")}.`);
  }
  const route = rule.route;
  if (typeof route !== "string" || !route.startsWith("/")) {
    throw new FaultConfigError(`${prefix}route`, 'route must be a path starting with "/".');
  }
  const probability = rule.probability;
  if (typeof probability !== "number" || !(probability >= 0 && probability <= 1)) {
    throw new FaultConfigError(`${prefix}probability`, "probability must be a number from 0 to 1.");
  }
  let id = `rule-${index + 1}`;
  if (rule.id !== undefined) {
    if (typeof rule.id !== "string" || rule.id.length === 0 || rule.id.length > 100) {
      throw new FaultConfigError(`${prefix}id`, "id must be a string of 1 to 100 characters.");
    }
    id = rule.id;
  }
  const parsed: FaultRule = { id, route, kind: kind as FaultKind, probability };

  if (rule.methods !== undefined) {
    const methods = rule.methods;
    if (
      !Array.isArray(methods) ||
      methods.length === 0 ||
      !methods.every((method) => typeof method === "string" && /^[A-Za-z]+$/.test(method))
    ) {
      throw new FaultConfigError(
        `${prefix}methods`,
        'methods must be a non-empty array of method names such as "GET".',
      );
    }
    parsed.methods = methods.map((method: string) => method.toUpperCase());
  }
  if (rule.times !== undefined) parsed.times = expectInteger(rule.times, `${prefix}times`, 1);

  // Settings that do not belong to the kind are refused: they would suggest an effect that never happens.
  const allowed: Record<FaultKind, readonly string[]> = {
    latency: ["latencyMs"],
    status: ["status", "retryAfterSeconds"],
    "rate-limit": ["retryAfterSeconds"],
    "user-rate-limit": ["retryAfterSeconds"],
    reset: ["afterBytes"],
  };
  for (const key of ["latencyMs", "status", "retryAfterSeconds", "afterBytes"] as const) {
    if (rule[key] !== undefined && !allowed[parsed.kind].includes(key)) {
      throw new FaultConfigError(`${prefix}${key}`, `${key} does not apply to kind "${kind}".`);
    }
  }
  if (parsed.kind === "latency") {
    if (rule.latencyMs === undefined) {
      throw new FaultConfigError(`${prefix}latencyMs`, 'A "latency" rule needs latencyMs.');
    }
    parsed.latencyMs = expectInteger(rule.latencyMs, `${prefix}latencyMs`, 0, MAX_LATENCY_MS);
  }
  if (rule.status !== undefined) {
    parsed.status = expectInteger(rule.status, `${prefix}status`, 500, 599);
  }
  if (rule.retryAfterSeconds !== undefined) {
    parsed.retryAfterSeconds = expectInteger(
      rule.retryAfterSeconds,
      `${prefix}retryAfterSeconds`,
      0,
    );
  }
  if (rule.afterBytes !== undefined) {
    parsed.afterBytes = expectInteger(rule.afterBytes, `${prefix}afterBytes`, 0);
  }
  return parsed;
}

function expectObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new FaultConfigError(field, `${field} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function rejectUnknownKeys(
  object: Record<string, unknown>,
  known: ReadonlySet<string>,
  prefix: string,
): void {
  for (const key of Object.keys(object)) {
    if (!known.has(key)) throw new FaultConfigError(`${prefix}${key}`, `Unknown field "${key}".`);
  }
}

function expectInteger(
  value: unknown,
  field: string,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `from ${min} to ${max}`;
    throw new FaultConfigError(field, `${field} must be an integer ${range}.`);
  }
  return value as number;
}
