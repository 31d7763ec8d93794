export type { Track } from "./track.js";
export type { TrackIdentity, TrackKey } from "./track-identity.js";
export { parseTrackKey, trackKey } from "./track-identity.js";
export type {
  ProviderTags,
  RemoteFile,
  SyncBatch,
  SyncBatchResult,
  SyncCursor,
  SyncTarget,
} from "./sync-contract.js";
