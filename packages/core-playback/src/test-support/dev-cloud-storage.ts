/**
 * A signed-in dev-cloud drive as a StorageProvider, through core-sync's real
 * connectors over HTTP on 127.0.0.1. Test-only.
 */
import { abortableSleep, HttpClient, type StorageProvider } from "@player/core-runtime";
import { GoogleDriveConnector, OneDriveConnector, ProviderApi } from "@player/core-sync";
import { type DevCloud, signInTestAccount } from "@player/dev-cloud";
import PQueue from "p-queue";

/** Waits at most 1 ms: retries stay real but fast. */
export const tinySleep = (ms: number, signal?: AbortSignal) =>
  abortableSleep(Math.min(ms, 1), signal);

/** Options of {@link devCloudStorage}. */
export interface DevCloudStorageOptions {
  /** Retries inside the HTTP client (default 0: every fault reaches the caller's own retries). */
  httpRetries?: number;
}

/** Signs in to the dev-cloud and returns the account's drive. */
export async function devCloudStorage(
  cloud: DevCloud,
  provider: "google" | "microsoft",
  options: DevCloudStorageOptions = {},
): Promise<StorageProvider> {
  const account = await signInTestAccount(cloud.url, provider);
  const http = new HttpClient({ retries: options.httpRetries ?? 0, sleep: tinySleep });
  const api = new ProviderApi({
    provider,
    accountId: account.accountId,
    http,
    tokens: account.tokens,
    queue: new PQueue({ concurrency: 4 }),
    sleep: tinySleep,
  });
  return provider === "google"
    ? new GoogleDriveConnector({ api, baseUrl: `${cloud.url}/google/drive/v3` })
    : new OneDriveConnector({ api, baseUrl: `${cloud.url}/graph/v1.0` });
}
