import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  readStaircase,
  STAIRCASE_AMPLITUDE,
  STAIRCASE_SECONDS,
  seekErrorFrames,
  staircaseToneAt,
} from "../../packages/core-playback/src/test-support/signals.js";
import { launchChromium } from "../../scripts/browser-rig.mjs";
import type { DecodeReport, DecodeRequest } from "./fixtures/mp4-decode/decode-worker.js";

const RATE = 44_100;
/** 15.5 s, one target just before a tone step, one at an odd frame; and the largest sample difference allowed. */
const SEEKS = [
  { target: 15.5 * RATE, maxDifference: 1e-4 },
  { target: 7 * RATE - 1000, maxDifference: 0.02 },
  { target: 123_457, maxDifference: 2e-3 },
];
const WINDOW_BEFORE = 4096;

const m4a = readStaircase("m4a");
let server: Server;
let baseUrl: string;
let browser: Browser;
let page: Page;

/** Serves the page, the bundled worker and the M4A (with Range support) on 127.0.0.1. */
async function startServer(workerCode: string): Promise<Server> {
  const http = createServer((request, response) => {
    if (request.url === "/decode-worker.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(workerCode);
    } else if (request.url === "/staircase.m4a") {
      const match = /^bytes=(\d+)-(\d+)$/.exec(request.headers.range ?? "");
      if (match === null) {
        response.writeHead(200, { "content-type": "audio/mp4" }).end(m4a);
        return;
      }
      const start = Number(match[1]);
      const end = Math.min(Number(match[2]), m4a.length - 1);
      response
        .writeHead(206, {
          "content-type": "audio/mp4",
          "content-range": `bytes ${start}-${end}/${m4a.length}`,
        })
        .end(m4a.subarray(start, end + 1));
    } else {
      response
        .writeHead(200, { "content-type": "text/html" })
        .end("<!doctype html><title>mp4</title>");
    }
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return http;
}

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [
      fileURLToPath(new URL("./fixtures/mp4-decode/decode-worker.ts", import.meta.url)),
    ],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "warning",
  });
  server = await startServer(bundle.outputFiles[0]?.text ?? "");
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
  page = await browser.newPage();
  await page.goto(`${baseUrl}/`);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

async function decodeInWorker(): Promise<DecodeReport> {
  const request: DecodeRequest = {
    url: `${baseUrl}/staircase.m4a`,
    size: m4a.length,
    seekTargets: SEEKS.map((seek) => seek.target),
  };
  const answer = await page.evaluate(
    (message) =>
      new Promise<{ report?: DecodeReport; error?: string }>((resolve) => {
        const worker = new Worker("/decode-worker.js", { type: "module" });
        worker.onmessage = (event) => {
          resolve(event.data);
          worker.terminate();
        };
        worker.onerror = (event) => resolve({ error: event.message });
        worker.postMessage(message);
      }),
    request,
  );
  if (answer.report === undefined) throw new Error(`The worker failed: ${answer.error}`);
  return answer.report;
}

describe("the MP4 module in Chromium (WebCodecs AudioDecoder in a worker)", () => {
  let report: DecodeReport;
  beforeAll(async () => {
    report = await decodeInWorker();
  });

  it("decodes the staircase M4A to exactly 24 s of stereo, delay and padding trimmed", () => {
    expect(report.info).toEqual({
      format: "mp4",
      codec: "aac",
      sampleRate: RATE,
      channels: 2,
      totalFrames: 24 * RATE,
    });
    expect(report.decodedFrames).toBe(STAIRCASE_SECONDS * RATE);
    expect(report.contiguous).toBe(true);
    expect(report.issues).toEqual([]);
  });

  it("plays the right tone each second at the right level on each channel", () => {
    expect(report.tonesPerSecond).toEqual(
      Array.from({ length: STAIRCASE_SECONDS }, (_, n) => staircaseToneAt(n)),
    );
    // A sine's RMS level is its amplitude over √2; 96 kb/s AAC keeps it within 8 % (measured: 6 %).
    const offBy = (level: number, amplitude: number) =>
      Math.abs(level / (amplitude / Math.SQRT2) - 1);
    for (const level of report.levelsPerSecond) {
      expect(offBy(level.left, STAIRCASE_AMPLITUDE.left)).toBeLessThan(0.08);
      expect(offBy(level.right, STAIRCASE_AMPLITUDE.right)).toBeLessThan(0.08);
    }
  });

  it("reads only ftyp, moov and box headers to open, then each sample's bytes once", () => {
    expect(report.bytesReadToOpen).toBe(4096 + 16 + 4866);
    // mdat's payload (offset 44 to the moov at 291 077) once, no more.
    expect(report.bytesReadToPlay).toBe(report.bytesReadToOpen + (291_077 - 44));
  });

  // The frames land exactly (error 0 samples), but the values are not bit-identical to
  // the whole decode: AAC's perceptual noise substitution draws from a random state the
  // decoder carries from its start, so noise-coded bands differ however long the preroll
  // (measured: 5e-6 at 15.5 s, 8e-3 across the 7 s tone step, relative RMS ≤ 2.8e-3).
  it.each(SEEKS)(
    "seeks to frame $target with an error of 0 samples",
    ({ target, maxDifference }) => {
      const seek = report.seeks.find((s) => s.target === target);
      if (seek === undefined) throw new Error(`no seek to ${target}`);
      expect(seek.startFrame).toBe(target);
      expect(seek.afterSeek.length).toBe(8192);
      const reference = Float32Array.from(seek.referenceWindow);
      expect(seekErrorFrames(reference, Float32Array.from(seek.afterSeek), WINDOW_BEFORE)).toBe(0);
      expect(seek.relativeRmsDifference).toBeLessThan(5e-3);
      expect(seek.maxDifference).toBeLessThan(maxDifference);
    },
  );
});
