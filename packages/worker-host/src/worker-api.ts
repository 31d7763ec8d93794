import type { DeepPartial, PlayerConfig } from "@player/core-runtime";

/** What the page sends with {@link WorkerApi.init}. */
export interface WorkerInitOptions {
  /** Config overrides; resolved and validated in the worker. */
  config?: DeepPartial<PlayerConfig>;
  /** The port on which the worker sends batches of UI events. */
  eventPort: MessagePort;
}

/** What the worker answers to {@link WorkerApi.init}. */
export interface WorkerInfo {
  /** SDK version running in the worker. */
  version: string;
  /** The resolved config. */
  config: PlayerConfig;
}

/** Self-test and measurement calls, used by benchmarks and health checks. */
export interface DiagnosticsApi {
  /** Answers at once with the worker's clock, for round-trip measurement. */
  ping(): number;
  /** Sends `buffer` back, transferred both ways (the sender's copy is detached). */
  echo(buffer: ArrayBuffer): ArrayBuffer;
  /** Emits `count` `diagnostics:tick` events on the bus; returns `count`. */
  emitBurst(count: number): number;
}

/** A batch of forwarded events, as posted on the event port. */
export interface EventBatchMessage {
  type: "events";
  events: ReadonlyArray<readonly [string, unknown]>;
}

/**
 * The single API the worker exposes with Comlink. Every method validates its
 * arguments and rejects with a {@link PlayerError} that keeps its `code`.
 */
export interface WorkerApi {
  /** Resolves config, connects the event port, builds the services. Call once, first. */
  init(options: WorkerInitOptions): WorkerInfo;
  /** Answers the page's heartbeat with the same sequence number. */
  heartbeat(seq: number): number;
  /** The resolved config. */
  getConfig(): PlayerConfig;
  /** Applies overrides on top of the current config; emits `runtime:config-changed`. */
  configure(overrides: DeepPartial<PlayerConfig>): PlayerConfig;
  /** Self-test and measurement calls. */
  readonly diagnostics: DiagnosticsApi;
  /** Stops every service and releases the event port. */
  dispose(): void;
}
