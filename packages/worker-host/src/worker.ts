/**
 * The Web Worker entry: a thin shell around {@link startWorkerHost}. Built as
 * a self-contained bundle (`@player/worker-host/worker`) because bare imports
 * do not resolve inside a browser worker.
 */
import type { Endpoint } from "comlink";
import { startWorkerHost } from "./start-worker-host.js";

startWorkerHost(self as unknown as Endpoint);
