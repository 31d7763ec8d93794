export type { ArtworkSources, FolderImageFile } from "./artwork/artwork-candidates.js";
export type { ArtworkRejection } from "./artwork/artwork-errors.js";
export {
  type ArtworkStorage,
  type ArtworkStorageLinks,
  albumArtworkId,
  type StoredArtworkPicture,
  trackArtworkId,
} from "./artwork/artwork-storage.js";
export { type ArtworkTarget, getArtworkBlob } from "./artwork/get-artwork-blob.js";
export { hashImage } from "./artwork/hash-image.js";
export {
  type ArtworkImageType,
  type ArtworkLimits,
  DEFAULT_ARTWORK_LIMITS,
  type ImageInfo,
  inspectImage,
} from "./artwork/inspect-image.js";
export {
  type ArtworkVariant,
  canMakeVariants,
  DEFAULT_VARIANT_SIZES,
  type MakeVariantsOptions,
  makeVariants,
} from "./artwork/make-variants.js";
export {
  type ArtworkRequest,
  type ArtworkResolution,
  type ArtworkWarning,
  type ResolveArtworkOptions,
  resolveArtwork,
} from "./artwork/resolve-artwork.js";
export { decodeLyricsText, MAX_LYRICS_FILE_BYTES } from "./lyrics/decode-lyrics-text.js";
export type { LrcDocument, LrcLine, LrcSinger, LrcWord } from "./lyrics/lrc-parser.js";
export { parseLrc } from "./lyrics/lrc-parser.js";
export type {
  Lyrics,
  LyricsLine,
  LyricsSource,
  LyricsWord,
  ToLyricsOptions,
} from "./lyrics/lyrics.js";
export { toLyrics } from "./lyrics/lyrics.js";
export type {
  LyricsFollowerOptions,
  LyricsLineEvent,
  PlaybackReport,
  TimerHandle,
} from "./lyrics/lyrics-follower.js";
export { LyricsFollower } from "./lyrics/lyrics-follower.js";
export type {
  LyricsSources,
  RemoteLyrics,
  ResolvedLyrics,
  ResolveLyricsOptions,
} from "./lyrics/resolve-lyrics.js";
export { resolveLyrics } from "./lyrics/resolve-lyrics.js";
export { lazyRemoteEnrichment } from "./remote/lazy-remote-enrichment.js";
export {
  REMOTE_METADATA_DEFAULTS,
  type RemoteMetadataOptions,
  type ResolvedRemoteMetadataOptions,
  resolveRemoteMetadataOptions,
} from "./remote/remote-metadata-options.js";
export { fileTagsFrom } from "./scan/file-tags.js";
export {
  MetadataScanner,
  type MetadataScannerOptions,
  type ScanLibrary,
} from "./scan/metadata-scanner.js";
export {
  ArtworkService,
  type ArtworkServiceOptions,
  type EmbeddedPictureReader,
} from "./services/artwork-service.js";
export { LyricsAnnouncer, type LyricsAnnouncerOptions } from "./services/lyrics-announcer.js";
export { LyricsService, type LyricsServiceOptions } from "./services/lyrics-service.js";
export {
  MetadataService,
  type MetadataServiceOptions,
  type RemoteEnrichment,
} from "./services/metadata-service.js";
export type { EmbeddedPicture } from "./tags/embedded-picture.js";
export {
  DEFAULT_MAX_PICTURE_BYTES,
  type ReadEmbeddedPictureOptions,
  readEmbeddedPicture,
} from "./tags/read-embedded-picture.js";
export { type ReadTagsOptions, readTags } from "./tags/read-tags.js";
export { type RangeClientStats, storageRangeClient } from "./tags/storage-range-client.js";
export type { TrackTags } from "./tags/track-tags.js";
