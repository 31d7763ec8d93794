// `pnpm bench metadata`: the background tag scan (MetadataScanner over range
// reads) of a 1,000-track dev-cloud library with 20 ms on every request, for
// Google Drive and OneDrive, at 4 and 8 files at a time, in Node
// (fake-indexeddb). Reference in the same run: the naive read (whole file +
// music-metadata parseBuffer) of a 200-track sample, same latency and
// concurrency. Bytes and requests come from the dev-cloud's request log.
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { LibraryService } from "@player/core-library";
import { EventBus, HttpClient } from "@player/core-runtime";
import {
  GoogleDriveConnector,
  OneDriveConnector,
  ProviderApi,
  runSyncJob,
} from "@player/core-sync";
import { signInTestAccount } from "@player/dev-cloud";
import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { startDevCloudProcess } from "./metadata-cloud.mjs";
import { naiveScan, sampleTracks } from "./metadata-naive.mjs";
import { printMetadataFigures } from "./metadata-report.mjs";
import {
  figuresByGroup,
  logCursor,
  perFileFigures,
  setLatency,
  wireCostSince,
} from "./metadata-requests.mjs";
import { importTypeScript, repoPath } from "./typescript-module.mjs";

/**
 * core-metadata's build and its music-metadata (neither is a dependency of
 * the repository root), and p-queue. music-metadata is imported from its
 * Node entry, not bundled: esbuild cannot turn its CommonJS `debug` into ESM.
 */
async function loadSupport() {
  const fromFile = (path) => import(pathToFileURL(repoPath(path)).href);
  const metadata = await fromFile("packages/core-metadata/dist/index.js");
  const musicMetadataDir = "packages/core-metadata/node_modules/music-metadata/";
  const manifest = JSON.parse(readFileSync(repoPath(`${musicMetadataDir}package.json`), "utf8"));
  const musicMetadata = await fromFile(`${musicMetadataDir}${manifest.exports.node.import}`);
  const { PQueue } = await importTypeScript(
    "metadata-support",
    'export { default as PQueue } from "p-queue";',
    repoPath("packages/core-metadata"),
  );
  return {
    MetadataScanner: metadata.MetadataScanner,
    parseBuffer: musicMetadata.parseBuffer,
    PQueue,
  };
}

const verbose = (...parts) => {
  if (process.env.BENCH_VERBOSE)
    console.error(`[metadata ${(performance.now() / 1000).toFixed(1)} s]`, ...parts);
};

/** CPU time of this process (the scan, its library writes and parsers; not the dev-cloud's). */
const cpuMs = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
};

/** A fresh library synced from the dev-cloud (no latency yet), with the connector that reads its files. */
async function syncedLibrary(cloud, support, provider, account) {
  const api = new ProviderApi({
    provider,
    accountId: account.accountId,
    http: new HttpClient(),
    tokens: account.tokens,
    // Not the limit for the scan: its own concurrency is what is measured.
    queue: new support.PQueue({ concurrency: 8 }),
  });
  const drive =
    provider === "google"
      ? new GoogleDriveConnector({ api, baseUrl: `${cloud.url}/google/drive/v3` })
      : new OneDriveConnector({ api, baseUrl: `${cloud.url}/graph/v1.0` });
  const bus = new EventBus();
  const library = new LibraryService({ bus, indexedDB: new IDBFactory(), IDBKeyRange });
  await runSyncJob({ accountId: account.accountId, connector: drive, target: library, bus });
  return { drive, bus, library };
}

/** Every track of the library, paged. */
async function allTracks(library) {
  const tracks = [];
  for (let cursor = null; ; ) {
    const page = await library.queryTracks({ limit: 1000, ...(cursor === null ? {} : { cursor }) });
    tracks.push(...page.items);
    cursor = page.nextCursor;
    if (cursor === null) return tracks;
  }
}

/** One scan of a freshly synced library at `concurrency`, with `latencyMs` on every request. */
async function measureScan({ cloud, support, provider, account, concurrency, latencyMs, groupOf }) {
  await setLatency(cloud, 0);
  const { drive, bus, library } = await syncedLibrary(cloud, support, provider, account);
  const needingTags = await library.countTracksNeedingTags(account.accountId);
  verbose(
    `${provider}: synced; ${needingTags} tracks need tags; scanning ${concurrency} at a time`,
  );
  let last;
  bus.on("metadata:progress", (progress) => {
    last = progress;
  });
  const scanner = new support.MetadataScanner({
    bus,
    library,
    accountIds: () => [account.accountId],
    storageFor: () => drive,
    concurrency,
  });
  await setLatency(cloud, latencyMs);
  const cursor = await logCursor(cloud);
  const cpuBefore = cpuMs();
  const started = performance.now();
  scanner.start();
  await scanner.whenIdle();
  const wallMs = performance.now() - started;
  const scanCpuMs = cpuMs() - cpuBefore;
  await setLatency(cloud, 0);
  const cost = await wireCostSince(cloud, cursor);
  scanner.dispose();
  const tracks = await allTracks(library);
  library.destroy();
  const source = (name) => tracks.filter((track) => track.tagSource === name).length;
  return {
    provider,
    concurrency,
    tracks: tracks.length,
    needingTags,
    done: last?.done ?? 0,
    unreadable: last?.unreadable ?? 0,
    failed: last?.failed ?? 0,
    stillNeedingTags: tracks.filter((track) => track.needsTags).length,
    wallMs,
    cpuMs: scanCpuMs,
    tags: { file: source("file"), provider: source("provider"), fileName: source("file-name") },
    ...perFileFigures(cost),
    byFormat: figuresByGroup(cost, groupOf),
  };
}

/** Runs the benchmark and prints its tables. */
export async function runMetadataBench() {
  const size = Number(process.env.BENCH_METADATA_TRACKS ?? 1000);
  const latencyMs = Number(process.env.BENCH_METADATA_LATENCY_MS ?? 20);
  const step = Number(process.env.BENCH_METADATA_NAIVE_STEP ?? 5);
  const concurrencies = (process.env.BENCH_METADATA_CONCURRENCY ?? "4,8").split(",").map(Number);
  const support = await loadSupport();
  const cloud = await startDevCloudProcess({ tracks: size, seed: 1 });
  const figures = { size, latencyMs, step, scans: [], naive: [], loadBefore: loadavg()[0] };
  try {
    const library = await cloud.admin.library();
    const formats = new Map(
      library.tracks.map((track) => [track.fileId, track.broken ? "broken" : track.format]),
    );
    const groupOf = (fileId) => formats.get(fileId);
    const sample = await sampleTracks(cloud, step);
    for (const provider of ["google", "microsoft"]) {
      const account = await signInTestAccount(cloud.url, provider);
      for (const concurrency of concurrencies) {
        const options = { cloud, support, provider, account, concurrency, latencyMs };
        figures.scans.push(await measureScan({ ...options, groupOf }));
        await setLatency(cloud, latencyMs);
        const naive = await naiveScan({
          ...options,
          tracks: sample,
          parseBuffer: support.parseBuffer,
        });
        figures.naive.push({ provider, concurrency, ...naive });
        await setLatency(cloud, 0);
        verbose(`${provider}, ${concurrency} at a time: naive done`);
      }
    }
  } finally {
    await cloud.close();
  }
  figures.loadAfter = loadavg()[0];
  printMetadataFigures(figures);
  if (process.env.BENCH_JSON)
    writeFileSync(
      `${process.env.BENCH_JSON}.metadata.json`,
      `${JSON.stringify(figures, null, 2)}\n`,
    );
  return figures;
}
