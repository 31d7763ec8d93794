/**
 * Test-only: a signed-in dev-cloud Google Drive as a StorageProvider (core-sync's
 * real connector over HTTP on 127.0.0.1), and the bytes its request log saw.
 */
import { abortableSleep, HttpClient, type StorageProvider } from "@player/core-runtime";
import { GoogleDriveConnector, ProviderApi } from "@player/core-sync";
import { type DevCloud, signInTestAccount } from "@player/dev-cloud";
import PQueue from "p-queue";

/** Signs in to the dev-cloud and returns the account's Google Drive. */
export async function devCloudDrive(cloud: DevCloud): Promise<StorageProvider> {
  const account = await signInTestAccount(cloud.url, "google");
  const sleep = (ms: number, signal?: AbortSignal) => abortableSleep(Math.min(ms, 1), signal);
  const api = new ProviderApi({
    provider: "google",
    accountId: account.accountId,
    http: new HttpClient({ sleep }),
    tokens: account.tokens,
    queue: new PQueue({ concurrency: 4 }),
    sleep,
  });
  return new GoogleDriveConnector({ api, baseUrl: `${cloud.url}/google/drive/v3` });
}

/** Media requests and body bytes the dev-cloud logged for one file since `since`. */
export async function loggedFileReads(
  cloud: DevCloud,
  fileId: string,
  since: number,
): Promise<{ requests: number; bytes: number }> {
  const entries = await cloud.admin.requests({ since, path: `/google/drive/v3/files/${fileId}` });
  const media = entries.filter((entry) => entry.range !== undefined);
  return { requests: media.length, bytes: media.reduce((sum, entry) => sum + entry.bytes, 0) };
}

/** The median of some numbers (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}
