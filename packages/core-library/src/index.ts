export {
  type ArtworkImageInput,
  type ArtworkLinkInput,
  type ArtworkLinks,
  type ArtworkPicture,
  ArtworkStore,
  type ArtworkVariantInput,
  albumArtworkId,
  trackArtworkId,
} from "./artwork-store.js";
export type {
  LibraryAlbum,
  LibraryArtist,
  LibraryCounts,
  LibraryFolder,
  ListQuery,
} from "./catalog-query.js";
export { MAX_CHANGED_KEYS } from "./change-notifier.js";
export type { FileNameTags, FileTags } from "./file-name-tags.js";
export {
  LIBRARY_DATABASE_NAME,
  LibraryDatabase,
  type LibraryIndexedDb,
} from "./library-database.js";
export { toLibraryError } from "./library-errors.js";
export type {
  ArtworkImageRecord,
  ArtworkRecord,
  ArtworkSource,
  ArtworkVariantRecord,
  CacheEntryRecord,
  FolderImageRecord,
  SessionSnapshot,
  TrackSnapshot,
} from "./library-records.js";
export { LIBRARY_SCHEMA, LIBRARY_SCHEMA_VERSION, type SchemaVersion } from "./library-schema.js";
export {
  LibraryService,
  type LibraryServiceOptions,
} from "./library-service.js";
export {
  COVER_IMAGE_NAMES,
  coverImageRank,
  isCoverImageName,
  type ListedFileKind,
  listedFileKind,
} from "./listed-file-kind.js";
export type { Playlist, PlaylistEntry } from "./playlist-store.js";
export type { SearchHit, SearchPage } from "./search-coordinator.js";
export type { MatchKind } from "./search-index.js";
export type {
  ProviderTags,
  RemoteFile,
  SyncBatch,
  SyncBatchResult,
  SyncCursor,
  SyncTarget,
} from "./sync-contract.js";
export type { TagResult } from "./tag-writer.js";
export type { TagSource, Track, TrackDetails } from "./track.js";
export type { TrackLyrics } from "./track-assets.js";
export type { TrackIdentity, TrackKey } from "./track-identity.js";
export { parseTrackKey, trackKey } from "./track-identity.js";
export type { Page, TrackFilter, TrackQuery, TrackSort } from "./track-query.js";
export { VARIOUS_ARTISTS } from "./track-records.js";
