import { baseNameOf } from "./file-name-tags.js";
import type { FolderImageRecord, LyricsRecord } from "./library-records.js";
import type { RemoteFile, SyncCursor } from "./sync-contract.js";
import { foldText } from "./text-normalize.js";
import { trackKey } from "./track-identity.js";
import { folderIdOf } from "./track-records.js";

/** The `lyrics` id of a `.lrc` file. */
export function sidecarId(fileKey: string): string {
  return `sidecar:${fileKey}`;
}

/** The `lyrics` row of a listed `.lrc` file, linked to tracks by folder and base name. */
export function sidecarRecord(
  accountId: string,
  file: RemoteFile,
  cursor: SyncCursor,
  now: number,
): LyricsRecord {
  return {
    id: sidecarId(trackKey(accountId, file.remoteId)),
    accountId,
    kind: "sidecar",
    remoteId: file.remoteId,
    folderId: folderIdOf(accountId, file.parentId),
    baseName: foldText(baseNameOf(file.name)),
    contentVersion: file.contentVersion,
    generation: cursor.generation,
    source: "sidecar",
    updatedAt: now,
  };
}

/** The `folderImages` row of a listed cover image. */
export function folderImageRecord(
  accountId: string,
  file: RemoteFile,
  cursor: SyncCursor,
): FolderImageRecord {
  return {
    id: trackKey(accountId, file.remoteId),
    accountId,
    remoteId: file.remoteId,
    folderId: folderIdOf(accountId, file.parentId),
    name: file.name,
    mimeType: file.mimeType,
    sizeBytes: file.size,
    contentVersion: file.contentVersion,
    generation: cursor.generation,
  };
}
