export { COVER_ART_SIZES, registerCoverArtRoutes } from "./cover-art-routes.js";
export {
  LRCLIB_SEARCH_LIMIT,
  LrclibCatalog,
  type LrclibRecord,
  type LrclibSearch,
  type LrclibSignature,
} from "./lrclib-catalog.js";
export { registerLrclibRoutes } from "./lrclib-routes.js";
export { plainLyricsFromLrc } from "./lyrics-text.js";
export { MBID, nameBasedUuid } from "./musicbrainz-ids.js";
export {
  parseRecordingQuery,
  QueryParseError,
  type QueryTerm,
  scoreRecording,
} from "./musicbrainz-query.js";
export {
  MUSICBRAINZ_DEFAULT_REQUESTS_PER_SECOND,
  MusicBrainzRateLimiter,
  type MusicBrainzRateLimiterOptions,
  type RateLimitDecision,
} from "./musicbrainz-rate-limiter.js";
export {
  MUSICBRAINZ_RATE_LIMIT_MESSAGE,
  type MusicBrainzRecording,
  recordingFor,
  registerMusicBrainzRoutes,
} from "./musicbrainz-routes.js";
export { registerMetadataServiceRoutes } from "./register-metadata-services.js";
