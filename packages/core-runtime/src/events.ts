import type { PlayerErrorData } from "./errors.js";
import type { LogRecord } from "./logger.js";
import type { MetadataProgressData, PlaybackLyricsLineData } from "./metadata-events.js";
import type {
  PlaybackErrorData,
  PlaybackPositionData,
  PlaybackStateData,
  PlaybackTrackChangedData,
} from "./playback-events.js";
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

/** Which part of a sync job is running: listing everything, or reading changes since the last sync. */
export type SyncPhase = "full" | "incremental";

/** Payload of `sync:start`: a sync job began for an account. */
export interface SyncStartData {
  accountId: string;
  provider: AuthProviderId;
  /** The phase the job starts in (`full` for a first sync, a resync, or a resumed full listing). */
  phase: SyncPhase;
  /** True when the job continues a stored cursor instead of starting from scratch. */
  resumed: boolean;
}

/** Payload of `sync:progress`, sent after every stored page. */
export interface SyncProgressData {
  accountId: string;
  provider: AuthProviderId;
  phase: SyncPhase;
  /** Audio and lyrics files (and deletions) seen by this job so far. */
  discovered: number;
  /** Of those, how many are stored in the library. */
  processed: number;
  /** Files skipped because they could not be placed (e.g. their folder vanished). */
  failed: number;
  /** Estimated milliseconds left, or `null` when the provider gives nothing to estimate from. */
  estimatedMsLeft: number | null;
}

/** Payload of `sync:end`: a job finished or was cancelled; its totals. */
export interface SyncEndData {
  accountId: string;
  provider: AuthProviderId;
  /** `completed`: the library matches the cloud as of the job's end; `cancelled`: stopped, resumable. */
  outcome: "completed" | "cancelled";
  added: number;
  updated: number;
  removed: number;
  /** Tracks whose content changed and wait for their tags. */
  needsTags: number;
  /** Whether the job ran (or finished) a full listing. */
  fullListing: boolean;
  durationMs: number;
}

/** Payload of `sync:error`: a job stopped on an error; the stored cursor lets the next job resume. */
export interface SyncErrorData {
  accountId: string;
  provider: AuthProviderId;
  error: PlayerErrorData;
}

/**
 * Payload of `library:tracks-changed`: tracks were added, changed or removed.
 * Writes in one turn are coalesced into one event.
 */
export interface LibraryTracksChangedData {
  added: number;
  updated: number;
  removed: number;
  /** Keys of the tracks concerned, at most 500 (see `keysTruncated`). */
  keys: string[];
  /** True when more tracks changed than `keys` lists: refresh whole views. */
  keysTruncated: boolean;
  /** Accounts whose tracks changed. */
  accountIds: string[];
}

/** Payload of `library:playlists-changed`: playlists were created, renamed, edited or deleted. */
export interface LibraryPlaylistsChangedData {
  /** Ids of the playlists concerned (deleted ones included). */
  playlistIds: string[];
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
  "library:tracks-changed": LibraryTracksChangedData;
  "library:playlists-changed": LibraryPlaylistsChangedData;
  "sync:start": SyncStartData;
  "sync:progress": SyncProgressData;
  "sync:end": SyncEndData;
  "sync:error": SyncErrorData;
  "metadata:progress": MetadataProgressData;
  "playback:state": PlaybackStateData;
  "playback:position": PlaybackPositionData;
  "playback:track-changed": PlaybackTrackChangedData;
  "playback:error": PlaybackErrorData;
  "playback:lyrics-line": PlaybackLyricsLineData;
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
  "library:tracks-changed",
  "library:playlists-changed",
  "sync:start",
  "sync:progress",
  "sync:end",
  "sync:error",
  "metadata:progress",
  "playback:state",
  "playback:position",
  "playback:track-changed",
  "playback:error",
  "playback:lyrics-line",
] as const satisfies readonly PlayerEventName[]);

/** Names of the events the page can receive. */
export type UiEventName = (typeof UI_EVENT_NAMES)[number] | "runtime:worker-lost";

/** The events the page can listen to, by name. */
export type UiEventMap = Pick<PlayerEventMap, UiEventName>;

/** A forwarded event as it crosses postMessage: `[name, payload]`. */
export type EventEnvelope = {
  [K in UiEventName]: readonly [K, UiEventMap[K]];
}[UiEventName];
