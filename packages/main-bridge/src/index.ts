export type {
  AuthProvidersConfig,
  GoogleClientConfig,
  MicrosoftClientConfig,
} from "@player/core-auth";
export type { PlaybackStatus, PlayOptions } from "@player/core-playback";
export type {
  AccountSummary,
  AuthProviderId,
  AuthSessionExpiredData,
  AuthSignedInData,
  AuthSignedOutData,
  ConfigChangedData,
  DeepPartial,
  DiagnosticsTickData,
  LibraryPlaylistsChangedData,
  LibraryTracksChangedData,
  LogData,
  LogLevel,
  LogRecord,
  LyricsLineData,
  MetadataProgressData,
  PlaybackErrorData,
  PlaybackLyricsLineData,
  PlaybackPositionData,
  PlaybackState,
  PlaybackStateData,
  PlaybackTrackChangedData,
  PlayerConfig,
  PlayerErrorCode,
  PlayerErrorData,
  RuntimeErrorData,
  RuntimeReadyData,
  SyncEndData,
  SyncErrorData,
  SyncPhase,
  SyncProgressData,
  SyncStartData,
  UiEventMap,
  UiEventName,
  WorkerLostData,
} from "@player/core-runtime";
export type {
  LibraryAlbum,
  LibraryApi,
  LibraryArtist,
  LibraryCounts,
  LibraryFolder,
  ListQuery,
  Lyrics,
  LyricsLine,
  LyricsSource,
  LyricsWord,
  MatchKind,
  MetadataApi,
  MetadataConfig,
  Page,
  PlaybackApi,
  PlaybackConfig,
  Playlist,
  PlaylistEntriesQuery,
  PlaylistEntry,
  RemoteMetadataConfig,
  SearchHit,
  SearchOptions,
  SearchPage,
  SyncApi,
  SyncConfig,
  SyncSummary,
  TagSource,
  Track,
  TrackDetails,
  TrackFilter,
  TrackKey,
  TrackQuery,
  TrackSort,
} from "@player/worker-host";
export type { AudioSinkOptions } from "./audio/audio-sink.js";
export { createPlayer } from "./create-player.js";
export type {
  CreatePlayerOptions,
  WorkerLike,
  WorkerSource,
} from "./create-player-options.js";
export type { PlayerListener } from "./event-hub.js";
export { DEFAULT_HEARTBEAT, type HeartbeatOptions } from "./heartbeat-monitor.js";
export type { PlayerAudio } from "./playback-bridge.js";
export type { Player, PlayerDiagnostics, PlayerInfo } from "./player-api.js";
export {
  isPlayerError,
  isPlayerErrorData,
  PLAYER_ERROR_MARKER,
  PlayerError,
} from "./player-error.js";
export { handleSignInCallback, type SignInCallbackResult } from "./sign-in-callback.js";
export type { SignInCallbackMessage } from "./sign-in-message.js";
