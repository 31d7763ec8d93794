export { installErrorTransferHandler } from "./error-transfer.js";
export { EventForwarder, type EventSink } from "./event-forwarder.js";
export {
  PLAYER_CONFIG_DEFAULTS,
  PLAYER_CONFIG_RULES,
  resolvePlayerConfig,
} from "./player-config.js";
export { PlayerHost, type PlayerHostOptions } from "./player-host.js";
export { AuthApiService } from "./services/auth-api-service.js";
export { DiagnosticsService, MAX_BURST } from "./services/diagnostics-service.js";
export { startWorkerHost } from "./start-worker-host.js";
export { PLAYER_VERSION } from "./version.js";
export type {
  AuthApi,
  DiagnosticsApi,
  EventBatchMessage,
  SignInStart,
  WorkerApi,
  WorkerInfo,
  WorkerInitOptions,
} from "./worker-api.js";
