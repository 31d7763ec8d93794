// `pnpm bench sync`: a first full sync of a 10,000-track library from the
// dev-cloud, for Google Drive and OneDrive, in Node (fake-indexeddb) for now.
// Reference in the same run: the same listing paged with bare fetch and the
// same page size and fields, with no connector logic and no library writes.
import { writeFileSync } from "node:fs";
import { LibraryService } from "@player/core-library";
import { HttpClient } from "@player/core-runtime";
import {
  GoogleDriveConnector,
  OneDriveConnector,
  ProviderApi,
  runSyncJob,
} from "@player/core-sync";
import { startDevCloud } from "@player/dev-cloud";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { count, printTable, ratio } from "./report.mjs";
import { importTypeScript, repoPath } from "./typescript-module.mjs";

const PAGE_SIZE = 1000;
export const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** dev-cloud sign-in over real HTTP, and p-queue and the connectors constants from core-sync. */
export const loadSupport = () =>
  importTypeScript(
    "sync-support",
    [
      'export { signInGoogle, signInMicrosoft } from "@player/dev-cloud";',
      'export { DRIVE_FILE_FIELDS } from "./src/providers/google-drive/drive-types.ts";',
      'export { DRIVE_AUDIO_QUERY } from "./src/providers/google-drive/google-drive-connector.ts";',
      'export { DRIVE_ITEM_SELECT } from "./src/providers/onedrive/graph-types.ts";',
      'export { default as PQueue } from "p-queue";',
    ].join("\n"),
    repoPath("packages/core-sync"),
  );

/** Runs a first sync job into a fresh library; times the first stored batch and the full listing. */
async function syncIntoLibrary(cloud, support, provider, account) {
  const library = new LibraryService({ indexedDB: new IDBFactory(), IDBKeyRange });
  const api = new ProviderApi({
    provider,
    accountId: account.accountId,
    http: new HttpClient(),
    tokens: account.tokens,
    queue: new support.PQueue({ concurrency: 4 }),
  });
  const connector =
    provider === "google"
      ? new GoogleDriveConnector({
          api,
          baseUrl: `${cloud.url}/google/drive/v3`,
          pageSize: PAGE_SIZE,
        })
      : new OneDriveConnector({ api, baseUrl: `${cloud.url}/graph/v1.0`, pageSize: PAGE_SIZE });
  const started = performance.now();
  let firstBatchMs;
  let listedMs;
  let files = 0;
  let storingMs = 0;
  // Wraps the library to see when each batch is stored (what the UI can show from then on).
  const target = {
    getSyncCursor: (accountId) => library.getSyncCursor(accountId),
    removeAccount: (accountId) => library.removeAccount(accountId),
    async applySyncBatch(batch) {
      const storing = performance.now();
      const result = await library.applySyncBatch(batch);
      storingMs += performance.now() - storing;
      files += batch.upserts.length;
      firstBatchMs ??= performance.now() - started;
      if (batch.completesFullListing) listedMs = performance.now() - started;
      return result;
    },
  };
  const summary = await runSyncJob({ accountId: account.accountId, connector, target });
  const jobMs = performance.now() - started;
  const tracks = (await library.counts()).tracks;
  library.destroy();
  return { firstBatchMs, listedMs, jobMs, storingMs, files, tracks, pages: summary.pages };
}

/** Pages through the same listing with bare fetch: the floor set by the emulator and HTTP. */
export async function rawListing(cloud, support, provider, account) {
  const token = await account.tokens.getAccessToken(account.accountId);
  const headers = { authorization: `Bearer ${token}` };
  const getJson = async (url) => {
    const response = await fetch(url, { headers });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    return response.json();
  };
  const started = performance.now();
  let firstPageMs;
  let files = 0;
  if (provider === "google") {
    const query = new URLSearchParams({
      q: support.DRIVE_AUDIO_QUERY,
      orderBy: "createdTime",
      pageSize: String(PAGE_SIZE),
      spaces: "drive",
      fields: `nextPageToken,files(${support.DRIVE_FILE_FIELDS},createdTime)`,
    });
    for (let pageToken; ; ) {
      if (pageToken !== undefined) query.set("pageToken", pageToken);
      const body = await getJson(`${cloud.url}/google/drive/v3/files?${query}`);
      files += body.files.length;
      firstPageMs ??= performance.now() - started;
      pageToken = body.nextPageToken;
      if (pageToken === undefined) break;
    }
  } else {
    let url = `${cloud.url}/graph/v1.0/me/drive/root/delta?$top=${PAGE_SIZE}&$select=${support.DRIVE_ITEM_SELECT}`;
    while (url !== undefined) {
      const body = await getJson(url);
      files += body.value.filter((item) => item.file !== undefined).length;
      firstPageMs ??= performance.now() - started;
      url = body["@odata.nextLink"];
    }
  }
  return { firstPageMs, listedMs: performance.now() - started, files };
}

/** Runs the sync benchmark for both providers and prints its table. */
export async function runSyncBench() {
  const size = Number(process.env.BENCH_SYNC_TRACKS ?? 10_000);
  const support = await loadSupport();
  const cloud = await startDevCloud({ tracks: size });
  const rows = [];
  const figures = {};
  try {
    for (const provider of ["google", "microsoft"]) {
      const account =
        provider === "google"
          ? await support.signInGoogle(cloud.url)
          : await support.signInMicrosoft(cloud.url);
      // Reference first, then the SDK: the emulator's own caches are warm for both alike.
      await rawListing(cloud, support, provider, account);
      const raw = await rawListing(cloud, support, provider, account);
      const sdk = await syncIntoLibrary(cloud, support, provider, account);
      figures[provider] = { sdk, raw };
      const perSecond = (files, ms) => `${count(files / (ms / 1000))} files/s`;
      rows.push(
        [
          `${provider}: first batch stored (library usable)`,
          seconds(sdk.firstBatchMs),
          seconds(raw.firstPageMs),
          ratio(sdk.firstBatchMs, raw.firstPageMs),
        ],
        [
          `${provider}: full listing stored`,
          seconds(sdk.listedMs),
          seconds(raw.listedMs),
          ratio(sdk.listedMs, raw.listedMs),
        ],
        [
          `${provider}: files per second`,
          perSecond(sdk.files, sdk.listedMs),
          perSecond(raw.files, raw.listedMs),
          ratio(raw.listedMs / raw.files, sdk.listedMs / sdk.files),
        ],
        [`${provider}: whole job (listing + changes check)`, seconds(sdk.jobMs), "", ""],
        [
          `${provider}: of which inside applySyncBatch (library writes)`,
          seconds(sdk.storingMs),
          "",
          "",
        ],
        [
          `${provider}: files (SDK: audio + .lrc stored; reference: all listed)`,
          count(sdk.files),
          count(raw.files),
          "",
        ],
        [`${provider}: tracks in the library`, count(sdk.tracks), "", ""],
      );
    }
  } finally {
    await cloud.close();
  }
  console.log(
    `## First sync of a ${count(size)}-file dev-cloud library, Node ${process.versions.node}, fake-indexeddb, page size ${PAGE_SIZE}`,
  );
  console.log("");
  printTable(
    [
      "measure",
      "SDK (runSyncJob → LibraryService)",
      "reference (bare fetch paging)",
      "ratio SDK/reference",
    ],
    rows,
  );
  if (process.env.BENCH_JSON)
    writeFileSync(`${process.env.BENCH_JSON}.sync.json`, `${JSON.stringify(figures, null, 2)}\n`);
  return figures;
}
