/**
 * What a sync should end with, read straight from the dev-cloud's library
 * store (in-process), independent of both connectors and of the library.
 */
import type { RemoteFile } from "@player/core-library";
import type { DevCloud } from "@player/dev-cloud";
import { audioFileKind } from "../audio-file-kind.js";
import { type ExpectedTags, expectedTags } from "./expected-tags.js";
import type { ProviderName } from "./sync-harness.js";

/** The facts of one file compared between the library and the cloud. */
export interface ComparableFile {
  remoteId: string;
  name: string;
  parentId: string;
  folderPath: string;
  size: number;
  mimeType: string;
  modifiedAt: number;
  contentVersion: string;
}

/** A live music, lyrics or cover file of the cloud, with what the library should derive from it. */
export interface ExpectedFile extends ComparableFile {
  /** An `.lrc` sidecar rather than music. */
  lyrics: boolean;
  /** A cover image (`cover.jpg`, `folder.png`…) rather than music. */
  cover: boolean;
  /** The library's tags before the file is read (files first); unused for lyrics. */
  tags: ExpectedTags;
}

type CloudItem = ReturnType<DevCloud["context"]["library"]["all"]>[number];
export type CloudFile = Extract<CloudItem, { kind: "file" }>;

/** Every live music, lyrics or cover file in the cloud as `provider` reports it, sorted by id. */
export function groundTruth(cloud: DevCloud, provider: ProviderName): ExpectedFile[] {
  const library = cloud.context.library;
  const result: ExpectedFile[] = [];
  for (const item of library.all()) {
    if (item.kind !== "file") continue;
    const kind = audioFileKind(item.name, item.mimeType);
    if (kind === undefined) continue;
    const folderPath = livePath(cloud, item);
    if (folderPath === undefined) continue;
    result.push({
      remoteId: item.id,
      name: item.name,
      parentId: item.parentId,
      folderPath,
      size: library.size(item),
      mimeType: item.mimeType,
      modifiedAt: item.modifiedTime,
      contentVersion: contentVersion(cloud, provider, item),
      lyrics: kind === "lrc",
      cover: kind === "cover",
      tags: expectedTags(provider, item, folderPath),
    });
  }
  return sortById(result);
}

/**
 * The version the provider reports for the bytes: Drive's `md5Checksum`,
 * OneDrive's `cTag` (personal-OneDrive style, built from the item's version).
 */
function contentVersion(cloud: DevCloud, provider: ProviderName, item: CloudFile): string {
  if (provider === "google") return cloud.context.library.md5(item);
  return `a${btoa(`c:${item.id}.${item.version}`).replace(/=+$/, "")}`;
}

/** The folder path of a visible item, or `undefined` when it or a folder above it is trashed. */
function livePath(cloud: DevCloud, item: CloudItem): string | undefined {
  const library = cloud.context.library;
  if (item.trashed) return undefined;
  const names: string[] = [];
  let parent = item.parentId === null ? undefined : library.get(item.parentId);
  while (parent !== undefined && parent.parentId !== null) {
    if (parent.trashed) return undefined;
    names.unshift(parent.name);
    parent = library.get(parent.parentId);
  }
  if (parent?.id !== library.rootId) return undefined;
  return `/${names.join("/")}`;
}

/** The compared facts of files (listed, expected or read back), sorted by id. */
export function comparable(files: readonly (RemoteFile | ExpectedFile)[]): ComparableFile[] {
  return sortById(
    files.map((file) => ({
      remoteId: file.remoteId,
      name: file.name,
      parentId: file.parentId,
      folderPath: file.folderPath,
      size: file.size,
      mimeType: file.mimeType,
      modifiedAt: file.modifiedAt,
      contentVersion: file.contentVersion,
    })),
  );
}

function sortById<T extends { remoteId: string }>(files: T[]): T[] {
  return files.sort((a, b) => (a.remoteId < b.remoteId ? -1 : a.remoteId > b.remoteId ? 1 : 0));
}
