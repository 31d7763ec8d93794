import { type AuthProvidersConfig, TokenVault } from "@player/core-auth";
import { LibraryService } from "@player/core-library";
import type { MetadataService } from "@player/core-metadata";
import {
  type AccountSummary,
  consoleSink,
  type DeepPartial,
  type DeepReadonly,
  EventBus,
  HttpClient,
  LOG_LEVELS,
  Logger,
  type LogLevel,
  type LogRecord,
  type LogSink,
  type PlayerConfig,
  PlayerError,
  type StorageProvider,
} from "@player/core-runtime";
import { SyncService } from "@player/core-sync";
import { EventForwarder } from "./event-forwarder.js";
import type { LibraryApi, MetadataApi, SyncApi } from "./library-api.js";
import type { PlaybackApi } from "./playback-api.js";
import { PLAYER_CONFIG_DEFAULTS, resolvePlayerConfig } from "./player-config.js";
import { AuthApiService } from "./services/auth-api-service.js";
import { createConnectorFactory } from "./services/connector-factory.js";
import { DiagnosticsService } from "./services/diagnostics-service.js";
import { LibraryApiService } from "./services/library-api-service.js";
import { MetadataApiService } from "./services/metadata-api-service.js";
import { createMetadataService, remoteFromConfig } from "./services/metadata-wiring.js";
import { PlaybackApiService } from "./services/playback-api-service.js";
import { SyncApiService } from "./services/sync-api-service.js";
import { PLAYER_VERSION } from "./version.js";
import type { WorkerApi, WorkerInfo, WorkerInitOptions } from "./worker-api.js";

/** Options for {@link PlayerHost}; everything is injectable for tests. */
export interface PlayerHostOptions {
  /** Monotonic clock in milliseconds. Default `performance.now`. */
  now?: () => number;
  /** Where log records at or above `config.log.level` go. Default: the console. */
  logSink?: LogSink;
  /** The `fetch` every service's HTTP goes through. Default: the global one. */
  fetch?: typeof fetch;
  /** IndexedDB for the token vault and the library; default the realm's. Node tests pass fake-indexeddb. */
  indexedDB?: IDBFactory;
  /** Goes with {@link PlayerHostOptions.indexedDB}. */
  IDBKeyRange?: typeof IDBKeyRange;
}

type HostState = "new" | "ready" | "disposed";

/**
 * Everything the worker runs: ONE event bus and every service built on it,
 * behind the {@link WorkerApi}. A plain class: the worker entry exposes it
 * with Comlink, and tests (or a no-worker fallback) use it directly.
 */
export class PlayerHost implements WorkerApi {
  /** The one bus of the worker. */
  readonly bus: EventBus;
  readonly logger: Logger;
  readonly diagnostics: DiagnosticsService;
  private authApi = new AuthApiService(undefined);
  private librarySvc: LibraryService | undefined;
  private libraryApi: LibraryApiService | undefined;
  private syncApi = new SyncApiService(undefined, undefined);
  private syncService: SyncService | undefined;
  private playbackApi: PlaybackApiService | undefined;
  private metadataSvc: MetadataService | undefined;
  private metadataApi: MetadataApiService | undefined;
  private readonly storages = new Map<string, StorageProvider>();
  private storageFactory:
    | ((account: Pick<AccountSummary, "id" | "provider">) => StorageProvider)
    | undefined;
  private readonly storage: Pick<PlayerHostOptions, "indexedDB" | "IDBKeyRange">;
  private config: DeepReadonly<PlayerConfig> = PLAYER_CONFIG_DEFAULTS;
  private state: HostState = "new";
  private forwarder: EventForwarder | undefined;
  private eventPort: MessagePort | undefined;
  private httpClient: HttpClient | undefined;
  private readonly now: () => number;
  private readonly logSink: LogSink;
  private readonly fetch: typeof fetch | undefined;

  constructor(options: PlayerHostOptions = {}) {
    this.now = options.now ?? (() => performance.now());
    this.logSink = options.logSink ?? consoleSink;
    this.fetch = options.fetch;
    this.storage = { indexedDB: options.indexedDB, IDBKeyRange: options.IDBKeyRange };
    this.bus = new EventBus({
      onUnreportableError: (error) =>
        this.logger.error("A runtime:error listener threw", { error: String(error) }),
    });
    this.logger = new Logger({
      level: "warn",
      sink: (record) => this.routeLog(record),
      scope: "player",
    });
    this.diagnostics = new DiagnosticsService(this.bus, this.now);
  }

