import type { PlaybackStatus, PlayOptions } from "@player/core-playback";
import type {
  AccountSummary,
  AuthProviderId,
  DeepPartial,
  EventEnvelope,
  PlayerConfig,
  UiEventName,
  WorkerLostData,
} from "@player/core-runtime";
import type {
  AuthApi,
  DiagnosticsApi,
  EventBatchMessage,
  LibraryApi,
  MetadataApi,
  PlaybackApi,
  SyncApi,
  WorkerApi,
} from "@player/worker-host";
import { type Remote, transfer, wrap } from "comlink";
import type { ResolvedPlayerOptions, WorkerLike } from "./create-player-options.js";
import { EventHub, type PlayerListener } from "./event-hub.js";
import { HeartbeatMonitor } from "./heartbeat-monitor.js";
import { createLibraryBridge, createMetadataBridge, createSyncBridge } from "./library-bridge.js";
import { PlaybackBridge, type PlayerAudio } from "./playback-bridge.js";
import type { Player, PlayerDiagnostics, PlayerInfo } from "./player-api.js";
import { isPlayerError, PlayerError } from "./player-error.js";
import { SIGN_IN_RETURN_KEY, type SignInCallbackMessage } from "./sign-in-message.js";
import { openBlankPopup, waitForSignInCallback } from "./sign-in-popup.js";

const PROVIDERS: ReadonlySet<string> = new Set(["google", "microsoft"]);

/** The {@link Player} backed by a worker. */
export class WorkerPlayer implements Player {
  readonly ready: Promise<PlayerInfo>;
  readonly diagnostics: PlayerDiagnostics;
  readonly library: LibraryApi;
  readonly sync: SyncApi;
  readonly metadata: MetadataApi;
  readonly audio: PlayerAudio;
  private readonly playback: PlaybackBridge;
  private readonly remote: Remote<WorkerApi>;
  private readonly worker: WorkerLike;
  private readonly hub: EventHub;
  private readonly heartbeat: HeartbeatMonitor;
  private readonly eventPort: MessagePort;
  private readonly pending = new Set<(error: PlayerError) => void>();
  /** Aborted when the player shuts down, with the reason; ends waits such as a sign-in popup. */
  private readonly lifetime = new AbortController();
  private failure: PlayerError | undefined;
  private started = false;
  private readonly onWorkerError = (event: Event) => this.reportWorkerError(event);

  constructor(options: ResolvedPlayerOptions) {
    this.worker = options.worker;
    this.remote = wrap<WorkerApi>(this.worker);
    this.hub = new EventHub((error) =>
      setTimeout(() => {
        throw error;
      }),
    );
    const channel = new MessageChannel();
    this.eventPort = channel.port1;
    this.eventPort.addEventListener("message", (event: MessageEvent<EventBatchMessage>) =>
      this.dispatch(event.data),
    );
    this.eventPort.start();
    this.worker.addEventListener("error", this.onWorkerError as EventListener);
    this.heartbeat = new HeartbeatMonitor(
      (seq) => this.remote.heartbeat(seq),
      (silentForMs) => this.lose(silentForMs),
      options.heartbeat,
    );
    this.heartbeat.start();
    this.ready = this.track(() =>
      this.remote.init(
        transfer(
          options.auth === undefined
            ? { config: options.config, eventPort: channel.port2 }
            : { config: options.config, eventPort: channel.port2, auth: options.auth },
          [channel.port2],
        ),
      ),
    );
    // Callers who never await `ready` still see failures through their calls.
    this.ready.then(
      () => {
        this.started = true;
      },
      () => {},
    );
    this.diagnostics = {
      ping: () =>
        this.call(async () => {
          const started = performance.now();
          await this.remoteDiagnostics.ping();
          return performance.now() - started;
        }),
      echo: (buffer) =>
        this.call(() => {
          if (!(buffer instanceof ArrayBuffer)) {
            throw new PlayerError(
              "runtime/invalid-argument",
              'Argument "buffer" must be an ArrayBuffer',
              {
                details: { argument: "buffer" },
              },
            );
          }
          return this.remoteDiagnostics.echo(transfer(buffer, [buffer]));
        }),
      emitBurst: (count) => this.call(() => this.remoteDiagnostics.emitBurst(count)),
    };
    const call = <T>(invoke: () => Promise<T> | T) => this.call(invoke);
    this.library = createLibraryBridge(
      call,
      () => this.remote.library as unknown as Remote<LibraryApi>,
    );
    this.sync = createSyncBridge(call, () => this.remote.sync as unknown as Remote<SyncApi>);
    this.metadata = createMetadataBridge(
      call,
      () => this.remote.metadata as unknown as Remote<MetadataApi>,
    );
    this.playback = new PlaybackBridge(
      call,
      () => this.remote.playback as unknown as Remote<PlaybackApi>,
      options.audio,
      (error) => this.hub.emit("playback:error", { fatal: true, error }),
    );
    this.audio = this.playback.audio;
  }

