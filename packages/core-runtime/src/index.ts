export { requireArrayBuffer, requireInteger, requireString } from "./arguments.js";
export type {
  SinkCommand,
  SinkEndedReport,
  SinkEndMessage,
  SinkFlushMessage,
  SinkHelloReport,
  SinkPcmMessage,
  SinkProgressReport,
  SinkReport,
  SinkRingMessage,
  SinkSegmentMessage,
  SinkStartedReport,
  SinkTransportMessage,
  SinkUnderrunReport,
  SinkVolumeMessage,
} from "./audio-output.js";
export {
  type ConfigRule,
  type ConfigRules,
  type DeepPartial,
  type DeepReadonly,
  deepFreeze,
  integerBetween,
  oneOf,
  resolveConfig,
} from "./config.js";
export {
  isPlayerError,
  isPlayerErrorData,
  PLAYER_ERROR_MARKER,
  PlayerError,
  type PlayerErrorCode,
  type PlayerErrorCodes,
  type PlayerErrorData,
  type PlayerErrorDetails,
  type PlayerErrorOptions,
  type SerializedCause,
  toPlayerError,
} from "./errors.js";
export {
  type AnyEventListener,
  EventBus,
  type EventBusOptions,
  type EventListener,
} from "./event-bus.js";
export {
  type AccountStatus,
  type AccountSummary,
  type AuthProviderId,
  type AuthSessionExpiredData,
  type AuthSignedInData,
  type AuthSignedOutData,
  type ConfigChangedData,
  type DiagnosticsTickData,
  type EventEnvelope,
  type LibraryPlaylistsChangedData,
  type LibraryTracksChangedData,
  type LogData,
  type PlayerEventMap,
  type PlayerEventName,
  type RuntimeErrorData,
  type RuntimeReadyData,
  type SyncEndData,
  type SyncErrorData,
  type SyncPhase,
  type SyncProgressData,
  type SyncStartData,
  UI_EVENT_NAMES,
  type UiEventMap,
  type UiEventName,
  type WorkerLostData,
} from "./events.js";
export * from "./http/index.js";
export {
  consoleSink,
  LOG_LEVELS,
  Logger,
  type LoggerOptions,
  type LogLevel,
  type LogRecord,
  type LogSink,
} from "./logger.js";
export type {
  LyricsLineData,
  MetadataProgressData,
  PlaybackLyricsLineData,
} from "./metadata-events.js";
export type {
  PlaybackErrorData,
  PlaybackPositionData,
  PlaybackState,
  PlaybackStateData,
  PlaybackTrackChangedData,
} from "./playback-events.js";
export {
  type EventForwardingConfig,
  type HttpConfig,
  type LogConfig,
  type PlayerConfig,
  RUNTIME_CONFIG_DEFAULTS,
  RUNTIME_CONFIG_RULES,
} from "./player-config.js";
export { REDACTED, redact, redactText } from "./redact.js";
export type {
  AccessTokenOptions,
  StorageProvider,
  StorageReadOptions,
  TokenSource,
} from "./storage-provider.js";
