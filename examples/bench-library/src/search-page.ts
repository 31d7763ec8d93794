import type { LibraryBenchOptions, LibraryBenchResult } from "./library-bench.js";
import type { LibraryBenchRequest, LibraryBenchResponse } from "./library-bench-protocol.js";

const out = document.getElementById("out");
const show = (text: string) => {
  if (out) out.textContent = text;
};

/** Runs the library benchmark in a fresh dedicated worker and resolves its figures. */
function runLibraryBench(options: LibraryBenchOptions = {}): Promise<LibraryBenchResult> {
  const worker = new Worker(new URL("./library-bench-worker.ts", import.meta.url), {
    type: "module",
  });
  return new Promise<LibraryBenchResult>((resolve, reject) => {
    worker.addEventListener("message", (event: MessageEvent<LibraryBenchResponse>) => {
      const message = event.data;
      if (message.type === "progress") {
        show(message.message);
        console.info(`bench: ${message.message}`);
      } else if (message.type === "done") resolve(message.result);
      else reject(new Error(message.message));
    });
    worker.addEventListener("error", (event) => reject(new Error(event.message)));
    const request: LibraryBenchRequest = { type: "run", options };
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

Object.assign(window, { runLibraryBench });
show("ready: call window.runLibraryBench()");
