import { audioFileKind } from "../../audio-file-kind.js";
import type { UnplacedFile } from "../../page-changes.js";

/** Drive's folder MIME type. */
export const DRIVE_FOLDER_MIME_TYPE = "application/vnd.google-apps.folder";

/** The file fields the connector asks for (`fields` keeps answers small). */
export const DRIVE_FILE_FIELDS =
  "id,name,mimeType,size,md5Checksum,modifiedTime,parents,trashed,headRevisionId";

/** A Drive file resource, as far as the connector reads it. */
export interface DriveFile {
  id: string;
  name?: string;
  mimeType?: string;
  /** int64 as a string. */
  size?: string;
  md5Checksum?: string;
  modifiedTime?: string;
  createdTime?: string;
  parents?: string[];
  trashed?: boolean;
  headRevisionId?: string;
}

/** `files.list`. */
export interface DriveFileList {
  nextPageToken?: string;
  files?: DriveFile[];
}

/** `changes.list`. */
export interface DriveChangeList {
  nextPageToken?: string;
  newStartPageToken?: string;
  changes?: Array<{ fileId?: string; removed?: boolean; file?: DriveFile }>;
}

/** Whether the resource is a folder. */
export function isDriveFolder(file: DriveFile): boolean {
  return file.mimeType === DRIVE_FOLDER_MIME_TYPE;
}

/**
 * The player's view of a Drive file, or `undefined` when it is not music or
 * lyrics, is trashed, or has no parent folder (shared-with-me items).
 */
export function toUnplacedFile(file: DriveFile): UnplacedFile | undefined {
  const name = file.name ?? "";
  const mimeType = file.mimeType ?? "application/octet-stream";
  const parentId = file.parents?.[0];
  if (file.trashed === true || parentId === undefined) return undefined;
  if (isDriveFolder(file) || audioFileKind(name, mimeType) === undefined) return undefined;
  const modifiedAt = file.modifiedTime === undefined ? 0 : Date.parse(file.modifiedTime);
  return {
    remoteId: file.id,
    name,
    mimeType,
    size: file.size === undefined ? 0 : Number(file.size),
    parentId,
    modifiedAt: Number.isFinite(modifiedAt) ? modifiedAt : 0,
    contentVersion: file.md5Checksum ?? file.headRevisionId ?? file.modifiedTime ?? "",
  };
}

/** Quotes a value for `q` (`'` and `\` escaped). */
export function quoteDriveQuery(value: string): string {
  return `'${value.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}
