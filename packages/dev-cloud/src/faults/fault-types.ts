/**
 * The fault rules the admin API accepts and the faults the server applies.
 * Plain data: the admin client (which may run in a browser) imports these types.
 */

/** What a fault does to a matching request. */
export type FaultKind = "latency" | "status" | "rate-limit" | "user-rate-limit" | "reset";

/** Every {@link FaultKind}, in documentation order. */
export const FAULT_KINDS: readonly FaultKind[] = Object.freeze([
  "latency",
  "status",
  "rate-limit",
  "user-rate-limit",
  "reset",
]);

/** A fault rule as sent to `PUT /__admin/faults`. */
export interface FaultRuleInput {
  /** Names the rule in the request log; default `rule-<n>` (1-based position). */
  id?: string;
  /**
   * Which paths the rule covers. Without `*` or `:name` it is a path prefix on
   * segment boundaries (`/google/drive/v3/files` covers `/google/drive/v3/files/abc`);
   * otherwise a pattern over the whole path where `*` and `:name` match one
   * segment and `**` matches anything (`/graph/v1.0/me/drive/items/:itemId/content`).
   */
  route: string;
  /** Methods the rule covers (HEAD counts as GET); default all. */
  methods?: string[];
  kind: FaultKind;
  /** Chance from 0 to 1 that a matching request gets the fault. */
  probability: number;
  /** `latency`: how long to hold the request before routing it, in ms. */
  latencyMs?: number;
  /** `status`: the 5xx status to answer with; default 503. */
  status?: number;
  /** `rate-limit`, `user-rate-limit` (and optionally `status`): the `Retry-After` seconds; default 1. */
  retryAfterSeconds?: number;
  /** `reset`: body bytes to send before the connection is destroyed; default 0. */
  afterBytes?: number;
  /** Stop after the rule has been applied this many times; default unlimited. */
  times?: number;
}

/** A validated rule with its id filled in. */
export interface FaultRule extends FaultRuleInput {
  id: string;
}

/** A rule as reported by `GET /__admin/faults`: with how often it has fired since it was set. */
export interface FaultRuleState extends FaultRule {
  applied: number;
}

/** Access-token lifetimes, in ms, for the "tokens expire early" fault. */
export interface AccessTokenLifetimes {
  google?: number;
  microsoft?: number;
}

/** The body of `PUT /__admin/faults`. */
export interface FaultConfigInput {
  /** Reseeds the fault randomness; default: keep the current fault seed. */
  seed?: number;
  rules?: FaultRuleInput[];
  accessTokenLifetimeMs?: AccessTokenLifetimes;
}

/** The fault configuration in force, as `GET /__admin/faults` reports it. */
export interface FaultConfig {
  seed: number;
  rules: FaultRuleState[];
  accessTokenLifetimeMs: AccessTokenLifetimes;
}

/** The fault chosen for one request: the rule's kind and settings, defaults resolved. */
export type AppliedFault =
  | { kind: "latency"; ruleId: string; latencyMs: number }
  | { kind: "status"; ruleId: string; status: number; retryAfterSeconds?: number }
  | { kind: "rate-limit"; ruleId: string; retryAfterSeconds: number }
  | { kind: "user-rate-limit"; ruleId: string; retryAfterSeconds: number }
  | { kind: "reset"; ruleId: string; afterBytes: number };
