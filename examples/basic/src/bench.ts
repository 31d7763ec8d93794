import { createPlayer } from "@player/main-bridge";
import PlayerWorker from "@player/worker-host/worker?worker";

/** Figures of one benchmark run, in milliseconds and events per second. */
export interface BenchResult {
  calls: number;
  events: number;
  rpc: { medianMs: number; p95Ms: number };
  rpcReference: { medianMs: number; p95Ms: number };
  eventsPerSecond: number;
  eventsPerSecondReference: number;
}

function percentile(sorted: number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1);
  return sorted[Math.max(0, index)] ?? Number.NaN;
}

function summarise(samples: number[]): { medianMs: number; p95Ms: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { medianMs: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95) };
}

async function timeCalls(count: number, call: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await call();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function runBench(options: { calls?: number; events?: number } = {}): Promise<BenchResult> {
  const calls = options.calls ?? 2_000;
  const events = options.events ?? 100_000;
  const warmup = 200;

  const player = createPlayer({ worker: new PlayerWorker({ name: "player" }) });
  await player.ready;

  const raw = new Worker(new URL("./echo-worker.ts", import.meta.url), { type: "module" });
  let nextId = 0;
  const rawCall = () =>
    new Promise<void>((resolve) => {
      const id = ++nextId;
      const onMessage = (event: MessageEvent<{ id: number }>) => {
        if (event.data.id !== id) return;
        raw.removeEventListener("message", onMessage);
        resolve();
      };
      raw.addEventListener("message", onMessage);
      raw.postMessage({ id });
    });
  const sdkCall = () => player.diagnostics.ping();

  // SDK and reference calls alternate, so drift in the machine's speed hits both alike.
  const sdkSamples: number[] = [];
  const rawSamples: number[] = [];
  for (let i = 0; i < warmup + calls; i++) {
    const sdk = await timeCalls(1, sdkCall);
    const reference = await timeCalls(1, rawCall);
    if (i < warmup) continue;
    sdkSamples.push(...sdk);
    rawSamples.push(...reference);
  }
  const rpc = summarise(sdkSamples);
  const rpcReference = summarise(rawSamples);

  const sdkStarted = performance.now();
  const sdkDone = new Promise<number>((resolve) => {
    let received = 0;
    player.on("diagnostics:tick", ({ total }) => {
      received++;
      if (received === total) resolve(performance.now());
    });
  });
  await player.diagnostics.emitBurst(events);
  const eventsPerSecond = events / (((await sdkDone) - sdkStarted) / 1000);

  const rawStarted = performance.now();
  const rawDone = new Promise<number>((resolve) => {
    let received = 0;
    raw.addEventListener("message", (event: MessageEvent<{ total?: number }>) => {
      if (event.data.total === undefined) return;
      received++;
      if (received === event.data.total) resolve(performance.now());
    });
  });
  raw.postMessage({ burst: events });
  const eventsPerSecondReference = events / (((await rawDone) - rawStarted) / 1000);

  raw.terminate();
  player.dispose();
  return { calls, events, rpc, rpcReference, eventsPerSecond, eventsPerSecondReference };
}

Object.assign(window, { runBench });
const out = document.getElementById("out");
if (out) out.textContent = "ready: call window.runBench()";
