import { type CreatePlayerOptions, resolvePlayerOptions } from "./create-player-options.js";
import { installErrorTransferHandler } from "./error-transfer.js";
import { WorkerPlayer } from "./player.js";
import type { Player } from "./player-api.js";

/**
 * Starts the player's worker and returns its typed API.
 *
 * Throws `runtime/invalid-argument` at once for malformed options; config
 * problems found by the worker reject `player.ready` with `runtime/invalid-config`.
 *
 * @example
 * ```ts
 * import { createPlayer } from "@player/main-bridge";
 * import workerUrl from "@player/worker-host/worker?url";
 *
 * const player = createPlayer({ worker: workerUrl, config: { log: { level: "info" } } });
 * player.on("runtime:error", ({ error }) => console.warn(error.code, error.message));
 * const { version } = await player.ready;
 * ```
 */
export function createPlayer(options: CreatePlayerOptions): Player {
  const resolved = resolvePlayerOptions(options);
  installErrorTransferHandler();
  return new WorkerPlayer(resolved);
}
