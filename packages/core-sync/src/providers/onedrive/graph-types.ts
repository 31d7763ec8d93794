import type { ProviderTags } from "@player/core-library";
import { audioFileKind } from "../../audio-file-kind.js";
import type { FolderInfo } from "../../folder-path-resolver.js";
import type { UnplacedFile } from "../../page-changes.js";

/** The driveItem properties the connector asks for with `$select`. */
export const DRIVE_ITEM_SELECT =
  "id,name,size,lastModifiedDateTime,cTag,eTag,file,folder,root,audio,deleted,parentReference";

/** OneDrive's `audio` facet (duration in ms, bitrate in kbps). */
export interface AudioFacet {
  album?: string;
  albumArtist?: string;
  artist?: string;
  bitrate?: number;
  disc?: number;
  discCount?: number;
  duration?: number;
  genre?: string;
  title?: string;
  track?: number;
  trackCount?: number;
  year?: number;
}

/** A driveItem, as far as the connector reads it. */
export interface DriveItem {
  id: string;
  name?: string;
  size?: number;
  lastModifiedDateTime?: string;
  cTag?: string;
  eTag?: string;
  file?: { mimeType?: string; hashes?: { sha1Hash?: string; quickXorHash?: string } };
  folder?: { childCount?: number };
  root?: Record<string, never>;
  audio?: AudioFacet;
  deleted?: { state?: string };
  parentReference?: { id?: string; path?: string };
}

/** A page of `delta` or `children`. */
export interface DriveItemPage {
  value?: DriveItem[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

/** Folder facts of a folder (or the root) item. */
export function toFolderInfo(item: DriveItem): FolderInfo {
  const parentId = item.root !== undefined ? null : (item.parentReference?.id ?? null);
  return { id: item.id, name: item.name ?? "", parentId };
}

/** The player's view of a driveItem, or `undefined` when it is not music or lyrics. */
export function toUnplacedFile(item: DriveItem): UnplacedFile | undefined {
  const name = item.name ?? "";
  const mimeType = item.file?.mimeType ?? "application/octet-stream";
  const parentId = item.parentReference?.id;
  if (item.file === undefined || parentId === undefined) return undefined;
  if (audioFileKind(name, mimeType) === undefined) return undefined;
  const modifiedAt =
    item.lastModifiedDateTime === undefined ? 0 : Date.parse(item.lastModifiedDateTime);
  const file: UnplacedFile = {
    remoteId: item.id,
    name,
    mimeType,
    size: item.size ?? 0,
    parentId,
    modifiedAt: Number.isFinite(modifiedAt) ? modifiedAt : 0,
    // cTag changes with the content only (eTag also with renames and moves).
    contentVersion:
      item.cTag ?? item.file.hashes?.sha1Hash ?? item.file.hashes?.quickXorHash ?? item.eTag ?? "",
  };
  const tags = item.audio === undefined ? undefined : toProviderTags(item.audio);
  if (tags !== undefined) file.tags = tags;
  return file;
}

/** Maps the `audio` facet to the library's tag names; `undefined` when it holds nothing. */
export function toProviderTags(audio: AudioFacet): ProviderTags | undefined {
  const tags: ProviderTags = {};
  const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const count = (value: unknown) =>
    typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
  const entries: Array<[keyof ProviderTags, string | number | undefined]> = [
    ["title", text(audio.title)],
    ["artist", text(audio.artist)],
    ["albumArtist", text(audio.albumArtist)],
    ["album", text(audio.album)],
    ["genre", text(audio.genre)],
    ["trackNumber", count(audio.track)],
    ["trackCount", count(audio.trackCount)],
    ["discNumber", count(audio.disc)],
    ["discCount", count(audio.discCount)],
    ["year", count(audio.year)],
    ["durationMs", count(audio.duration)],
    ["bitrateKbps", count(audio.bitrate)],
  ];
  let any = false;
  for (const [key, value] of entries) {
    if (value === undefined) continue;
    (tags as Record<string, string | number>)[key] = value;
    any = true;
  }
  return any ? tags : undefined;
}