  play(trackId: string, options?: PlayOptions): Promise<void> {
    return this.playback.play(trackId, options);
  }

  pause(): Promise<void> {
    return this.playback.pause();
  }

  resume(): Promise<void> {
    return this.playback.resume();
  }

  stop(): Promise<void> {
    return this.playback.stop();
  }

  seek(seconds: number): Promise<void> {
    return this.playback.seek(seconds);
  }

  setVolume(volume: number): Promise<void> {
    return this.playback.setVolume(volume);
  }

  getPlaybackStatus(): Promise<PlaybackStatus> {
    return this.playback.getStatus();
  }

  /** Comlink reaches nested objects by path at run time; its types only model top-level methods. */
  private get remoteDiagnostics(): Remote<DiagnosticsApi> {
    return this.remote.diagnostics as unknown as Remote<DiagnosticsApi>;
  }

  private get remoteAuth(): Remote<AuthApi> {
    return this.remote.auth as unknown as Remote<AuthApi>;
  }

  signIn(provider: AuthProviderId): Promise<AccountSummary> {
    if (!PROVIDERS.has(provider)) {
      return Promise.reject(
        new PlayerError(
          "runtime/invalid-argument",
          `Argument "provider" must be "google" or "microsoft", got ${JSON.stringify(provider)}`,
          { details: { argument: "provider" } },
        ),
      );
    }
    // Before any await: only a window opened inside the click survives popup blockers.
    const popup = this.failure === undefined ? openBlankPopup() : undefined;
    return this.call(async () => {
      let start: Awaited<ReturnType<AuthApi["beginSignIn"]>>;
      try {
        start = await this.remoteAuth.beginSignIn(provider);
      } catch (error) {
        popup?.close();
        throw error;
      }
      if (popup === undefined) {
        rememberReturnUrl();
        window.location.assign(start.url);
        // The page is leaving; completeSignIn() finishes after the redirect back.
        return new Promise<AccountSummary>(() => {});
      }
      popup.location.href = start.url;
      const message = await waitForSignInCallback({
        popup,
        callbackOrigin: callbackOriginOf(start.url),
        state: start.state,
        signal: this.lifetime.signal,
      });
      return this.finishSignIn(message);
    });
  }

  completeSignIn(callback: SignInCallbackMessage): Promise<AccountSummary> {
    return this.call(() => this.finishSignIn(callback));
  }

  listAccounts(): Promise<AccountSummary[]> {
    return this.call(() => this.remoteAuth.listAccounts());
  }

  signOut(accountId: string): Promise<void> {
    return this.call(() => this.remoteAuth.signOut(accountId));
  }

  private finishSignIn(message: SignInCallbackMessage): Promise<AccountSummary> {
    if (message?.error === "access_denied") {
      throw new PlayerError("auth/cancelled", "Access was not granted at the provider", {
        details: { error: message.error },
      });
    }
    if (message?.error !== undefined) {
      throw new PlayerError(
        "auth/authorization-failed",
        `The provider refused the sign-in: ${message.error}${message.errorDescription ? ` (${message.errorDescription})` : ""}`,
        { details: { error: message.error } },
      );
    }
    return this.remoteAuth.completeSignIn(message?.code as string, message?.state as string);
  }

  get disposed(): boolean {
    return this.failure !== undefined;
  }

  on<K extends UiEventName>(type: K, listener: PlayerListener<K>): () => void {
    if (this.failure?.code === "runtime/disposed") return () => {};
    return this.hub.on(type, listener);
  }

  once<K extends UiEventName>(type: K, listener: PlayerListener<K>): () => void {
    const stop = this.on(type, (data) => {
      stop();
      listener(data);
    });
    return stop;
  }

