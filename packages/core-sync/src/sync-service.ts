import type { SyncTarget } from "@player/core-library";
import {
  type AccountSummary,
  type EventBus,
  type Logger,
  PlayerError,
  type PlayerEventMap,
} from "@player/core-runtime";
import type { SyncConnector } from "./sync-connector.js";
import { runSyncJob, type SyncSummary } from "./sync-job.js";

/** Options of {@link SyncService}. */
export interface SyncServiceOptions {
  bus: EventBus<PlayerEventMap>;
  target: SyncTarget;
  /** Builds the connector of an account (worker-host wires HttpClient, TokenSource and the queue). */
  createConnector(account: Pick<AccountSummary, "id" | "provider">): SyncConnector;
  /** Milliseconds between automatic syncs of every known account; `0` turns them off. Default 15 min. */
  intervalMs?: number;
  /** Forget an account's tracks when it signs out. Default true. */
  removeOnSignOut?: boolean;
  logger?: Logger;
  /** Timers, injectable for tests. */
  setInterval?: (callback: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

interface RunningJob {
  controller: AbortController;
  done: Promise<SyncSummary>;
}

/** Default time between automatic syncs. */
export const DEFAULT_SYNC_INTERVAL_MS = 15 * 60 * 1000;

/**
 * Keeps every signed-in account's library in step with its cloud: an
 * incremental sync when an account signs in (`auth:signed-in`), another on
 * an interval, and on demand. One job per account at a time; asking again
 * while one runs returns the running job.
 *
 * @example
 * ```ts
 * const sync = new SyncService({ bus, target: library, createConnector, intervalMs: 600_000 });
 * sync.start();
 * await sync.syncAccount({ id: "google:123", provider: "google" });
 * ```
 */
export class SyncService {
  readonly #options: SyncServiceOptions;
  readonly #accounts = new Map<string, Pick<AccountSummary, "id" | "provider">>();
  readonly #connectors = new Map<string, SyncConnector>();
  readonly #running = new Map<string, RunningJob>();
  readonly #unsubscribe: Array<() => void> = [];
  #timer: unknown;
  #intervalMs: number;

  constructor(options: SyncServiceOptions) {
    this.#options = options;
    this.#intervalMs = checkInterval(options.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS);
  }

  /** Listens to sign-in and sign-out and starts the interval. */
  start(): void {
    if (this.#unsubscribe.length > 0) return;
    const { bus } = this.#options;
    this.#unsubscribe.push(
      bus.on("auth:signed-in", ({ account }) => {
        if (account.status !== "signed-in") return;
        this.#accounts.set(account.id, { id: account.id, provider: account.provider });
        this.#background(account.id);
      }),
      bus.on("auth:signed-out", ({ accountId }) => {
        void this.#signedOut(accountId);
      }),
    );
    this.#startTimer();
  }

  /** Stops listening, stops the interval and cancels running jobs. */
  stop(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    this.#stopTimer();
    for (const accountId of this.#running.keys()) this.cancel(accountId);
  }

  /** Same as {@link SyncService.stop}; the service cannot be started again afterwards. */
  destroy(): void {
    this.stop();
    this.#accounts.clear();
    this.#connectors.clear();
  }

  /** Changes the time between automatic syncs (`0` turns them off). */
  setIntervalMs(intervalMs: number): void {
    this.#intervalMs = checkInterval(intervalMs);
    if (this.#unsubscribe.length > 0) this.#startTimer();
  }

  /**
   * Syncs one account now, or returns its running job.
   *
   * @throws PlayerError as {@link runSyncJob}.
   */
  syncAccount(account: Pick<AccountSummary, "id" | "provider">): Promise<SyncSummary> {
    this.#accounts.set(account.id, account);
    const running = this.#running.get(account.id);
    if (running !== undefined) return running.done;
    let connector = this.#connectors.get(account.id);
    if (connector === undefined) {
      connector = this.#options.createConnector(account);
      this.#connectors.set(account.id, connector);
    }
    const controller = new AbortController();
    const job: RunningJob = {
      controller,
      done: runSyncJob({
        accountId: account.id,
        connector,
        target: this.#options.target,
        bus: this.#options.bus,
        signal: controller.signal,
        ...(this.#options.logger === undefined ? {} : { logger: this.#options.logger }),
      }).finally(() => {
        if (this.#running.get(account.id) === job) this.#running.delete(account.id);
      }),
    };
    this.#running.set(account.id, job);
    return job.done;
  }

  /** Whether a job runs for the account. */
  isSyncing(accountId: string): boolean {
    return this.#running.has(accountId);
  }

  /** Cancels the account's running job, if any; it resumes from its cursor next time. */
  cancel(accountId: string): void {
    this.#running
      .get(accountId)
      ?.controller.abort(new PlayerError("sync/cancelled", "Sync was cancelled"));
  }

  /** Syncs every known account (one job each), without waiting. */
  syncAll(): void {
    for (const accountId of this.#accounts.keys()) this.#background(accountId);
  }

  #background(accountId: string): void {
    const account = this.#accounts.get(accountId);
    if (account === undefined) return;
    // Failures are reported as `sync:error` by the job; the next interval tries again.
    this.syncAccount(account).catch(() => undefined);
  }

  async #signedOut(accountId: string): Promise<void> {
    this.#accounts.delete(accountId);
    this.#connectors.delete(accountId);
    const running = this.#running.get(accountId);
    this.cancel(accountId);
    await running?.done.catch(() => undefined);
    if (this.#options.removeOnSignOut ?? true) {
      await this.#options.target.removeAccount(accountId).catch((error: unknown) => {
        this.#options.logger?.warn("Removing a signed-out account's tracks failed", {
          accountId,
          error: String(error),
        });
      });
    }
  }

  #startTimer(): void {
    this.#stopTimer();
    if (this.#intervalMs === 0) return;
    const set = this.#options.setInterval ?? ((callback, ms) => setInterval(callback, ms));
    this.#timer = set(() => this.syncAll(), this.#intervalMs);
  }

  #stopTimer(): void {
    if (this.#timer === undefined) return;
    const clear =
      this.#options.clearInterval ??
      ((handle) => clearInterval(handle as ReturnType<typeof setInterval>));
    clear(this.#timer);
    this.#timer = undefined;
  }
}

function checkInterval(ms: number): number {
  if (!Number.isSafeInteger(ms) || ms < 0 || (ms > 0 && ms < 1000)) {
    throw new PlayerError(
      "runtime/invalid-config",
      `sync intervalMs must be 0 or an integer >= 1000, got ${String(ms)}`,
      {
        details: { option: "intervalMs" },
      },
    );
  }
  return ms;
}
