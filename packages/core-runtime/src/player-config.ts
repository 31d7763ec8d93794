import { type ConfigRules, deepFreeze, integerBetween, oneOf } from "./config.js";
import { LOG_LEVELS, type LogLevel } from "./logger.js";

/** Logging inside the worker. */
export interface LogConfig {
  /** Lowest level written to the sink. */
  level: LogLevel;
  /** Lowest level also forwarded to the page as `runtime:log`. */
  forwardLevel: LogLevel;
}

/** Defaults of the shared {@link HttpClient}. */
export interface HttpConfig {
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Retries after the first attempt for 429, 5xx and network errors. */
  retries: number;
  /** First backoff step; doubles per retry, with full jitter. */
  backoffBaseMs: number;
  /** Longest backoff step. */
  backoffMaxMs: number;
  /** Longest Retry-After honoured; a longer one fails the request at once. */
  maxRetryAfterMs: number;
}

/** How events reach the page. */
export interface EventForwardingConfig {
  /** Milliseconds events wait to be sent together; 0 sends once per task. */
  batchIntervalMs: number;
  /** A batch this large is sent at once. */
  maxBatchSize: number;
}

/**
 * The whole player config, resolved in the worker. Packages add their own
 * slice by augmenting this interface.
 */
export interface PlayerConfig {
  log: LogConfig;
  http: HttpConfig;
  events: EventForwardingConfig;
}

/** Defaults of the runtime's slices of {@link PlayerConfig}. */
export const RUNTIME_CONFIG_DEFAULTS = deepFreeze<PlayerConfig>({
  log: { level: "warn", forwardLevel: "warn" },
  http: {
    timeoutMs: 30_000,
    retries: 3,
    backoffBaseMs: 250,
    backoffMaxMs: 10_000,
    maxRetryAfterMs: 60_000,
  },
  events: { batchIntervalMs: 0, maxBatchSize: 500 },
});

/** Value rules of the runtime's slices of {@link PlayerConfig}. */
export const RUNTIME_CONFIG_RULES: ConfigRules = Object.freeze({
  "log.level": oneOf(LOG_LEVELS),
  "log.forwardLevel": oneOf(LOG_LEVELS),
  "http.timeoutMs": integerBetween(1, 600_000),
  "http.retries": integerBetween(0, 10),
  "http.backoffBaseMs": integerBetween(0, 60_000),
  "http.backoffMaxMs": integerBetween(0, 600_000),
  "http.maxRetryAfterMs": integerBetween(0, 3_600_000),
  "events.batchIntervalMs": integerBetween(0, 1_000),
  "events.maxBatchSize": integerBetween(1, 100_000),
});