  off<K extends UiEventName>(type: K, listener: PlayerListener<K>): void {
    this.hub.off(type, listener);
  }

  getConfig(): Promise<PlayerConfig> {
    return this.call(() => this.remote.getConfig());
  }

  configure(overrides: DeepPartial<PlayerConfig>): Promise<PlayerConfig> {
    return this.call(() => this.remote.configure(overrides));
  }

  dispose(): void {
    if (this.failure?.code === "runtime/disposed") return;
    this.shutDown(new PlayerError("runtime/disposed", "The player was disposed", { fatal: true }));
    this.hub.clear();
  }

  /** Number of page listeners, for leak checks. */
  listenerCount(type?: UiEventName): number {
    return this.hub.listenerCount(type);
  }

  /** Runs a worker call after `ready`. */
  private call<T>(invoke: () => Promise<T> | T): Promise<T> {
    return this.track(async () => {
      await this.ready;
      return invoke();
    });
  }

  /** Runs a call that a lost worker or `dispose()` rejects at once instead of leaving it hanging. */
  private track<T>(invoke: () => Promise<T> | T): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise<T>((resolve, reject) => {
      const fail = (error: PlayerError) => reject(error);
      this.pending.add(fail);
      Promise.resolve()
        .then(invoke)
        .then(resolve, (error: unknown) => reject(toCallError(error)))
        .finally(() => this.pending.delete(fail));
    });
  }

  private dispatch(message: EventBatchMessage): void {
    if (message?.type !== "events" || !Array.isArray(message.events)) return;
    for (const [type, data] of message.events as EventEnvelope[])
      this.hub.emit(type, data as never);
  }

  private lose(
    silentForMs: number,
    reason: WorkerLostData["reason"] = "heartbeat-timeout",
    detail = "",
  ): void {
    if (this.failure !== undefined) return;
    const message =
      reason === "worker-error"
        ? `The player's worker failed to start: ${detail}`
        : `The player's worker stopped answering (silent for ${Math.round(silentForMs)} ms)`;
    this.shutDown(new PlayerError("runtime/worker-lost", message, { fatal: true }));
    this.hub.emit("runtime:worker-lost", { reason, silentForMs, message });
  }

  private shutDown(reason: PlayerError): void {
    this.failure = reason;
    this.lifetime.abort(reason);
    this.heartbeat.stop();
    for (const fail of this.pending) fail(reason);
    this.pending.clear();
    this.worker.removeEventListener("error", this.onWorkerError as EventListener);
    this.eventPort.close();
    this.worker.terminate();
    void this.playback.close();
  }

  private reportWorkerError(event: Event): void {
    const message = (event as ErrorEvent).message || "The worker reported an error";
    if (!this.started) {
      // The script did not load or threw at start-up: waiting for the heartbeat would only delay this.
      this.lose(0, "worker-error", `${message} (is the \`worker\` URL right?)`);
      return;
    }
    this.hub.emit("runtime:error", {
      source: "worker",
      error: new PlayerError("runtime/internal", message).toJSON(),
    });
  }
}

/** Lets the callback page send the user back here after a full-page redirect. */
function rememberReturnUrl(): void {
  try {
    sessionStorage.setItem(SIGN_IN_RETURN_KEY, window.location.href);
  } catch {
    // Storage may be off; the callback page then falls back to its own default.
  }
}

/** The origin the callback page posts from: that of the authorize URL's `redirect_uri`. */
function callbackOriginOf(authorizeUrl: string): string {
  const redirectUri = new URL(authorizeUrl).searchParams.get("redirect_uri");
  if (redirectUri === null) {
    throw new PlayerError("runtime/internal", "The authorization URL has no redirect_uri");
  }
  return new URL(redirectUri).origin;
}

/** Errors from the call path become PlayerErrors: clone failures mean a bad argument. */
function toCallError(error: unknown): PlayerError {
  if (isPlayerError(error)) return error;
  const name = (error as { name?: unknown })?.name;
  if (name === "DataCloneError") {
    return new PlayerError(
      "runtime/invalid-argument",
      `An argument cannot be sent to the worker: ${(error as Error).message}`,
      { cause: error },
    );
  }
  return new PlayerError(
    "runtime/internal",
    error instanceof Error ? error.message : String(error),
    {
      cause: error,
    },
  );
}
