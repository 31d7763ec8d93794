/**
 * `@player/core-metadata/remote`: the MusicBrainz, Cover Art Archive and
 * LRCLIB clients. A separate entry so that a player without remote
 * enrichment never loads them (`lazyRemoteEnrichment` in the main entry
 * imports them on first use).
 */
export {
  CoverArtClient,
  type CoverArtClientOptions,
  type CoverArtSize,
  type CoverImage,
  type FetchFrontOptions,
} from "./remote/cover-art-client.js";
export {
  createRemoteMetadata,
  type RemoteMetadataClients,
  type RemoteMetadataDependencies,
} from "./remote/create-remote-metadata.js";
export {
  LrclibClient,
  type LrclibClientOptions,
  type LrclibLyrics,
  type LrclibQuery,
} from "./remote/lrclib-client.js";
export {
  type FindReleaseQuery,
  MusicBrainzClient,
  type MusicBrainzClientOptions,
} from "./remote/musicbrainz-client.js";
export { remoteEnrichment } from "./remote/remote-enrichment.js";
export {
  REMOTE_FAILURE_CODE,
  type RemoteFailureReason,
  type RemoteService,
} from "./remote/remote-service-error.js";
