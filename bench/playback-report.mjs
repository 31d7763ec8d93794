// The playback benchmark's tables: each figure next to its reference, the
// ratio between them, and the target where the issue sets one.
import { summary } from "./playback-analysis.mjs";
import { ms, printTable, ratio } from "./report.mjs";

const MB = 1024 * 1024;
const mb = (bytes) => (Number.isFinite(bytes) ? `${(bytes / MB).toFixed(1)} MB` : "—");
const check = (value, target) =>
  Number.isFinite(value) ? `≤ ${target} ms ${value <= target ? "✓" : "✗"}` : "—";
const times = (seconds, elapsedMs) => `${Math.round(seconds / (elapsedMs / 1000))}×`;

/** Time to first sound, per latency and format. */
export function printFirstSound(byLatency, targetMs) {
  const rows = [];
  for (const { latencyMs, reference, firstSounds } of byLatency) {
    const floor = summary(reference);
    for (const [format, run] of Object.entries(firstSounds)) {
      const warm = summary(run.warm.map((r) => r.clockMs));
      rows.push([
        `${format}, ${latencyMs} ms`,
        ms(run.cold?.clockMs),
        `${ms(warm.median)} / ${ms(warm.p95)} (${warm.n}${run.missed > 0 ? `, ${run.missed} silent` : ""})`,
        ms(summary(run.warm.map((r) => r.arrivalMs)).median),
        ms(summary(run.warm.map((r) => r.settledMs)).median),
        `${ms(floor.median)} / ${ms(floor.p95)}`,
        ratio(warm.median, floor.median),
        latencyMs === 20 ? check(warm.median, targetMs) : "",
      ]);
    }
  }
  printTable(
    [
      "format, latency per request",
      "cold: 1st play (loads the decoder)",
      "warm median / p95 (plays)",
      "warm median, page received",
      "warm median, `play()` resolved",
      "reference: one 16 KiB Range fetch, median / p95",
      "ratio warm median / reference",
      "target (warm median, 20 ms)",
    ],
    rows,
  );
}

/** Seek latency, remote and local, per latency and format. */
export function printSeeks(byLatency, targetMs) {
  const rows = [];
  for (const { latencyMs, reference, seeks } of byLatency) {
    const floor = summary(reference);
    for (const [format, list] of Object.entries(seeks.seeks)) {
      const heard = list.filter((seek) => Number.isFinite(seek.clockMs));
      const remote = heard.filter((seek) => seek.target > 2);
      const local = heard.filter((seek) => seek.target <= 2);
      const far = summary(remote.map((s) => s.clockMs));
      const near = summary(local.map((s) => s.clockMs));
      const fetched = remote.filter((seek) => seek.remote).length;
      const wrongTone = heard.filter((seek) => !seek.toneOk).length;
      const missed = list.length - heard.length;
      rows.push([
        `${format}, ${latencyMs} ms`,
        `${ms(far.median)} / ${ms(far.p95)} (${far.n}, ${fetched} fetched unread bytes)`,
        `${ms(near.median)} / ${ms(near.p95)} (${near.n}, ${local.filter((s) => s.requests === 0).length} without a request)`,
        ms(floor.median),
        ratio(far.median, floor.median),
        `${wrongTone}${missed > 0 ? `, ${missed} not found` : ""}`,
        latencyMs === 20 ? `${check(far.median, targetMs)} / ${check(near.median, targetMs)}` : "",
      ]);
    }
  }
  printTable(
    [
      "format, latency per request",
      "far ahead median / p95 (seeks, of which fetched)",
      "back into played part median / p95 (seeks)",
      "reference: 16 KiB Range fetch, median",
      "ratio far median / reference",
      "wrong tone after the seek",
      "target (median, 20 ms): far / back",
    ],
    rows,
  );
}

/** Decode speed in the worker next to ffmpeg. */
export function printDecode(results) {
  const rows = Object.entries(results).map(([format, r]) => {
    const ours = r.seconds / (r.warmMs / 1000);
    const wall = r.ffmpeg === undefined ? Number.NaN : r.seconds / (r.ffmpeg.wallMs / 1000);
    const loop = r.ffmpeg === undefined ? Number.NaN : r.seconds / (r.ffmpeg.loopMs / 1000);
    return [
      `${format} (${r.seconds} s)`,
      `${ms(r.warmMs)} (cold ${ms(r.coldMs)})`,
      times(r.seconds, r.warmMs),
      r.ffmpeg === undefined
        ? "no ffmpeg"
        : `${ms(r.ffmpeg.wallMs)}: ${times(r.seconds, r.ffmpeg.wallMs)}`,
      ratio(ours, wall),
      r.ffmpeg === undefined ? "" : `${ms(r.ffmpeg.loopMs)}: ${times(r.seconds, r.ffmpeg.loopMs)}`,
      ratio(ours, loop),
    ];
  });
  printTable(
    [
      "codec (staircase)",
      "player's module in a worker, median (1st run)",
      "× realtime",
      "ffmpeg wall (process): × realtime",
      "ratio ours/ffmpeg wall",
      "ffmpeg `rtime` (decode loop): × realtime",
      "ratio ours/ffmpeg rtime",
    ],
    rows,
  );
}

/** Memory at steady state against the arithmetic floor and the design claim. */
export function printMemory({ results, configureTookEffect }, sampleRate) {
  const rows = results.map((r) => [
    `${r.label}, ${r.aheadSeconds} s ahead`,
    `${r.bufferedSeconds.toFixed(2)} s → ${mb(r.pcmBytes)}`,
    mb(r.aheadSeconds * sampleRate * 2 * 4),
    `${mb(r.idle.jsHeap)} → ${mb(r.jsHeap)} → ${mb(r.afterGc.jsHeap)}`,
    `${mb(r.idle.backing)} → ${mb(r.backing)} → ${mb(r.afterGc.backing)}`,
    mb(r.jsHeap + r.backing),
    r.aheadSeconds === 10 ? "~20 MB" : "",
  ]);
  printTable(
    [
      "file, buffer setting",
      "PCM in flight (queued ahead, median)",
      "floor: stereo float32 at the context rate",
      "worker JS heap: idle → playing → playing after GC",
      "worker ArrayBuffers: idle → playing → after GC",
      "worker total while playing",
      "design claim",
    ],
    rows,
  );
  console.log(
    `\`player.configure({ playback: { bufferAheadSeconds: 10 } })\` ${configureTookEffect ? "took effect on the running engine" : "did not take effect on the running engine: the 10 s rows come from a player created with the setting"}.`,
  );
  console.log("");
}

/** Long tasks during playback with seeks. */
export function printLongTasks(result) {
  const longest = Math.max(0, ...result.longTasks);
  printTable(
    ["measure", "player in Chromium", "target"],
    [
      [
        `page long tasks > 50 ms during ${(result.spanMs / 1000).toFixed(1)} s of playback with ${result.seeks} seeks`,
        `${result.longTasks.length}${result.longTasks.length > 0 ? `, longest ${ms(longest)} (${result.longTasks.map((d, i) => `${d} ms at +${result.startsAt[i].toFixed(2)} s`).join(", ")})` : ""}`,
        `0 ${result.longTasks.length === 0 ? "✓" : "✗"}`,
      ],
    ],
  );
}
