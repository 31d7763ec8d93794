// `pnpm bench playback`: the player's playback in headless Chromium, from the
// local dev-cloud, through the real example app (player in its worker, PCM to
// the AudioWorklet). Measures time to first sound and seek latency per format
// at 0 and 20 ms per request, decode speed per codec in a worker next to
// ffmpeg, memory at steady state with 4 s and 10 s buffered, and the page's
// long tasks while playing and seeking. Every figure is printed next to a
// reference measured in the same run.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { launchChromium } from "../scripts/browser-rig.mjs";
import { RECORD_LONG_TASKS } from "./long-tasks.mjs";
import { measureDecodeSpeed } from "./playback-decode.mjs";
import { measureFirstSounds, measureRangeReference, measureSeeks } from "./playback-latency.mjs";
import { measureLongTasks } from "./playback-longtasks.mjs";
import { measureMemory } from "./playback-memory.mjs";
import {
  printDecode,
  printFirstSound,
  printLongTasks,
  printMemory,
  printSeeks,
} from "./playback-report.mjs";
import {
  buildAndServeExample,
  loadStaircases,
  openSignedInPage,
  setLatency,
  startCloudWithStaircases,
} from "./playback-rig.mjs";

const TARGETS = { firstSoundMs: 100, seekMs: 80 };

/** Settings from the environment, with defaults that take about ten minutes. */
function settings() {
  const number = (name, fallback) => Number(process.env[name] ?? fallback);
  return {
    plays: number("BENCH_PLAYS", 8),
    seekRounds: number("BENCH_SEEK_ROUNDS", 5),
    decodeRuns: number("BENCH_DECODE_RUNS", 7),
    referenceRounds: number("BENCH_REFERENCE_ROUNDS", 5),
    latencies: (process.env.BENCH_LATENCIES ?? "0,20").split(",").map(Number),
  };
}

/** Time to first sound and seeks at one latency, in a fresh context (so decoders load cold). */
async function latencyRound(browser, appUrl, setup, latencyMs, options) {
  const { context, page } = await openSignedInPage(browser, appUrl);
  try {
    await setLatency(setup.cloud, latencyMs);
    const reference = await measureRangeReference(
      page,
      setup.tracks,
      setup.token,
      options.referenceRounds,
    );
    const firstSounds = await measureFirstSounds(page, setup.tracks, options.plays);
    const seeks = await measureSeeks(page, setup.cloud, setup.tracks, options.seekRounds);
    return { latencyMs, reference, firstSounds, seeks };
  } finally {
    await setLatency(setup.cloud, 0);
    await context.close();
  }
}

/** Memory and long tasks, in one more fresh context, at 20 ms per request. */
async function steadyRound(browser, appUrl, setup) {
  const { context, page, sampleRate } = await openSignedInPage(browser, appUrl, RECORD_LONG_TASKS);
  try {
    await setLatency(setup.cloud, 20);
    const longTasks = await measureLongTasks(page, setup.tracks.flac);
    const memory = await measureMemory(page, setup.tracks, sampleRate, setup.cloud.url);
    return { sampleRate, longTasks, memory };
  } finally {
    await setLatency(setup.cloud, 0);
    await context.close();
  }
}

/** Runs the playback benchmark and prints its tables. */
export async function runPlaybackBench() {
  const options = settings();
  const files = await loadStaircases();
  const setup = await startCloudWithStaircases(files);
  const server = await buildAndServeExample();
  const browser = await launchChromium();
  const appUrl = `${server.url}?cloud=${encodeURIComponent(setup.cloud.url)}`;
  const figures = { browser: browser.version(), options, loadBefore: loadavg() };
  try {
    figures.latency = [];
    for (const latencyMs of options.latencies)
      figures.latency.push(await latencyRound(browser, appUrl, setup, latencyMs, options));
    figures.steady = await steadyRound(browser, appUrl, setup);
    figures.decode = await measureDecodeSpeed(browser, files, options.decodeRuns);
  } finally {
    await browser.close();
    await server.close();
    await setup.cloud.close();
  }
  figures.loadAfter = loadavg();
  const { sampleRate } = figures.steady;
  console.log(
    `## Playback in Chromium ${figures.browser} (AudioContext at ${sampleRate} Hz), player in a worker, from the local dev-cloud`,
  );
  console.log("");
  const load = (averages) => averages.map((value) => value.toFixed(1)).join(" / ");
  console.log(
    `Machine load average (1 / 5 / 15 min): ${load(figures.loadBefore)} at the start, ${load(figures.loadAfter)} at the end.`,
  );
  console.log("");
  console.log(
    "Time to first sound: `player.play(key)` → first sample ≠ 0 leaving the worklet (ms)",
  );
  console.log("");
  printFirstSound(figures.latency, TARGETS.firstSoundMs);
  console.log(
    "Seek latency: `player.seek(t)` → first sample of the new position leaving the worklet (ms)",
  );
  console.log("");
  printSeeks(figures.latency, TARGETS.seekMs);
  const errors = figures.latency.flatMap((round) => round.seeks.errors);
  if (errors.length > 0) console.log(`playback:error events: ${JSON.stringify(errors)}\n`);
  console.log("Decode speed, whole staircase from memory");
  console.log("");
  printDecode(figures.decode);
  console.log("Memory at steady state (20 ms per request)");
  console.log("");
  printMemory(figures.steady.memory, sampleRate);
  printLongTasks(figures.steady.longTasks);
  if (process.env.BENCH_JSON)
    writeFileSync(
      `${process.env.BENCH_JSON}.playback.json`,
      `${JSON.stringify(figures, null, 2)}\n`,
    );
  return figures;
}
