// `pnpm bench sync-browser`: a first sync of a 10,000-track dev-cloud library in
// headless Chromium through the real player (createPlayer, the worker, real
// IndexedDB), signed in through the popup of the example page, for Google Drive
// and OneDrive, each in a fresh browser context. Also counts the page's long
// tasks (Long Tasks API) during each sync. Reference in the same run: the same
// listing paged with bare fetch from Node (bench/sync.mjs).
import { writeFileSync } from "node:fs";
import { startDevCloud } from "@player/dev-cloud";
import { buildExample, launchChromium, serveExample } from "../scripts/browser-rig.mjs";
import { assertObserverWorks, RECORD_LONG_TASKS } from "./long-tasks.mjs";
import { count, ms, printTable, ratio } from "./report.mjs";
import { loadSupport, rawListing, seconds } from "./sync.mjs";

/** Runs in the page once the player is ready: notes when sign-in, first tracks and sync end arrive. */
function watchSync() {
  const marks = { files: 0 };
  window.__sync = marks;
  window.player.on("auth:signed-in", () => {
    marks.signedInAt ??= performance.now();
  });
  window.player.on("library:tracks-changed", ({ added }) => {
    if (added > 0) marks.firstTracksAt ??= performance.now();
  });
  window.player.on("sync:progress", ({ processed }) => {
    marks.files = processed;
  });
  window.player.on("sync:end", (end) => {
    if (end.outcome === "completed") {
      marks.endAt = performance.now();
      marks.end = end;
    }
  });
}

/** One fresh context: open the example, sign in through the popup, wait for the sync's end. */
async function syncInChromium(browser, appUrl, provider) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.addInitScript(RECORD_LONG_TASKS);
    await page.goto(appUrl);
    await page.waitForSelector("#status[data-state=ready]");
    await page.evaluate(watchSync);
    const [popup] = await Promise.all([
      page.waitForEvent("popup"),
      page.click(`#sign-in-${provider}`),
    ]);
    await popup.waitForSelector("button[value=allow]");
    const consentAt = await page.evaluate(() => performance.now());
    await Promise.all([popup.waitForEvent("close"), popup.click("button[value=allow]")]);
    await page.waitForFunction(() => window.__sync.endAt !== undefined, null, {
      timeout: 300_000,
    });
    const { marks, longTasks, tracks } = await page.evaluate(async () => ({
      marks: window.__sync,
      longTasks: window.__longTasks,
      tracks: (await window.player.library.counts()).tracks,
    }));
    await assertObserverWorks(page);
    // Long tasks from the consent click (the sign-in finishes on the page) to the sync's end.
    const during = longTasks.filter(
      (task) => task.startTime + task.duration >= consentAt && task.startTime <= marks.endAt,
    );
    return {
      usableMs: marks.firstTracksAt - marks.signedInAt,
      syncedMs: marks.endAt - marks.signedInAt,
      workerJobMs: marks.end.durationMs,
      files: marks.files,
      added: marks.end.added,
      tracks,
      longTasks: during.map((task) => Math.round(task.duration)),
      longTasksBeforeSignIn: longTasks.length - during.length,
    };
  } finally {
    await context.close();
  }
}

/** Runs the browser sync benchmark for both providers and prints its table. */
export async function runSyncBrowserBench() {
  const size = Number(process.env.BENCH_SYNC_TRACKS ?? 10_000);
  const support = await loadSupport();
  const cloud = await startDevCloud({ tracks: size });
  await buildExample();
  const server = await serveExample();
  const browser = await launchChromium();
  const appUrl = `${server.url}?cloud=${encodeURIComponent(cloud.url)}`;
  const rows = [];
  const figures = { browser: browser.version() };
  try {
    for (const provider of ["google", "microsoft"]) {
      const account =
        provider === "google"
          ? await support.signInGoogle(cloud.url)
          : await support.signInMicrosoft(cloud.url);
      // Reference first (once to warm the emulator up, once measured), then the player.
      await rawListing(cloud, support, provider, account);
      const raw = await rawListing(cloud, support, provider, account);
      const sdk = await syncInChromium(browser, appUrl, provider);
      figures[provider] = { sdk, raw };
      const perSecond = (files, time) => `${count(files / (time / 1000))} files/s`;
      const longest = Math.max(0, ...sdk.longTasks);
      rows.push(
        [
          `${provider}: sign-in → first tracks-changed (library usable)`,
          seconds(sdk.usableMs),
          seconds(raw.firstPageMs),
          ratio(sdk.usableMs, raw.firstPageMs),
        ],
        [
          `${provider}: sign-in → sync:end completed`,
          seconds(sdk.syncedMs),
          seconds(raw.listedMs),
          ratio(sdk.syncedMs, raw.listedMs),
        ],
        [
          `${provider}: files per second`,
          perSecond(sdk.files, sdk.syncedMs),
          perSecond(raw.files, raw.listedMs),
          ratio(raw.listedMs / raw.files, sdk.syncedMs / sdk.files),
        ],
        [
          `${provider}: sync job in the worker (sync:end durationMs)`,
          seconds(sdk.workerJobMs),
          "",
          "",
        ],
        [
          `${provider}: files (player: stored, last sync:progress; reference: listed)`,
          count(sdk.files),
          count(raw.files),
          "",
        ],
        [
          `${provider}: tracks in the library (sync:end added)`,
          `${count(sdk.tracks)} (${count(sdk.added)})`,
          "",
          "",
        ],
        [
          `${provider}: page long tasks > 50 ms during the sync (target 0)`,
          `${sdk.longTasks.length}${sdk.longTasks.length > 0 ? `, longest ${ms(longest)} (${sdk.longTasks.join(", ")} ms)` : ""}`,
          "",
          "",
        ],
      );
    }
  } finally {
    await browser.close();
    await server.close();
    await cloud.close();
  }
  console.log(
    `## First sync of a ${count(size)}-file dev-cloud library, Chromium ${figures.browser}, player in a worker, IndexedDB`,
  );
  console.log("");
  printTable(
    [
      "measure",
      "player in Chromium",
      "reference (bare fetch paging, Node)",
      "ratio player/reference",
    ],
    rows,
  );
  if (process.env.BENCH_JSON)
    writeFileSync(
      `${process.env.BENCH_JSON}.sync-browser.json`,
      `${JSON.stringify(figures, null, 2)}\n`,
    );
  return figures;
}
