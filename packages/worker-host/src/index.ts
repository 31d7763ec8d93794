export type {
  LibraryAlbum,
  LibraryArtist,
  LibraryCounts,
  LibraryFolder,
  ListQuery,
  MatchKind,
  Page,
  Playlist,
  PlaylistEntry,
  SearchHit,
  SearchPage,
  TagSource,
  Track,
  TrackDetails,
  TrackFilter,
  TrackKey,
  TrackQuery,
  TrackSort,
} from "@player/core-library";
export type { Lyrics, LyricsLine, LyricsSource, LyricsWord } from "@player/core-metadata";
export type { SyncSummary } from "@player/core-sync";
export { installErrorTransferHandler } from "./error-transfer.js";
export { EventForwarder, type EventSink } from "./event-forwarder.js";
export type {
  LibraryApi,
  MetadataApi,
  PlaylistEntriesQuery,
  SearchOptions,
  SyncApi,
} from "./library-api.js";
export type { PlaybackApi } from "./playback-api.js";
export {
  type MetadataConfig,
  PLAYER_CONFIG_DEFAULTS,
  PLAYER_CONFIG_RULES,
  type PlaybackConfig,
  type RemoteMetadataConfig,
  resolvePlayerConfig,
  type SyncConfig,
} from "./player-config.js";
export { PlayerHost, type PlayerHostOptions } from "./player-host.js";
export { AuthApiService } from "./services/auth-api-service.js";
export { DiagnosticsService, MAX_BURST } from "./services/diagnostics-service.js";
export { LibraryApiService } from "./services/library-api-service.js";
export {
  PlaybackApiService,
  type PlaybackApiServiceOptions,
} from "./services/playback-api-service.js";
export { SyncApiService } from "./services/sync-api-service.js";
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
