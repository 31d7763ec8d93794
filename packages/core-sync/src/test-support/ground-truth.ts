/**
 * What a sync should end with, read straight from the dev-cloud's library
 * store (in-process), independent of both connectors.
 */
import type { RemoteFile } from "@player/core-library";
import type { DevCloud } from "@player/dev-cloud";
import { audioFileKind } from "../audio-file-kind.js";

/** The facts compared between the library and the cloud. */
export interface ComparableFile {
  remoteId: string;
  name: string;
  parentId: string;
  folderPath: string;
  size: number;
}

type CloudItem = ReturnType<DevCloud["context"]["library"]["all"]>[number];

/** Every live music or lyrics file in the cloud, sorted by id. */
export function groundTruth(cloud: DevCloud): ComparableFile[] {
  const library = cloud.context.library;
  const result: ComparableFile[] = [];
  for (const item of library.all()) {
    if (item.kind !== "file" || audioFileKind(item.name, item.mimeType) === undefined) continue;
    const folderPath = livePath(cloud, item);
    if (folderPath === undefined) continue;
    result.push({
      remoteId: item.id,
      name: item.name,
      parentId: item.parentId,
      folderPath,
      size: library.size(item),
    });
  }
  return sortById(result);
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

/** The comparable part of synced files, sorted by id. */
export function comparable(files: readonly RemoteFile[]): ComparableFile[] {
  return sortById(
    files.map(({ remoteId, name, parentId, folderPath, size }) => ({
      remoteId,
      name,
      parentId,
      folderPath,
      size,
    })),
  );
}

function sortById<T extends { remoteId: string }>(files: T[]): T[] {
  return files.sort((a, b) => (a.remoteId < b.remoteId ? -1 : a.remoteId > b.remoteId ? 1 : 0));
}
