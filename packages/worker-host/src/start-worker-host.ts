import { type Endpoint, expose } from "comlink";
import { installErrorTransferHandler } from "./error-transfer.js";
import { PlayerHost, type PlayerHostOptions } from "./player-host.js";

/**
 * Builds a {@link PlayerHost} and exposes it on `endpoint` (the worker's global
 * scope, or a Node `worker_threads` port wrapped by Comlink's node adapter).
 */
export function startWorkerHost(endpoint: Endpoint, options: PlayerHostOptions = {}): PlayerHost {
  installErrorTransferHandler();
  const host = new PlayerHost(options);
  expose(host, endpoint);
  return host;
}
