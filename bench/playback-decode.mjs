// Decode speed per codec in a Chromium Web Worker (the player's format
// modules, bundled with esbuild, decoding each staircase from memory), next
// to native ffmpeg decoding the same file to null on the same machine.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { quantile } from "./playback-analysis.mjs";
import { repoPath } from "./typescript-module.mjs";

/** The worker as one module script: dynamic imports of the decoders are inlined (no splitting). */
async function bundleWorker() {
  const result = await build({
    entryPoints: [repoPath("bench/fixtures/playback/decode-worker.ts")],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "warning",
  });
  return result.outputFiles[0].text;
}

/** A blank page on 127.0.0.1 (a secure context, so WebCodecs exists in its workers). */
async function blankPage() {
  const server = createServer((_request, response) => {
    response.setHeader("Content-Type", "text/html");
    response.end("<!doctype html><title>decode bench</title>");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Runs in the page: starts the bundled worker and has it decode one file `runs` times. */
async function decodeInWorker({ source, format, base64, runs }) {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const worker = new Worker(url, { type: "module" });
  try {
    return await new Promise((resolve, reject) => {
      worker.onmessage = (event) => resolve(event.data);
      worker.onerror = (event) => reject(new Error(event.message));
      worker.postMessage({ format, bytes, runs }, [bytes.buffer]);
    });
  } finally {
    worker.terminate();
  }
}

/**
 * `ffmpeg -v info -benchmark -i FILE -f null -`, `runs` times: the median
 * wall time of the whole process, and of ffmpeg's own `rtime` (the decoding
 * loop, without process start and probing). Undefined without ffmpeg.
 */
function ffmpegMedians(path, runs) {
  const walls = [];
  const loops = [];
  for (let run = 0; run < runs; run++) {
    const started = process.hrtime.bigint();
    const args = ["-hide_banner", "-v", "info", "-benchmark", "-i", path, "-f", "null", "-"];
    const result = spawnSync("ffmpeg", args, { encoding: "utf8" });
    if (result.error !== undefined || result.status !== 0) return undefined;
    walls.push(Number(process.hrtime.bigint() - started) / 1e6);
    const rtime = /rtime=([\d.]+)s/.exec(result.stderr)?.[1];
    loops.push(rtime === undefined ? Number.NaN : Number(rtime) * 1000);
  }
  return { wallMs: quantile(walls, 0.5), loopMs: quantile(loops, 0.5) };
}

/**
 * Decodes every file in a fresh worker: the first run compiles the decoder's
 * WASM (cold), the median of the next `runs` is the warm figure. ffmpeg
 * decodes the same bytes `runs` times.
 */
export async function measureDecodeSpeed(browser, files, runs) {
  const source = await bundleWorker();
  const server = await blankPage();
  const context = await browser.newContext();
  const page = await context.newPage();
  const folder = mkdtempSync(join(tmpdir(), "player-bench-"));
  const results = {};
  try {
    await page.goto(server.url);
    for (const [format, bytes] of Object.entries(files)) {
      const base64 = Buffer.from(bytes).toString("base64");
      const answer = await page.evaluate(decodeInWorker, {
        source,
        format,
        base64,
        runs: runs + 1,
      });
      if (answer.error !== undefined) throw new Error(`${format}: ${answer.error}`);
      const seconds = answer.frames / answer.sampleRate;
      const [coldMs, ...warm] = answer.times;
      const path = join(folder, `staircase-${format}`);
      writeFileSync(path, bytes);
      results[format] = {
        seconds,
        coldMs,
        warmMs: quantile(warm, 0.5),
        ffmpeg: ffmpegMedians(path, runs),
      };
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
    await context.close();
    await server.close();
  }
  return results;
}
