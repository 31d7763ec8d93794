export type { AudioFileKind } from "./audio-file-kind.js";
export { audioFileKind } from "./audio-file-kind.js";
export { type FolderInfo, type FolderLookup, FolderPathResolver } from "./folder-path-resolver.js";
export { PageChanges, type UnplacedFile } from "./page-changes.js";
export { type ApiAnswer, ProviderApi, type ProviderApiOptions } from "./provider-api.js";
export {
  GoogleDriveConnector,
  type GoogleDriveConnectorOptions,
} from "./providers/google-drive/google-drive-connector.js";
export {
  OneDriveConnector,
  type OneDriveConnectorOptions,
} from "./providers/onedrive/onedrive-connector.js";
export {
  type ChangesPage,
  type FullListingPage,
  resyncRequired,
  type SyncConnector,
} from "./sync-connector.js";
export { runSyncJob, type SyncJobOptions, type SyncSummary } from "./sync-job.js";
export { DEFAULT_SYNC_INTERVAL_MS, SyncService, type SyncServiceOptions } from "./sync-service.js";
