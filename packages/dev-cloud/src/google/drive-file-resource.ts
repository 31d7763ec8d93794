import { createHash } from "node:crypto";
import type { CloudItem, LibraryStore } from "../library/library-types.js";
import type { FieldSchema } from "./drive-fields.js";

/** Drive's MIME type for folders. */
export const FOLDER_MIME_TYPE = "application/vnd.google-apps.folder";

/** Name Drive gives the root of "My Drive". */
const ROOT_NAME = "My Drive";

/** A Drive v3 `File` resource, limited to the fields the emulator knows. */
export interface DriveFile {
  kind: "drive#file";
  id: string;
  name: string;
  mimeType: string;
  parents?: string[];
  /** int64 as a decimal string, files only. */
  size?: string;
  md5Checksum?: string;
  createdTime?: string;
  modifiedTime?: string;
  trashed?: boolean;
  explicitlyTrashed?: boolean;
  headRevisionId?: string;
  version?: string;
  fileExtension?: string;
  fullFileExtension?: string;
  originalFilename?: string;
  starred?: boolean;
  spaces?: string[];
  ownedByMe?: boolean;
  quotaBytesUsed?: string;
}

/** Every field of {@link DriveFile}, in the order responses list them. */
export const DRIVE_FILE_FIELDS = [
  "kind",
  "id",
  "name",
  "mimeType",
  "resourceKey",
  "parents",
  "size",
  "md5Checksum",
  "createdTime",
  "modifiedTime",
  "trashed",
  "explicitlyTrashed",
  "headRevisionId",
  "version",
  "fileExtension",
  "fullFileExtension",
  "originalFilename",
  "starred",
  "spaces",
  "ownedByMe",
  "quotaBytesUsed",
] as const;

/** A field name of the Drive `File` resource. */
export type DriveFileField = (typeof DRIVE_FILE_FIELDS)[number];

/**
 * Builds the Drive resource for an item. `include` limits the work to the
 * fields a `fields` mask asks for: `size` and `md5Checksum` need the bytes,
 * which for generated tracks means rendering audio.
 * `resourceKey` is never present (only old link-shared files have one).
 */
export function toDriveFile(
  item: CloudItem,
  library: LibraryStore,
  include: (field: DriveFileField) => boolean = () => true,
): DriveFile {
  const isRoot = item.id === library.rootId;
  const name = isRoot ? ROOT_NAME : item.name;
  const resource: DriveFile = {
    kind: "drive#file",
    id: item.id,
    name,
    mimeType: item.kind === "folder" ? FOLDER_MIME_TYPE : item.mimeType,
  };
  const parentId = item.parentId;
  if (include("parents") && parentId !== null) resource.parents = [parentId];
  if (item.kind === "file" && (include("size") || include("quotaBytesUsed"))) {
    const size = String(library.size(item));
    if (include("size")) resource.size = size;
    if (include("quotaBytesUsed")) resource.quotaBytesUsed = size;
  }
  if (item.kind === "file" && include("md5Checksum")) resource.md5Checksum = library.md5(item);
  if (include("createdTime")) resource.createdTime = new Date(item.createdTime).toISOString();
  if (include("modifiedTime")) resource.modifiedTime = new Date(item.modifiedTime).toISOString();
  if (include("trashed")) resource.trashed = isEffectivelyTrashed(item, library);
  if (include("explicitlyTrashed"))
    resource.explicitlyTrashed = library.isExplicitlyTrashed(item.id);
  if (item.kind === "file" && include("headRevisionId")) {
    resource.headRevisionId = headRevisionId(item.id, item.version);
  }
  // Folders have no content version in the library; Drive still reports one.
  if (include("version")) resource.version = String(item.kind === "file" ? item.version : 1);
  if (item.kind === "file") {
    const extensions = extensionsOf(name);
    if (include("fileExtension") && extensions !== undefined) {
      resource.fileExtension = extensions.last;
    }
    if (include("fullFileExtension") && extensions !== undefined) {
      resource.fullFileExtension = extensions.full;
    }
    if (include("originalFilename")) resource.originalFilename = name;
  }
  if (include("quotaBytesUsed") && item.kind === "folder") resource.quotaBytesUsed = "0";
  if (include("starred")) resource.starred = false;
  if (include("spaces")) resource.spaces = ["drive"];
  if (include("ownedByMe")) resource.ownedByMe = true;
  return resource;
}

/**
 * Drive reports the children of a trashed folder as trashed too
 * (`trashed: true`, `explicitlyTrashed: false`), so `trashed = false` hides them.
 */
export function isEffectivelyTrashed(item: CloudItem, library: LibraryStore): boolean {
  const seen = new Set<string>();
  let current: CloudItem | undefined = item;
  while (current !== undefined && !seen.has(current.id)) {
    if (current.trashed) return true;
    seen.add(current.id);
    current = current.parentId === null ? undefined : library.get(current.parentId);
  }
  return false;
}

/** A stable revision id per content version, shaped like Drive's opaque ones. */
function headRevisionId(id: string, version: number): string {
  return `0B${createHash("sha1").update(`${id}:${version}`).digest("base64url").slice(0, 40)}`;
}

function extensionsOf(name: string): { last: string; full: string } | undefined {
  // A leading dot is part of the name (".lrc" has no extension), as in Drive.
  const body = name.startsWith(".") ? name.slice(1) : name;
  const first = body.indexOf(".");
  if (first < 0 || first === body.length - 1) return undefined;
  return { last: body.slice(body.lastIndexOf(".") + 1), full: body.slice(first + 1) };
}

/** The `File` resource's shape for `fields` validation (all leaves). */
export const DRIVE_FILE_SCHEMA: FieldSchema = Object.fromEntries(
  DRIVE_FILE_FIELDS.map((field) => [field, null]),
);

/** Fields Drive returns for a file when the request has no `fields` (search-files guide). */
export const DEFAULT_FILE_FIELDS = "kind,id,name,mimeType,resourceKey";
