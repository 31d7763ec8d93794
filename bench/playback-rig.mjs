// The playback benchmark's setting: the dev-cloud with the staircase signals
// uploaded, the example app signed in through its popup, the recorder on the
// player's output, and the worker's heap read over the DevTools protocol.
import { readFileSync } from "node:fs";
import { trackKey } from "@player/core-library";
import { signInGoogle, startDevCloud } from "@player/dev-cloud";
import { build, preview } from "vite";
import { installRecorder } from "./playback-page.mjs";
import { importTypeScript, repoPath } from "./typescript-module.mjs";

const ACCOUNT = "google:alex";
const SIGNALS = repoPath("packages/core-playback/test-fixtures/signals/");

/**
 * The file played per format: the committed 24 s stereo staircases (second n
 * plays tone n), 44.1 kHz except Opus (48 kHz). MP3 is the CBR one (385 KB)
 * so that a seek near its end can land past what was read; WAV is
 * synthesized (16-bit), 16 s long: the dev-cloud's admin upload refuses
 * bodies of about 4 MB and more (its base64 check overflows the regexp stack).
 */
export const FORMATS = {
  mp3: "staircase-cbr.mp3",
  flac: "staircase.flac",
  "ogg-vorbis": "staircase.ogg",
  "ogg-opus": "staircase.opus",
  m4a: "staircase.m4a",
  wav: "staircase.wav",
};

const WAV_SECONDS = 16;

const EXAMPLE_CONFIG = repoPath("examples/basic/vite.config.ts");
/** A build of its own: browser tests running meanwhile rebuild examples/basic/dist. */
const EXAMPLE_OUT = repoPath("node_modules/.cache/player-bench/example-basic");

/** Builds examples/basic (with the packages' built output) into the benchmark's own folder and serves it. */
export async function buildAndServeExample() {
  const outputs = { build: { outDir: EXAMPLE_OUT, emptyOutDir: true } };
  await build({ configFile: EXAMPLE_CONFIG, logLevel: "warn", ...outputs });
  const server = await preview({
    configFile: EXAMPLE_CONFIG,
    logLevel: "warn",
    ...outputs,
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
  });
  const address = server.httpServer.address();
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve) => server.httpServer.close(() => resolve(undefined))),
  };
}

/** The staircase files' bytes, by format. */
export async function loadStaircases() {
  const signals = await importTypeScript(
    "playback-signals",
    'export { synthesizeStaircaseWav } from "./src/test-support/signals.ts";',
    repoPath("packages/core-playback"),
  );
  const files = {};
  for (const [format, name] of Object.entries(FORMATS))
    files[format] =
      format === "wav"
        ? signals.synthesizeStaircaseWav("s16", { seconds: WAV_SECONDS })
        : new Uint8Array(readFileSync(`${SIGNALS}${name}`));
  return files;
}

/** Starts the dev-cloud with a small library plus the staircases; returns their ids and keys. */
export async function startCloudWithStaircases(files) {
  const cloud = await startDevCloud({ port: 0, tracks: 24, seed: 3 });
  const { rootId } = await cloud.admin.library();
  const tracks = {};
  for (const [format, content] of Object.entries(files)) {
    const added = await cloud.admin.addFile({
      name: `Bench ${FORMATS[format]}`,
      parentId: rootId,
      content,
    });
    tracks[format] = {
      fileId: added.id,
      key: trackKey(ACCOUNT, added.id),
      url: `${cloud.url}/google/drive/v3/files/${added.id}?alt=media`,
      bytes: content.byteLength,
      seconds: format === "wav" ? WAV_SECONDS : 24,
    };
  }
  const account = await signInGoogle(cloud.url);
  const token = await account.tokens.getAccessToken(account.accountId);
  return { cloud, tracks, token };
}

/** Every request latency fault off (0) or `latencyMs` on every Drive request. */
export async function setLatency(cloud, latencyMs) {
  await cloud.admin.setFaults(
    latencyMs === 0
      ? []
      : [{ id: "latency", route: "/google/drive", kind: "latency", latencyMs, probability: 1 }],
  );
}

/**
 * A fresh browser context on the example page, signed in with Google through
 * the popup, first sync done, recorder installed. `initScript` runs before the app.
 */
export async function openSignedInPage(browser, appUrl, initScript) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (initScript !== undefined) await page.addInitScript(initScript);
  await page.goto(appUrl);
  await page.waitForSelector("#status[data-state=ready]");
  const [popup] = await Promise.all([page.waitForEvent("popup"), page.click("#sign-in-google")]);
  await popup.waitForSelector("button[value=allow]");
  await Promise.all([popup.waitForEvent("close"), popup.click("button[value=allow]")]);
  await page.waitForSelector("#sync-status[data-state=done]", { timeout: 60_000 });
  const sampleRate = await page.evaluate(installRecorder);
  return { context, page, sampleRate };
}

/**
 * The player worker's heap through the DevTools protocol (workers have no
 * `performance.memory`): a page session auto-attaches to its workers and
 * sends `Runtime.getHeapUsage` / `HeapProfiler.collectGarbage` to the one
 * whose name is `player`.
 */
export async function attachWorkerHeap(page) {
  const cdp = await page.context().newCDPSession(page);
  const workers = [];
  const pending = new Map();
  let nextId = 1;
  cdp.on("Target.attachedToTarget", (event) => workers.push(event));
  cdp.on("Target.receivedMessageFromTarget", ({ message }) => {
    const reply = JSON.parse(message);
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  await cdp.send("Target.setAutoAttach", {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  const send = async (method) => {
    const target = workers.findLast((worker) => worker.targetInfo.title === "player");
    if (target === undefined) throw new Error("The player's worker is not attached");
    const id = nextId++;
    const reply = new Promise((resolve) => pending.set(id, resolve));
    await cdp.send("Target.sendMessageToTarget", {
      sessionId: target.sessionId,
      message: JSON.stringify({ id, method }),
    });
    const answer = await reply;
    if (answer.error !== undefined) throw new Error(`${method}: ${answer.error.message}`);
    return answer.result;
  };
  // Attaching is asynchronous: wait for the worker to show up.
  for (let i = 0; i < 50 && !workers.some((w) => w.targetInfo.title === "player"); i++)
    await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    /** JS heap in use and ArrayBuffer backing stores (PCM, WASM memories), bytes. */
    heap: async () => {
      const usage = await send("Runtime.getHeapUsage");
      return { jsHeap: usage.usedSize, backing: usage.backingStorageSize ?? Number.NaN };
    },
    collectGarbage: () => send("HeapProfiler.collectGarbage"),
    titles: () => workers.map((worker) => worker.targetInfo.title),
  };
}
