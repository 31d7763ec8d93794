import type { AuthProvidersConfig } from "@player/core-auth";
import type {
  AccountSummary,
  AuthProviderId,
  DeepPartial,
  PlayerConfig,
} from "@player/core-runtime";
import type { LibraryApi, MetadataApi, SyncApi } from "./library-api.js";
import type { PlaybackApi } from "./playback-api.js";

/** What the page sends with {@link WorkerApi.init}. */
export interface WorkerInitOptions {
  /** Config overrides; resolved and validated in the worker. */
  config?: DeepPartial<PlayerConfig>;
  /** The port on which the worker sends batches of UI events. */
  eventPort: MessagePort;
  /** Sign-in providers (client ids, redirect URI, endpoints); none: sign-in is off. */
  auth?: AuthProvidersConfig;
}

/** What the worker answers to {@link WorkerApi.init}. */
export interface WorkerInfo {
  /** SDK version running in the worker. */
  version: string;
  /** The resolved config. */
  config: PlayerConfig;
}

/** Self-test and measurement calls, used by benchmarks and health checks. */
export interface DiagnosticsApi {
  /** Answers at once with the worker's clock, for round-trip measurement. */
  ping(): number;
  /** Sends `buffer` back, transferred both ways (the sender's copy is detached). */
  echo(buffer: ArrayBuffer): ArrayBuffer;
  /** Emits `count` `diagnostics:tick` events on the bus; returns `count`. */
  emitBurst(count: number): number;
}

/** What {@link AuthApi.beginSignIn} answers: where to send the user. */
export interface SignInStart {
  /** The provider's authorization URL, with PKCE challenge and state. */
  url: string;
  /** The state of this attempt; the callback must bring it back. */
  state: string;
  provider: AuthProviderId;
}

/** Sign-in and accounts, as the page sees them: URLs and summaries, never tokens. */
export interface AuthApi {
  /** Starts a sign-in; open the returned URL in a popup or redirect to it. */
  beginSignIn(provider: AuthProviderId): Promise<SignInStart>;
  /** Finishes a sign-in with the callback's `code` and `state`. */
  completeSignIn(code: string, state: string): Promise<AccountSummary>;
  listAccounts(): Promise<AccountSummary[]>;
  /** Revokes (where the provider supports it) and forgets an account. */
  signOut(accountId: string): Promise<void>;
}

/** A batch of forwarded events, as posted on the event port. */
export interface EventBatchMessage {
  type: "events";
  events: ReadonlyArray<readonly [string, unknown]>;
}

/**
 * The single API the worker exposes with Comlink. Every method validates its
 * arguments and rejects with a {@link PlayerError} that keeps its `code`.
 */
export interface WorkerApi {
  /** Resolves config, connects the event port, builds the services. Call once, first. */
  init(options: WorkerInitOptions): WorkerInfo;
  /** Answers the page's heartbeat with the same sequence number. */
  heartbeat(seq: number): number;
  /** The resolved config. */
  getConfig(): PlayerConfig;
  /** Applies overrides on top of the current config; emits `runtime:config-changed`. */
  configure(overrides: DeepPartial<PlayerConfig>): PlayerConfig;
  /** Self-test and measurement calls. */
  readonly diagnostics: DiagnosticsApi;
  /** Sign-in and accounts. */
  readonly auth: AuthApi;
  /** The music library: queries, search, playlists, statistics. */
  readonly library: LibraryApi;
  /** Cloud sync on demand (it also runs on sign-in and on an interval). */
  readonly sync: SyncApi;
  /** The background tag scan: priorities and status (progress comes as `metadata:progress`). */
  readonly metadata: MetadataApi;
  /** Playback of library tracks; PCM goes to the page's AudioWorklet, not through this API. */
  readonly playback: PlaybackApi;
  /** Stops every service and releases the event port. */
  dispose(): void;
}
