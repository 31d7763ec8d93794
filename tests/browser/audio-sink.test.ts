import { execFileSync } from "node:child_process";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SinkProgressReport, SinkReport } from "@player/core-runtime";
import { build } from "esbuild";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "../../scripts/browser-rig.mjs";
import {
  type Capture,
  decodeSamples,
  firstNonZero,
  lastNonZero,
  span,
  toneError,
  zeroCrossingFrequency,
} from "./fixtures/audio-sink/analysis.js";
import { runScenario, type Scenario } from "./fixtures/audio-sink/scenario.js";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const fixtures = join(repo, "tests/browser/fixtures/audio-sink");
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript" };

let outDir: string;
let server: Server;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), "audio-sink-"));
  const buildWorklet = join(repo, "packages/main-bridge/scripts/build-worklet.mjs");
  execFileSync(process.execPath, [buildWorklet]);
  execFileSync(process.execPath, [buildWorklet, "--emit", join(outDir, "pcm-player.worklet.js")]);
  await build({
    entryPoints: { page: join(fixtures, "page.ts"), worker: join(fixtures, "worker.ts") },
    bundle: true,
    format: "esm",
    target: "es2022",
    outdir: outDir,
    logLevel: "warning",
    alias: { "@player/core-runtime": join(repo, "packages/core-runtime/src/index.ts") },
  });
  await copyFile(join(fixtures, "recorder.worklet.js"), join(outDir, "recorder.worklet.js"));
  await writeFile(
    join(outDir, "index.html"),
    '<!doctype html><script type="module" src="page.js"></script>',
  );

  // /isolated/* is served cross-origin isolated (SharedArrayBuffer), /plain/* is not.
  server = createServer(async (request, response) => {
    const match = /^\/(isolated|plain)\/([\w.-]+)$/.exec(request.url ?? "");
    const file = match?.[2];
    if (match === null || file === undefined) return void response.writeHead(404).end();
    try {
      const body = await readFile(join(outDir, file));
      const headers: Record<string, string> = {
        "content-type": TYPES[extname(file)] ?? "text/plain",
      };
      if (match[1] === "isolated") {
        headers["cross-origin-opener-policy"] = "same-origin";
        headers["cross-origin-embedder-policy"] = "require-corp";
      }
      response.writeHead(200, headers).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no server address");
  baseUrl = `http://127.0.0.1:${address.port}`;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (outDir !== undefined) await rm(outDir, { recursive: true, force: true });
});

const reportsOf = (scenario: Scenario): SinkReport[] =>
  scenario.events.flatMap((event) => (event.type === "report" ? [event.report] : []));

/** Progress reports of `session`, with the context frame each was measured at. */
function progressOf(
  scenario: Scenario,
  session: number,
): (SinkProgressReport & { frame: number })[] {
  return reportsOf(scenario).flatMap((report) =>
    report.type === "progress" && report.session === session
      ? [{ ...report, frame: Math.round(report.contextTime * scenario.sampleRate) }]
      : [],
  );
}

describe.each([
  { transport: "transfer" as const, path: "plain", workletUrl: undefined },
  { transport: "ring" as const, path: "isolated", workletUrl: "pcm-player.worklet.js" },
])("the audio sink with the $transport transport", ({ transport, path, workletUrl }) => {
  let scenario: Scenario;
  let capture: Capture;
  let rate: number;
  const tone = (position: number, frequency: number, amplitude: number, phase = 0) => ({
    position,
    frequency,
    amplitude,
    phase,
    sampleRate: rate,
  });

  beforeAll(async () => {
    const page = await (await browser.newContext()).newPage();
    page.on("pageerror", (error) => console.error(error));
    await page.goto(`${baseUrl}/${path}/index.html`);
    scenario = await runScenario(page, { transport, workletUrl });
    rate = scenario.sampleRate;
    capture = {
      startFrame: scenario.recording.startFrame,
      left: decodeSamples(scenario.recording.left),
      right: decodeSamples(scenario.recording.right),
    };
    await page.context().close();
  }, 120_000);

  it("says hello with the context's format and uses the expected transport", () => {
    expect(scenario.ready).toMatchObject({
      type: "ready",
      transport,
      hello: { type: "hello", sampleRate: rate, channels: 2, sharedMemory: transport === "ring" },
    });
    expect(scenario.recording.gaps).toBe(0);
  });

  it("plays 440 Hz sample-exact from the first report to the pause: no dropout, no phase jump", () => {
    const first = progressOf(scenario, 1).find((report) => report.position >= 0.02 * rate);
    if (first === undefined) throw new Error("no progress report for session 1");
    const count = scenario.markers.pause - first.frame;
    expect(count).toBeGreaterThan(0.9 * rate);
    expect(
      toneError(capture, "left", first.frame, count, tone(first.position, 440, 0.5)),
    ).toBeLessThan(1e-4);
    expect(
      toneError(capture, "right", first.frame, count, tone(first.position, 440, 0.25)),
    ).toBeLessThan(1e-4);
    const measured = zeroCrossingFrequency(
      span(capture, "left", first.frame, first.frame + count),
      rate,
    );
    expect(measured).toBeGreaterThan(439.95);
    expect(measured).toBeLessThan(440.05);
  });

  it("reports progress every 20–50 ms, its position moving exactly with the audio clock", () => {
    const reports = progressOf(scenario, 1).filter(
      (report) => report.position > 0 && report.frame < scenario.markers.pause,
    );
    expect(reports.length).toBeGreaterThan(30);
    for (let i = 1; i < reports.length; i++) {
      const [before, after] = [reports[i - 1], reports[i]] as [
        (typeof reports)[0],
        (typeof reports)[0],
      ];
      expect(after.position - before.position).toBe(after.frame - before.frame);
      expect(after.frame - before.frame).toBeGreaterThanOrEqual(0.02 * rate);
      expect(after.frame - before.frame).toBeLessThanOrEqual(0.05 * rate);
      // The worker keeps a second ahead; the ring (2^15 frames) holds less.
      expect(after.bufferedFrames).toBeGreaterThan(
        transport === "ring" ? 2 ** 15 - 2048 : rate - 2048,
      );
    }
  });

  it("pauses to exact silence within 50 ms and resumes where it stopped", () => {
    const { pause, resume } = scenario.markers;
    const silentFrom = lastNonZero(capture, pause, resume) + 1;
    expect(silentFrom - pause).toBeLessThanOrEqual(0.05 * rate);
    const soundAgain = firstNonZero(capture, silentFrom, resume + rate);
    expect(soundAgain - silentFrom).toBeGreaterThan(0.25 * rate);
    expect(soundAgain - resume).toBeLessThanOrEqual(0.05 * rate);

    // The report sent on pause holds the position the resumed audio starts from.
    const reports = progressOf(scenario, 1);
    const paused = reports.filter((r) => r.frame >= pause - 1024 && r.frame < resume).at(-1);
    const resumed = reports.find((r) => r.frame >= resume - 1024 && r.frame > (paused?.frame ?? 0));
    if (paused === undefined || resumed === undefined) throw new Error("no pause/resume reports");
    expect(resumed.position).toBe(paused.position);
    const settled = resumed.frame + Math.ceil(0.006 * rate);
    const played = settled - resumed.frame;
    expect(
      toneError(capture, "left", settled, 0.2 * rate, tone(paused.position + played, 440, 0.5)),
    ).toBeLessThan(1e-4);
  });

  it("halves the amplitude at volume 0.5", () => {
    const { volumeHalf, volumeFull } = scenario.markers;
    const report = progressOf(scenario, 1).find((r) => r.frame >= volumeHalf + 0.05 * rate);
    if (report === undefined) throw new Error("no report after the volume change");
    const count = volumeFull - report.frame;
    expect(count).toBeGreaterThan(0.25 * rate);
    expect(
      toneError(capture, "left", report.frame, count, tone(report.position, 440, 0.25)),
    ).toBeLessThan(1e-4);
    expect(
      toneError(capture, "right", report.frame, count, tone(report.position, 440, 0.125)),
    ).toBeLessThan(1e-4);
  });

  it("fades the old tone out over exactly 5 ms on a flush, then plays the new 660 Hz tone from its first frame", () => {
    const { switch: switchAt } = scenario.markers;
    const report = progressOf(scenario, 2).find((r) => r.position >= 0.02 * rate);
    const before = progressOf(scenario, 1)
      .filter((r) => r.frame <= switchAt)
      .at(-1);
    if (report === undefined || before === undefined)
      throw new Error("no progress around the flush");
    const sessionStart = report.frame - report.position;
    const step = 1 / (0.005 * rate);
    const rampFrames = Math.ceil(0.005 * rate - 1e-6);
    const oldTone = (frame: number) =>
      0.5 * Math.sin((2 * Math.PI * 440 * (before.position + frame - before.frame)) / rate);
    const newTone = (frame: number) =>
      0.5 * Math.sin((2 * Math.PI * 660 * (frame - sessionStart)) / rate);
    const left = span(capture, "left", before.frame, sessionStart + rate);
    const at = (frame: number) => left[frame - before.frame] as number;

    // The fade starts at a render quantum: round the first frame off the old tone down to one.
    let leaves = before.frame;
    while (leaves < sessionStart && Math.abs(at(leaves) - oldTone(leaves)) < 1e-4) leaves++;
    const fadeStart = leaves - ((leaves - capture.startFrame) % 128);
    expect(fadeStart - switchAt).toBeLessThanOrEqual(0.05 * rate);
    expect(
      toneError(
        capture,
        "left",
        before.frame,
        fadeStart - before.frame,
        tone(before.position, 440, 0.5),
      ),
    ).toBeLessThan(1e-4);

    // The old tone goes on under a gain falling linearly to exactly 0 over the 5 ms ramp.
    let fadeError = 0;
    for (let i = 0; i < rampFrames; i++) {
      const gain = Math.max(0, 1 - (i + 1) * step);
      fadeError = Math.max(fadeError, Math.abs(at(fadeStart + i) - oldTone(fadeStart + i) * gain));
    }
    expect(fadeError).toBeLessThan(1e-4);
    const fadeEnd = fadeStart + rampFrames;
    expect(Math.abs(at(fadeEnd - 1))).toBe(0);
    // Then exact silence until session 2 starts: at once when its first PCM (transfer) or its
    // segment marker (ring) reached the sink during the fade, else as soon as it does. The ring
    // sink starts fading when the worker flushes in shared memory, before the messages arrive.
    expect(sessionStart - fadeEnd).toBeGreaterThanOrEqual(0);
    expect(sessionStart - switchAt).toBeLessThanOrEqual(0.05 * rate);
    expect(lastNonZero(capture, fadeEnd, sessionStart)).toBe(fadeEnd - 1);
    expect(reportsOf(scenario)).toContainEqual({ type: "started", session: 2, position: 0 });

    // The new tone from its first frame, fading in over the same ramp, then steady.
    let fadeInError = 0;
    for (let i = 0; i < rampFrames; i++) {
      const gain = Math.min(1, (i + 1) * step);
      const frame = sessionStart + i;
      fadeInError = Math.max(fadeInError, Math.abs(at(frame) - newTone(frame) * gain));
    }
    expect(fadeInError).toBeLessThan(1e-4);
    const from = sessionStart + rampFrames;
    const count = 0.4 * rate;
    expect(
      toneError(capture, "left", from, count, tone(from - sessionStart, 660, 0.5)),
    ).toBeLessThan(1e-4);
    const measured = zeroCrossingFrequency(span(capture, "left", from, from + count), rate);
    expect(Math.abs(measured - 660)).toBeLessThan(0.05);
  });

  it("plays every frame sent, then exact zeros and one underrun report when starved", () => {
    const starved = scenario.starved;
    const report = progressOf(scenario, 2).find((r) => r.position >= 0.02 * rate);
    if (report === undefined) throw new Error("no progress for session 2");
    const sessionStart = report.frame - report.position;
    const dryAt = sessionStart + starved.sentFrames;
    expect(
      toneError(capture, "left", dryAt - 4096, 4096, tone(starved.sentFrames - 4096, 660, 0.5)),
    ).toBeLessThan(1e-4);
    expect(lastNonZero(capture, dryAt, dryAt + 0.25 * rate)).toBe(dryAt - 1);
    const underruns = reportsOf(scenario).filter((r) => r.type === "underrun");
    expect(underruns).toEqual([{ type: "underrun", session: 2, position: starved.sentFrames }]);
    // A full ring took part of a piece; the worker kept the rest and sent it later, and no frame was lost.
    if (transport === "ring") expect(starved.partialAccepts).toBeGreaterThan(10);
  });

  it("plays a mono session on both channels and reports ended after its last frame", () => {
    const frames = Math.floor(rate / 2);
    const start = firstNonZero(capture, scenario.markers.last, scenario.markers.last + rate);
    const end = lastNonZero(capture, start, start + rate);
    expect(end - start + 1).toBe(frames);
    expect(Array.from(span(capture, "right", start, end + 1))).toEqual(
      Array.from(span(capture, "left", start, end + 1)),
    );
    const settled = Math.ceil(0.006 * rate);
    expect(
      toneError(
        capture,
        "left",
        start + settled,
        frames - settled,
        tone(settled, 440, 0.5, Math.PI / 2),
      ),
    ).toBeLessThan(1e-4);
    const reports = reportsOf(scenario);
    expect(reports).toContainEqual({ type: "started", session: 3, position: 0 });
    expect(reports.filter((r) => r.type === "ended")).toEqual([{ type: "ended", session: 3 }]);
    const endedEvent = scenario.events.find(
      (e) => e.type === "report" && e.report.type === "ended",
    );
    expect(endedEvent?.pageFrame).toBeGreaterThan(end);
  });

  it("closes its AudioContext and drops the node on close()", () => {
    expect(scenario.closed).toEqual({ state: "closed", outputNode: "gone" });
  });
});
