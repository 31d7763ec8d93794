import type { PlayerErrorData } from "./errors.js";
import type { LogRecord } from "./logger.js";
import type { PlayerConfig } from "./player-config.js";

/** Payload of `runtime:error`: a non-fatal or fatal error reported by a pipeline. */
export interface RuntimeErrorData {
  error: PlayerErrorData;
  /** The component that reported it, e.g. `bus`, `http`, `worker-host`. */
  source: string;
}

/** Payload of `runtime:ready`: the worker has built its services. */
export interface RuntimeReadyData {
  /** SDK version running in the worker. */
  version: string;
  /** Milliseconds the worker took from `init` to ready. */
  startupMs: number;
}

/** Payload of `runtime:worker-lost`, emitted by the main thread. */
export interface WorkerLostData {
  /** `heartbeat-timeout`: it died or hung; `worker-error`: its script failed to load or start. */
  reason: "heartbeat-timeout" | "worker-error";
  /** Milliseconds since the last heartbeat answer. */
  silentForMs: number;
  message: string;
}

/** Payload of `runtime:config-changed`: the whole resolved config after a change. */
export interface ConfigChangedData {
  config: PlayerConfig;
}

/** Payload of `runtime:log`: a redacted log record forwarded to the page. */
export interface LogData {
  record: LogRecord;
}

/** Payload of `diagnostics:tick`, emitted in bursts to measure event delivery. */
export interface DiagnosticsTickData {
  /** 0-based index within the burst. */
  seq: number;
  /** Size of the burst. */
  total: number;
}

/** The cloud providers an account can belong to. */
export type AuthProviderId = "google" | "microsoft";

/**
 * Whether an account can be used: `signed-in`, or `needs-sign-in` once the
 * provider refused its refresh token (the user must sign in again).
 */
export type AccountStatus = "signed-in" | "needs-sign-in";

/** A signed-in cloud account as the page sees it. Never carries tokens. */
export interface AccountSummary {
  /** Stable, opaque id: `${provider}:${subject}`. */
  id: string;
  provider: AuthProviderId;
  /** The name to show, from the provider's profile. */
  displayName: string;
  /** The account's e-mail address, when the provider discloses one. */
  email?: string;
  status: AccountStatus;
}

/** Payload of `auth:signed-in`: an account was added, or signed in again. */
export interface AuthSignedInData {
  account: AccountSummary;
}

/** Payload of `auth:signed-out`: an account and its tokens were removed. */
export interface AuthSignedOutData {
  accountId: string;
}

/** Payload of `auth:session-expired`: the provider refused the refresh token; sign in again. */
export interface AuthSessionExpiredData {
  accountId: string;
  provider: AuthProviderId;
}

/**
 * Every event of the player, by name (`domain:what`). Inside the worker they
 * travel on one {@link EventBus}; the names in {@link UI_EVENT_NAMES} are also
 * forwarded, batched, to the main thread.
 */
export type PlayerEventMap = {
  "runtime:ready": RuntimeReadyData;
  "runtime:error": RuntimeErrorData;
  "runtime:worker-lost": WorkerLostData;
  "runtime:config-changed": ConfigChangedData;
  "runtime:log": LogData;
  "diagnostics:tick": DiagnosticsTickData;
  "auth:signed-in": AuthSignedInData;
  "auth:signed-out": AuthSignedOutData;
  "auth:session-expired": AuthSessionExpiredData;
};

/** Any event name of the player. */
export type PlayerEventName = keyof PlayerEventMap;

/** Events the worker forwards to the page. `runtime:worker-lost` is made by the page itself. */
export const UI_EVENT_NAMES = Object.freeze([
  "runtime:ready",
  "runtime:error",
  "runtime:config-changed",
  "runtime:log",
  "diagnostics:tick",
  "auth:signed-in",
  "auth:signed-out",
  "auth:session-expired",
] as const satisfies readonly PlayerEventName[]);

/** Names of the events the page can receive. */
export type UiEventName = (typeof UI_EVENT_NAMES)[number] | "runtime:worker-lost";

/** The events the page can listen to, by name. */
export type UiEventMap = Pick<PlayerEventMap, UiEventName>;

/** A forwarded event as it crosses postMessage: `[name, payload]`. */
export type EventEnvelope = {
  [K in UiEventName]: readonly [K, UiEventMap[K]];
}[UiEventName];