  init(options: WorkerInitOptions): WorkerInfo {
    const startedAt = this.now();
    this.assertState("new", "init() was already called");
    if (typeof options !== "object" || options === null) {
      throw new PlayerError("runtime/invalid-argument", 'Argument "options" must be an object');
    }
    const port = options.eventPort as unknown;
    if (typeof (port as MessagePort | undefined)?.postMessage !== "function") {
      throw new PlayerError(
        "runtime/invalid-argument",
        'Argument "options.eventPort" must be a MessagePort',
        {
          details: { argument: "options.eventPort" },
        },
      );
    }
    this.config = resolvePlayerConfig(options.config);
    this.eventPort = port as MessagePort;
    this.forwarder = new EventForwarder(this.bus, this.eventPort, this.config.events);
    this.applyLogConfig();
    this.httpClient = this.createHttpClient();
    if (options.auth !== undefined) this.authApi = this.createAuth(options.auth);
    this.librarySvc = this.createLibrary();
    if (options.auth !== undefined) this.syncApi = this.createSync(options.auth);
    this.metadataSvc = this.createMetadata();
    this.libraryApi = new LibraryApiService(this.librarySvc, this.metadataSvc);
    this.metadataApi = new MetadataApiService(this.metadataSvc);
    this.playbackApi = this.createPlayback();
    // Tags of tracks listed before a restart are still to be read: the scan resumes.
    if (options.auth !== undefined) this.metadataSvc.start();
    this.state = "ready";
    this.bus.emit("runtime:ready", { version: PLAYER_VERSION, startupMs: this.now() - startedAt });
    return { version: PLAYER_VERSION, config: this.config };
  }

  /** Sign-in and accounts; rejects with `auth/provider-not-configured` when `init` had no `auth`. */
  get auth(): AuthApiService {
    return this.authApi;
  }

  /** The music library; empty until an account is synced. */
  get library(): LibraryApi {
    this.assertState("ready");
    return this.libraryApi as LibraryApiService;
  }

  /** The library service itself, for other worker services (and tests). */
  get libraryService(): LibraryService {
    this.assertState("ready");
    return this.librarySvc as LibraryService;
  }

  /** Sync on demand; rejects with `auth/provider-not-configured` when `init` had no `auth`. */
  get sync(): SyncApi {
    this.assertState("ready");
    return this.syncApi;
  }

  /** The background tag scan: priorities and status. */
  get metadata(): MetadataApi {
    this.assertState("ready");
    return this.metadataApi as MetadataApiService;
  }

  /** Playback: the audio output's port, play/pause/seek; PCM goes to the page's AudioWorklet. */
  get playback(): PlaybackApi {
    this.assertState("ready");
    return this.playbackApi as PlaybackApiService;
  }

  /** The HTTP client every service shares, built from `config.http`. */
  get http(): HttpClient {
    this.assertState("ready");
    return this.httpClient as HttpClient;
  }

  heartbeat(seq: number): number {
    return seq;
  }

  getConfig(): PlayerConfig {
    this.assertState("ready");
    return this.config;
  }

  configure(overrides: DeepPartial<PlayerConfig>): PlayerConfig {
    this.assertState("ready");
    const config = resolvePlayerConfig(overrides, this.config);
    // Checked before anything changes: remote enrichment on without a User-Agent is refused.
    const remote = remoteFromConfig(config, this.createHttpClient(config), this.logger);
    this.config = config;
    this.forwarder?.update(this.config.events);
    this.applyLogConfig();
    this.httpClient = this.createHttpClient();
    this.syncService?.setIntervalMs(this.config.sync.intervalMs);
    this.playbackApi?.setBufferAheadSeconds(this.config.playback.bufferAheadSeconds);
    if (this.metadataSvc !== undefined) {
      this.metadataSvc.scanConcurrency = this.config.metadata.scanConcurrency;
      this.metadataSvc.setRemote(remote);
    }
    this.bus.emit("runtime:config-changed", { config: this.config });
    return this.config;
  }

  dispose(): void {
    if (this.state === "disposed") return;
    this.state = "disposed";
    void this.playbackApi?.destroy();
    this.metadataSvc?.dispose();
    this.syncApi.destroy();
    this.authApi.destroy();
    this.librarySvc?.destroy();
    this.forwarder?.destroy();
    this.forwarder = undefined;
    this.eventPort?.close();
    this.eventPort = undefined;
    this.bus.clear();
  }

