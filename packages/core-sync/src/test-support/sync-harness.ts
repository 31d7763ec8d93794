/**
 * Wires a connector for one provider of a running dev-cloud: a signed-in
 * account, an HttpClient with near-zero waits and a request counter that
 * can abort a job after N requests, and a target: the in-memory fake or the
 * real library on fake-indexeddb.
 */
import { EventBus, HttpClient, type PlayerEventMap } from "@player/core-runtime";
import type { DevCloud } from "@player/dev-cloud";
import { signInGoogle, signInMicrosoft, type TestAccount } from "@player/dev-cloud";
import PQueue from "p-queue";
import { onTestFinished } from "vitest";
import { ProviderApi } from "../provider-api.js";
import { GoogleDriveConnector } from "../providers/google-drive/google-drive-connector.js";
import { OneDriveConnector } from "../providers/onedrive/onedrive-connector.js";
import type { SyncConnector } from "../sync-connector.js";
import { runSyncJob, type SyncSummary } from "../sync-job.js";
import { LibrarySyncTarget } from "./library-sync-target.js";
import { MemorySyncTarget } from "./memory-sync-target.js";

/** Waits 0–1 ms: retries stay real but fast. */
export const tinySleep = (_ms: number, _signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() < 0.5 ? 0 : 1));

/** Both providers, by the name tests use. */
export const PROVIDERS = ["google", "microsoft"] as const;
export type ProviderName = (typeof PROVIDERS)[number];

/** Both targets: the contract's in-memory fake and the real `LibraryService`. */
export const TARGETS = ["memory", "library"] as const;
export type TargetName = (typeof TARGETS)[number];
/** A target a harness can sync into. */
export type TestSyncTarget = MemorySyncTarget | LibrarySyncTarget;

/** Every provider with every target, for `describe.each`. */
export const PROVIDERS_AND_TARGETS: ReadonlyArray<readonly [ProviderName, TargetName]> =
  PROVIDERS.flatMap((provider) => TARGETS.map((target) => [provider, target] as const));

/** A new, empty target of a kind; destroyed when the current test finishes. */
export function createTarget(kind: TargetName): TestSyncTarget {
  const target = kind === "memory" ? new MemorySyncTarget() : new LibrarySyncTarget();
  onTestFinished(() => target.destroy());
  return target;
}

/** One provider of a dev-cloud, ready to sync. */
export interface SyncHarness {
  provider: ProviderName;
  account: TestAccount;
  connector: SyncConnector;
  target: TestSyncTarget;
  bus: EventBus<PlayerEventMap>;
  /** Every wait the HttpClient and the ProviderApi asked for, in ms (the waits themselves take 0–1 ms). */
  sleeps: number[];
  /** Provider API requests sent so far (token requests excluded). */
  requests(): number;
  /** Runs a job; `abortAfterRequests` stops it when that many more requests were sent. */
  sync(options?: { abortAfterRequests?: number; signal?: AbortSignal }): Promise<SyncSummary>;
}

/**
 * Signs in to `provider` on `cloud` and builds a harness with small pages,
 * syncing into `options.target`, else a new target of `options.targetKind`
 * (default `memory`).
 */
export async function createHarness(
  cloud: DevCloud,
  provider: ProviderName,
  options: { pageSize?: number; target?: TestSyncTarget; targetKind?: TargetName } = {},
): Promise<SyncHarness> {
  const account =
    provider === "google" ? await signInGoogle(cloud.url) : await signInMicrosoft(cloud.url);
  let sent = 0;
  const sleeps: number[] = [];
  const sleep = (ms: number, signal: AbortSignal | undefined) => {
    sleeps.push(ms);
    return tinySleep(ms, signal);
  };
  let tripwire: { at: number; controller: AbortController } | undefined;
  const http = new HttpClient({
    retries: 8,
    sleep,
    fetch: (input, init) => {
      sent++;
      if (tripwire !== undefined && sent >= tripwire.at)
        tripwire.controller.abort(new Error("stopped by test"));
      return fetch(input, init);
    },
  });
  const api = new ProviderApi({
    provider,
    accountId: account.accountId,
    http,
    tokens: account.tokens,
    queue: new PQueue({ concurrency: 4 }),
    sleep,
    retries: 8,
  });
  const pageSize = options.pageSize ?? 7;
  const connector =
    provider === "google"
      ? new GoogleDriveConnector({ api, baseUrl: `${cloud.url}/google/drive/v3`, pageSize })
      : new OneDriveConnector({ api, baseUrl: `${cloud.url}/graph/v1.0`, pageSize });
  const target = options.target ?? createTarget(options.targetKind ?? "memory");
  const bus = new EventBus<PlayerEventMap>();
  return {
    provider,
    account,
    connector,
    target,
    bus,
    sleeps,
    requests: () => sent,
    async sync(syncOptions = {}) {
      const controller = new AbortController();
      const forward = () => controller.abort(syncOptions.signal?.reason);
      syncOptions.signal?.addEventListener("abort", forward, { once: true });
      if (syncOptions.abortAfterRequests !== undefined) {
        tripwire = { at: sent + syncOptions.abortAfterRequests, controller };
      }
      try {
        return await runSyncJob({
          accountId: account.accountId,
          connector,
          target,
          bus,
          signal: controller.signal,
        });
      } finally {
        tripwire = undefined;
        syncOptions.signal?.removeEventListener("abort", forward);
      }
    },
  };
}
