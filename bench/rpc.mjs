// `pnpm bench rpc`: main↔worker RPC round trip and event-forwarding throughput in
// headless Chromium, each next to a reference measured in the same run: a bare
// worker answering raw postMessage, with no SDK, Comlink or batching.
import { writeFileSync } from "node:fs";
import { buildExample, launchChromium, serveExample } from "../scripts/browser-rig.mjs";

/** Runs the RPC and event-forwarding benchmark and prints its table. */
export async function runRpcBench() {
  const calls = Number(process.env.BENCH_CALLS ?? 2_000);
  const events = Number(process.env.BENCH_EVENTS ?? 100_000);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

  const fmt = (value, digits = 3) => value.toFixed(digits);
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

  await buildExample();
  const server = await serveExample();
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}bench.html`);
    await page.waitForFunction(() => typeof window.runBench === "function");
    if (!(await page.evaluate(() => crossOriginIsolated)))
      throw new Error("The bench page must be cross-origin isolated for fine timers");
    const results = [];
    for (let round = 0; round < rounds; round++) {
      results.push(await page.evaluate((options) => window.runBench(options), { calls, events }));
    }
    const pick = (read) => median(results.map(read));
    const figures = {
      browser: browser.version(),
      rounds,
      calls,
      events,
      rpcMedianMs: pick((r) => r.rpc.medianMs),
      rpcP95Ms: pick((r) => r.rpc.p95Ms),
      rawMedianMs: pick((r) => r.rpcReference.medianMs),
      rawP95Ms: pick((r) => r.rpcReference.p95Ms),
      eventsPerSecond: pick((r) => r.eventsPerSecond),
      rawEventsPerSecond: pick((r) => r.eventsPerSecondReference),
    };
    console.log(`## Main ↔ worker RPC, Chromium ${figures.browser}, median of ${rounds} rounds`);
    console.log("");
    console.log(
      "| measure | SDK (Comlink + batching) | reference (raw postMessage) | ratio SDK/reference |",
    );
    console.log("|---|---|---|---|");
    console.log(
      `| RPC round trip, median of ${calls} calls | ${fmt(figures.rpcMedianMs)} ms | ${fmt(figures.rawMedianMs)} ms | ${fmt(figures.rpcMedianMs / figures.rawMedianMs, 2)} |`,
    );
    console.log(
      `| RPC round trip, p95 of ${calls} calls | ${fmt(figures.rpcP95Ms)} ms | ${fmt(figures.rawP95Ms)} ms | ${fmt(figures.rpcP95Ms / figures.rawP95Ms, 2)} |`,
    );
    console.log(
      `| events reaching the page, ${events} in a burst | ${Math.round(figures.eventsPerSecond).toLocaleString("en")} /s | ${Math.round(figures.rawEventsPerSecond).toLocaleString("en")} /s | ${fmt(figures.eventsPerSecond / figures.rawEventsPerSecond, 2)} |`,
    );
    if (process.env.BENCH_JSON)
      writeFileSync(process.env.BENCH_JSON, `${JSON.stringify({ figures, results }, null, 2)}\n`);
  } finally {
    await browser.close();
    await server.close();
  }
}
