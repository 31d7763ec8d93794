import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { WorkerLike } from "@player/main-bridge";
import nodeEndpoint from "comlink/dist/esm/node-adapter";

const script = fileURLToPath(new URL("./fixtures/node-worker.mjs", import.meta.url));

/** A fault the worker fixture injects into itself. */
export type WorkerFault = { kind: "hang" | "exit"; afterMs: number };

/** Starts the built worker bundle in a worker thread, shaped as a {@link WorkerLike}. */
export function startNodeWorker(fault?: WorkerFault): WorkerLike & { thread: Worker } {
  const thread = new Worker(script, { workerData: { fault } });
  const endpoint = nodeEndpoint(thread);
  return {
    thread,
    postMessage: (message, transfer) => endpoint.postMessage(message, transfer),
    // The node adapter ignores the event type; only "message" is meaningful here.
    addEventListener: (type, listener) => {
      if (type === "message") endpoint.addEventListener(type, listener);
    },
    removeEventListener: (type, listener) => {
      if (type === "message") endpoint.removeEventListener(type, listener);
    },
    terminate: () => {
      void thread.terminate();
    },
  };
}
