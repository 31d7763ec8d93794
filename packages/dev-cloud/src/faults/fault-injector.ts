import type { ProviderFaults, ProviderName, SeededRandom } from "../context.js";
import { parseFaultConfig } from "./fault-config.js";
import type { AccessTokenLifetimes, AppliedFault, FaultConfig, FaultRule } from "./fault-types.js";
import { compileRoutePattern } from "./route-pattern.js";

/** Options for {@link FaultInjector}. */
export interface FaultInjectorOptions {
  /** Seed of the fault randomness. */
  seed: number;
  /** Makes the random source; called again with the seed whenever the rules are set. */
  createRandom: (seed: number) => SeededRandom;
}

/** Paths no rule applies to: the admin API must keep working to turn faults off again. */
const EXEMPT_PREFIX = "/__admin/";

interface ActiveRule {
  rule: FaultRule;
  matches: (pathname: string) => boolean;
  applied: number;
}

/**
 * Decides which requests get a fault. Deterministic: the random source is
 * reseeded every time the rules are set, so the same rules, seed and sequence
 * of requests give the same faults on every run.
 *
 * @example
 * ```ts
 * const faults = new FaultInjector({ seed: 7, createRandom: createSeededRandom });
 * faults.setConfig({ rules: [{ route: "/google/drive", kind: "rate-limit", probability: 0.3 }] });
 * faults.pick("GET", "/google/drive/v3/files"); // a rate-limit fault about 30 % of the time
 * ```
 */
export class FaultInjector implements ProviderFaults {
  private seed: number;
  private random: SeededRandom;
  private rules: ActiveRule[] = [];
  private lifetimes: AccessTokenLifetimes = {};
  private readonly createRandom: (seed: number) => SeededRandom;

  constructor(options: FaultInjectorOptions) {
    this.seed = options.seed;
    this.createRandom = options.createRandom;
    this.random = options.createRandom(options.seed);
  }

  /** The configuration in force, with how often each rule has fired. */
  config(): FaultConfig {
    return {
      seed: this.seed,
      rules: this.rules.map(({ rule, applied }) => ({ ...rule, applied })),
      accessTokenLifetimeMs: { ...this.lifetimes },
    };
  }

  /**
   * Replaces the whole configuration and reseeds the randomness.
   *
   * @param input - The body of `PUT /__admin/faults` (validated here).
   * @throws FaultConfigError naming the invalid field; the old configuration then stays.
   */
  setConfig(input: unknown): FaultConfig {
    const parsed = parseFaultConfig(input);
    if (parsed.seed !== undefined) this.seed = parsed.seed;
    this.rules = parsed.rules.map((rule) => ({
      rule,
      matches: compileRoutePattern(rule.route),
      applied: 0,
    }));
    this.lifetimes = parsed.accessTokenLifetimeMs;
    this.random = this.createRandom(this.seed);
    return this.config();
  }

  /** Removes every rule and lifetime override and reseeds the randomness. */
  clear(): void {
    this.setConfig({});
  }

  /**
   * Picks the fault for one request, or none. Each rule that covers the
   * request (and has not used up `times`) draws once, in rule order; the first
   * draw below its probability wins.
   *
   * @param method - The request method.
   * @param pathname - The URL path, not decoded.
   */
  pick(method: string, pathname: string): AppliedFault | undefined {
    if (pathname.startsWith(EXEMPT_PREFIX)) return undefined;
    const wanted = method.toUpperCase();
    for (const active of this.rules) {
      const { rule } = active;
      if (rule.times !== undefined && active.applied >= rule.times) continue;
      if (rule.methods !== undefined && !methodMatches(rule.methods, wanted)) continue;
      if (!active.matches(pathname)) continue;
      // Always draw, even for probability 0 or 1, so adding such a rule does not shift the others.
      if (this.random.next() >= rule.probability) continue;
      active.applied++;
      return resolveFault(rule);
    }
    return undefined;
  }

  /** {@inheritDoc ProviderFaults.accessTokenLifetimeMs} */
  accessTokenLifetimeMs(provider: ProviderName): number | undefined {
    return this.lifetimes[provider];
  }
}

function methodMatches(methods: readonly string[], method: string): boolean {
  return methods.includes(method) || (method === "HEAD" && methods.includes("GET"));
}

function resolveFault(rule: FaultRule): AppliedFault {
  const ruleId = rule.id;
  switch (rule.kind) {
    case "latency":
      return { kind: "latency", ruleId, latencyMs: rule.latencyMs ?? 0 };
    case "status":
      return rule.retryAfterSeconds === undefined
        ? { kind: "status", ruleId, status: rule.status ?? 503 }
        : {
            kind: "status",
            ruleId,
            status: rule.status ?? 503,
            retryAfterSeconds: rule.retryAfterSeconds,
          };
    case "rate-limit":
    case "user-rate-limit":
      return { kind: rule.kind, ruleId, retryAfterSeconds: rule.retryAfterSeconds ?? 1 };
    case "reset":
      return { kind: "reset", ruleId, afterBytes: rule.afterBytes ?? 0 };
  }
}