  private createAuth(providers: NonNullable<WorkerInitOptions["auth"]>): AuthApiService {
    const vaultOptions =
      this.storage.indexedDB === undefined
        ? {}
        : { indexedDB: this.storage.indexedDB, IDBKeyRange: this.storage.IDBKeyRange };
    return new AuthApiService({
      bus: this.bus,
      http: this.httpClient as HttpClient,
      providers,
      vault: new TokenVault(vaultOptions),
      logger: this.logger,
      ...(this.fetch === undefined ? {} : { fetch: this.fetch }),
    });
  }

  private createLibrary(): LibraryService {
    const { indexedDB, IDBKeyRange } = this.storage;
    return new LibraryService({
      bus: this.bus,
      ...(indexedDB === undefined ? {} : { indexedDB, IDBKeyRange }),
    });
  }

  private createSync(providers: AuthProvidersConfig): SyncApiService {
    const auth = this.authApi.service;
    if (auth === undefined) return new SyncApiService(undefined, undefined);
    this.syncService = new SyncService({
      bus: this.bus,
      target: this.librarySvc as LibraryService,
      createConnector: createConnectorFactory({
        http: () => this.httpClient as HttpClient,
        tokens: auth,
        providers,
      }),
      intervalMs: this.config.sync.intervalMs,
      logger: this.logger.child("sync"),
    });
    this.storageFactory = createConnectorFactory({
      http: () => this.httpClient as HttpClient,
      tokens: auth,
      providers,
    });
    // From now on a sign-in syncs the account, and the interval syncs every known one.
    this.syncService.start();
    const api = new SyncApiService(this.syncService, auth);
    api.syncStoredAccounts();
    return api;
  }

  private createMetadata(): MetadataService {
    return createMetadataService({
      bus: this.bus,
      library: this.librarySvc as LibraryService,
      config: this.config,
      http: this.httpClient as HttpClient,
      accountIds: async () => {
        const auth = this.authApi.service;
        if (auth === undefined) return [];
        const accounts = await auth.listAccounts();
        return accounts.map((account) => account.id);
      },
      storageFor: (accountId) => this.storageFor(accountId),
      logger: this.logger,
    });
  }

  private createPlayback(): PlaybackApiService {
    return new PlaybackApiService({
      bus: this.bus,
      library: this.librarySvc as LibraryService,
      // The track about to play has its tags read first and its lyrics read now.
      willPlay: (trackId) => this.metadataSvc?.prepare(trackId),
      storageFor: (accountId) => this.storageFor(accountId),
      bufferAheadSeconds: this.config.playback.bufferAheadSeconds,
    });
  }

  /**
   * The drive of an account, for reading files. Playback gets its own
   * connectors and request queue so a running sync never delays a first sound.
   */
  private storageFor(accountId: string): StorageProvider | undefined {
    const known = this.storages.get(accountId);
    if (known !== undefined || this.storageFactory === undefined) return known;
    const provider = accountId.slice(0, accountId.indexOf(":"));
    if (provider !== "google" && provider !== "microsoft") return undefined;
    const storage = this.storageFactory({ id: accountId, provider });
    this.storages.set(accountId, storage);
    return storage;
  }

  private createHttpClient(config: DeepReadonly<PlayerConfig> = this.config): HttpClient {
    const http = config.http;
    return new HttpClient({
      timeoutMs: http.timeoutMs,
      retries: http.retries,
      backoff: { baseMs: http.backoffBaseMs, maxMs: http.backoffMaxMs },
      maxRetryAfterMs: http.maxRetryAfterMs,
      logger: this.logger.child("http"),
      ...(this.fetch === undefined ? {} : { fetch: this.fetch }),
    });
  }

  private assertState(expected: HostState, message?: string): void {
    if (this.state === expected) return;
    if (this.state === "disposed") {
      throw new PlayerError("runtime/disposed", "The player was disposed", { fatal: true });
    }
    if (this.state === "new") {
      throw new PlayerError(
        "runtime/not-ready",
        "The worker was not initialised: call init() first",
      );
    }
    throw new PlayerError(
      "runtime/invalid-argument",
      message ?? `Not allowed in state "${this.state}"`,
    );
  }

  private applyLogConfig(): void {
    const { level, forwardLevel } = this.config.log;
    this.logger.setLevel(rank(level) <= rank(forwardLevel) ? level : forwardLevel);
  }

  /** Console for records at `log.level`, the page for records at `log.forwardLevel`. */
  private routeLog(record: LogRecord): void {
    if (rank(record.level) >= rank(this.config.log.level)) this.logSink(record);
    if (rank(record.level) >= rank(this.config.log.forwardLevel) && this.forwarder !== undefined) {
      this.bus.emit("runtime:log", { record });
    }
  }
}

function rank(level: LogLevel): number {
  return LOG_LEVELS.indexOf(level);
}
