// Search and sorted pages over 100,000 tracks in headless Chromium with real
// IndexedDB: examples/bench-library runs LibraryService in a dedicated worker
// and times it against a naive scan of the same rows, in the same worker.
import { writeFileSync } from "node:fs";
import { buildExample, launchChromium, serveExample } from "../scripts/browser-rig.mjs";
import { LIBRARY_TARGETS, printLibraryResult } from "./report.mjs";

/** Runs the Chromium library benchmark and prints its tables. */
export async function runLibrarySearchBench() {
  const options = {
    tracks: Number(process.env.BENCH_TRACKS ?? 100_000),
    rounds: Number(process.env.BENCH_SEARCH_ROUNDS ?? 10),
  };
  await buildExample("bench-library");
  const server = await serveExample("bench-library");
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(0);
    if (process.env.BENCH_VERBOSE) page.on("console", (message) => console.error(message.text()));
    await page.goto(`${server.url}search.html`);
    await page.waitForFunction(() => typeof window.runLibraryBench === "function");
    if (!(await page.evaluate(() => crossOriginIsolated)))
      throw new Error("The library bench page must be cross-origin isolated for fine timers");
    const result = await page.evaluate((o) => window.runLibraryBench(o), options);
    console.log(`## Library in a dedicated worker, Chromium ${browser.version()}, real IndexedDB`);
    console.log("");
    printLibraryResult(result, LIBRARY_TARGETS);
    if (process.env.BENCH_JSON)
      writeFileSync(
        `${process.env.BENCH_JSON}.search.json`,
        `${JSON.stringify(result, null, 2)}\n`,
      );
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}
