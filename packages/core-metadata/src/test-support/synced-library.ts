/**
 * A dev-cloud library synced into a real {@link LibraryService} (on
 * fake-indexeddb), with a connector to read its files: the starting point of
 * the scan and artwork tests.
 */
import { LibraryService } from "@player/core-library";
import {
  abortableSleep,
  EventBus,
  HttpClient,
  type PlayerEventMap,
  type StorageProvider,
} from "@player/core-runtime";
import {
  GoogleDriveConnector,
  OneDriveConnector,
  ProviderApi,
  runSyncJob,
} from "@player/core-sync";
import { type DevCloud, signInTestAccount } from "@player/dev-cloud";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import PQueue from "p-queue";

/** A synced library and what reads its files. */
export interface SyncedLibrary {
  library: LibraryService;
  bus: EventBus<PlayerEventMap>;
  accountId: string;
  drive: StorageProvider;
  /** Runs another sync job (after changes in the cloud). */
  sync(): Promise<void>;
}

/**
 * Signs in to `cloud` with `provider`, syncs its library into a fresh
 * LibraryService and returns both. Pass `indexedDB` to reopen the same
 * database (a restart).
 */
export async function syncedLibrary(
  cloud: DevCloud,
  provider: "google" | "microsoft",
  indexedDB: IDBFactory = new IDBFactory(),
): Promise<SyncedLibrary> {
  const account = await signInTestAccount(cloud.url, provider);
  // Retries still happen, without the real backoff waits.
  const sleep = (ms: number, signal?: AbortSignal) => abortableSleep(Math.min(ms, 1), signal);
  const api = new ProviderApi({
    provider,
    accountId: account.accountId,
    http: new HttpClient({ sleep }),
    tokens: account.tokens,
    queue: new PQueue({ concurrency: 8 }),
    sleep,
  });
  const drive =
    provider === "google"
      ? new GoogleDriveConnector({ api, baseUrl: `${cloud.url}/google/drive/v3` })
      : new OneDriveConnector({ api, baseUrl: `${cloud.url}/graph/v1.0` });
  const bus = new EventBus<PlayerEventMap>();
  const library = new LibraryService({ bus, indexedDB, IDBKeyRange });
  const sync = async () => {
    await runSyncJob({ accountId: account.accountId, connector: drive, target: library, bus });
  };
  await sync();
  return { library, bus, accountId: account.accountId, drive, sync };
}
