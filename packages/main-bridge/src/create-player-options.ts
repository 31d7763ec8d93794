import type { AuthProvidersConfig } from "@player/core-auth";
import type { DeepPartial, PlayerConfig } from "@player/core-runtime";
import type { Endpoint } from "comlink";
import type { AudioSinkOptions } from "./audio/audio-sink.js";
import { DEFAULT_HEARTBEAT, type HeartbeatOptions } from "./heartbeat-monitor.js";
import { PlayerError } from "./player-error.js";

/**
 * A started worker, or anything shaped like one (a Node `worker_threads`
 * Worker wrapped by Comlink's node adapter, for example).
 */
export interface WorkerLike extends Endpoint {
  terminate(): void;
}

/** Where the player's worker comes from. */
export type WorkerSource = WorkerLike | URL | string;

/** Options for {@link createPlayer}. */
export interface CreatePlayerOptions {
  /**
   * The worker: a started Worker, or the URL of `@player/worker-host/worker`
   * (started as a module worker). With Vite:
   * `import workerUrl from "@player/worker-host/worker?url"`.
   */
  worker: WorkerSource;
  /** Config overrides, validated in the worker: `ready` rejects with `runtime/invalid-config`. */
  config?: DeepPartial<PlayerConfig>;
  /** Worker supervision; see {@link HeartbeatOptions}. */
  heartbeat?: Partial<HeartbeatOptions>;
  /**
   * Sign-in providers: client ids, the redirect URI of your callback page
   * and, for Google, your backend's token-exchange endpoint. Validated in the
   * worker; a bad value rejects `ready` with `runtime/invalid-config`.
   */
  auth?: AuthProvidersConfig;
  /**
   * The audio output: `workletUrl` for pages whose CSP forbids `blob:`
   * scripts (host `@player/main-bridge/pcm-player.worklet.js`),
   * `latencyHint`, `sampleRate`, or a `context` the host owns.
   */
  audio?: AudioSinkOptions;
}

/** Options after validation. */
export interface ResolvedPlayerOptions {
  worker: WorkerLike;
  config: DeepPartial<PlayerConfig> | undefined;
  heartbeat: HeartbeatOptions;
  auth: AuthProvidersConfig | undefined;
  audio: AudioSinkOptions;
}

const OPTION_KEYS = new Set(["worker", "config", "heartbeat", "auth", "audio"]);

function invalid(argument: string, message: string): PlayerError {
  return new PlayerError("runtime/invalid-argument", message, { details: { argument } });
}

/** Checks {@link CreatePlayerOptions} and starts the worker when given a URL. */
export function resolvePlayerOptions(options: unknown): ResolvedPlayerOptions {
  if (typeof options !== "object" || options === null) {
    throw invalid("options", "createPlayer() needs an options object with a `worker`");
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      throw invalid(
        key,
        `Unknown createPlayer() option "${key}" (known: worker, config, heartbeat, auth, audio)`,
      );
    }
  }
  const { worker, config, heartbeat, auth, audio } = options as Partial<CreatePlayerOptions>;
  if (config !== undefined && (typeof config !== "object" || config === null)) {
    throw invalid("config", "Option `config` must be an object");
  }
  if (auth !== undefined && (typeof auth !== "object" || auth === null)) {
    throw invalid("auth", "Option `auth` must be an object");
  }
  if (audio !== undefined && (typeof audio !== "object" || audio === null)) {
    throw invalid("audio", "Option `audio` must be an object");
  }
  return {
    worker: startWorker(worker),
    config,
    heartbeat: resolveHeartbeat(heartbeat),
    auth,
    audio: audio ?? {},
  };
}

function startWorker(source: unknown): WorkerLike {
  if (typeof source === "string" || source instanceof URL) {
    if (typeof Worker === "undefined") {
      throw invalid(
        "worker",
        "This environment has no Worker: pass a started worker instead of a URL",
      );
    }
    return new Worker(source, { type: "module", name: "player" });
  }
  const candidate = source as Partial<WorkerLike> | undefined;
  if (
    typeof candidate?.postMessage !== "function" ||
    typeof candidate.addEventListener !== "function" ||
    typeof candidate.terminate !== "function"
  ) {
    throw invalid(
      "worker",
      "Option `worker` must be a Worker, or the URL of the player's worker script",
    );
  }
  return candidate as WorkerLike;
}

function resolveHeartbeat(heartbeat: unknown): HeartbeatOptions {
  if (heartbeat === undefined) return { ...DEFAULT_HEARTBEAT };
  if (typeof heartbeat !== "object" || heartbeat === null) {
    throw invalid("heartbeat", "Option `heartbeat` must be an object");
  }
  const resolved: HeartbeatOptions = { ...DEFAULT_HEARTBEAT };
  for (const [key, value] of Object.entries(heartbeat)) {
    // Own keys only: `in` would accept "toString", "constructor" and "__proto__".
    if (!Object.hasOwn(DEFAULT_HEARTBEAT, key)) {
      throw invalid(`heartbeat.${key}`, `Unknown heartbeat option "${key}"`);
    }
    if (!Number.isInteger(value) || (value as number) < 10 || (value as number) > 600_000) {
      throw invalid(
        `heartbeat.${key}`,
        `Option \`heartbeat.${key}\` must be an integer from 10 to 600000`,
      );
    }
    resolved[key as keyof HeartbeatOptions] = value as number;
  }
  return resolved;
}
