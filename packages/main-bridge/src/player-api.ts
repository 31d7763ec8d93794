import type { PlaybackStatus, PlayOptions } from "@player/core-playback";
import type {
  AccountSummary,
  AuthProviderId,
  DeepPartial,
  PlayerConfig,
  UiEventName,
} from "@player/core-runtime";
import type { LibraryApi, MetadataApi, SyncApi, WorkerInfo } from "@player/worker-host";
import type { PlayerListener } from "./event-hub.js";
import type { PlayerAudio } from "./playback-bridge.js";
import type { SignInCallbackMessage } from "./sign-in-message.js";

/** What `player.ready` resolves with. */
export type PlayerInfo = WorkerInfo;

/** Self-test and measurement calls. */
export interface PlayerDiagnostics {
  /** Resolves with the main↔worker round trip in milliseconds. */
  ping(): Promise<number>;
  /**
   * Sends `buffer` to the worker and back. It is transferred, not copied:
   * after the call `buffer.byteLength` is 0 here; the answer is a new buffer.
   */
  echo(buffer: ArrayBuffer): Promise<ArrayBuffer>;
  /** Makes the worker emit `count` `diagnostics:tick` events. */
  emitBurst(count: number): Promise<number>;
}

/** The page's handle on a player; see {@link createPlayer}. */
export interface Player {
  /** Resolves when the worker has built its services; rejects on bad config or a lost worker. */
  readonly ready: Promise<PlayerInfo>;
  /** True after {@link Player.dispose} or once the worker was lost. */
  readonly disposed: boolean;
  /** Listens to an event; returns a function that removes the listener. */
  on<K extends UiEventName>(type: K, listener: PlayerListener<K>): () => void;
  /** Listens to the next occurrence of an event only. */
  once<K extends UiEventName>(type: K, listener: PlayerListener<K>): () => void;
  /** Removes a listener added with `on`. */
  off<K extends UiEventName>(type: K, listener: PlayerListener<K>): void;
  /** The resolved config. */
  getConfig(): Promise<PlayerConfig>;
  /** Applies config overrides; rejects with `runtime/invalid-config` naming a bad key. */
  configure(overrides: DeepPartial<PlayerConfig>): Promise<PlayerConfig>;
  readonly diagnostics: PlayerDiagnostics;
  /** The music library: paged queries, search, playlists, play counts, favourites, lyrics. */
  readonly library: LibraryApi;
  /** Cloud sync on demand; it also runs on sign-in and every `config.sync.intervalMs`. */
  readonly sync: SyncApi;
  /**
   * The background tag scan that follows every sync: move the rows on
   * screen up its queue, read its status. Progress: `metadata:progress`.
   */
  readonly metadata: MetadataApi;
  /**
   * Signs in with a provider. Call it from a click handler: it opens the
   * popup synchronously (so popup blockers allow it) and points it at the
   * provider once the worker has built the request. If the popup is blocked,
   * the page is redirected to the provider instead; finish with
   * {@link Player.completeSignIn} on return. Rejects with `auth/cancelled` if
   * the user closes the popup or refuses.
   */
  signIn(provider: AuthProviderId): Promise<AccountSummary>;
  /** Finishes a sign-in that used a full-page redirect, with what the callback page received. */
  completeSignIn(callback: SignInCallbackMessage): Promise<AccountSummary>;
  /** Accounts signed in on this device. */
  listAccounts(): Promise<AccountSummary[]>;
  /** Signs an account out: revokes its grant where the provider supports it and forgets it. */
  signOut(accountId: string): Promise<void>;
  /**
   * Plays a library track (its `key`) from the user's cloud; resolves once its
   * first audio is queued (the `playback:state` event says `playing` when it
   * is heard). Call it from a click the first time: browsers only start audio
   * after a user gesture. Rejects with `playback/*` codes (unsupported format,
   * file gone, …) or `playback/superseded` when another `play()` came first.
   */
  play(trackId: string, options?: PlayOptions): Promise<void>;
  /** Pauses; audible within a few milliseconds. */
  pause(): Promise<void>;
  /** Resumes after `pause()`. */
  resume(): Promise<void>;
  /** Stops and unloads the current track. */
  stop(): Promise<void>;
  /** Moves to `seconds` into the current track, sample-exactly. */
  seek(seconds: number): Promise<void>;
  /** Output volume from 0 to 1. */
  setVolume(volume: number): Promise<void>;
  /** State, track, position (audio clock), duration and volume. */
  getPlaybackStatus(): Promise<PlaybackStatus>;
  /** The audio output (AudioContext and node), for taps and visualisers. */
  readonly audio: PlayerAudio;
  /** Terminates the worker, rejects pending calls with `runtime/disposed`, removes every listener. */
  dispose(): void;
}
