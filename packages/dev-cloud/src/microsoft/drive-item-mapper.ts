import { createHash } from "node:crypto";
import type { DevCloudContext } from "../context.js";
import type { CloudItem, FileItem } from "../library/library-types.js";
import { audioFacetFor } from "./audio-facet.js";
import type { DownloadUrlSigner } from "./download-url-signer.js";
import { FileHashes } from "./file-hashes.js";

/** Options for {@link DriveItemMapper.toDriveItem}. */
export interface DriveItemOptions {
  /** `parentReference.path`; delta responses leave it out. */
  includePath: boolean;
}

/** Deeper than any real tree; stops a corrupt parent chain from looping. */
const MAX_DEPTH = 256;

/**
 * Turns library items into Graph driveItems (the personal OneDrive flavour)
 * and answers which items Graph can see: not trashed, no trashed ancestor,
 * still attached to the root.
 */
export class DriveItemMapper {
  /** The drive's id: 16 hex digits, as personal drive ids are. */
  readonly driveId: string;
  private readonly hashes = new FileHashes();

  constructor(
    private readonly context: DevCloudContext,
    private readonly downloads: DownloadUrlSigner,
  ) {
    this.driveId = createHash("sha1").update(context.library.rootId).digest("hex").slice(0, 16);
  }

  /** Maps Graph's `root` alias to the root's id. */
  resolveId(idOrAlias: string): string {
    return idOrAlias === "root" ? this.context.library.rootId : idOrAlias;
  }

  /** The item if Graph can see it, else `undefined` (trashed items are not found). */
  liveItem(id: string): CloudItem | undefined {
    const item = this.context.library.get(id);
    return item !== undefined && this.isLive(item) ? item : undefined;
  }

  /** True when the item is neither trashed nor under a trashed or deleted folder. */
  isLive(item: CloudItem): boolean {
    let current: CloudItem | undefined = item;
    for (let depth = 0; current !== undefined && depth < MAX_DEPTH; depth++) {
      if (current.trashed) return false;
      if (current.parentId === null) return current.id === this.context.library.rootId;
      current = this.context.library.get(current.parentId);
    }
    return false;
  }

  /** The visible children of a folder, in library order. */
  liveChildren(folderId: string): CloudItem[] {
    return this.context.library.children(folderId).filter((child) => !child.trashed);
  }

  /** A file's byte length, or a folder's total over its visible subtree (as OneDrive reports). */
  sizeOf(item: CloudItem): number {
    if (item.kind === "file") return this.context.library.size(item);
    let total = 0;
    for (const child of this.liveChildren(item.id)) total += this.sizeOf(child);
    return total;
  }

  /** The full driveItem JSON of a visible item. */
  toDriveItem(item: CloudItem, options: DriveItemOptions): Record<string, unknown> {
    const created = new Date(item.createdTime).toISOString();
    const modified = new Date(item.modifiedTime).toISOString();
    const json: Record<string, unknown> = {
      id: item.id,
      name: item.parentId === null ? "root" : item.name,
      size: this.sizeOf(item),
      createdDateTime: created,
      lastModifiedDateTime: modified,
      eTag: this.eTag(item),
      cTag: this.cTag(item),
      fileSystemInfo: { createdDateTime: created, lastModifiedDateTime: modified },
      parentReference: this.parentReference(item, options.includePath),
    };
    if (item.kind === "folder") {
      json.folder = { childCount: this.liveChildren(item.id).length };
      if (item.parentId === null) json.root = {};
      return json;
    }
    json.file = {
      mimeType: item.mimeType,
      hashes: this.hashes.of(item, () => this.context.library.bytes(item)),
    };
    const audio = audioFacetFor(item, this.context.library.size(item));
    if (audio !== undefined) json.audio = audio;
    json["@microsoft.graph.downloadUrl"] = this.downloads.urlFor(item);
    return json;
  }

  /**
   * A delta entry for an item that is gone (deleted, trashed, or under a
   * trashed folder). The name and parent are included while still known.
   */
  toDeletedItem(id: string, item: CloudItem | undefined): Record<string, unknown> {
    const json: Record<string, unknown> = { id };
    if (item !== undefined) json.name = item.name;
    json.deleted = {};
    json.parentReference = {
      driveId: this.driveId,
      driveType: "personal",
      ...(item?.parentId == null ? {} : { id: item.parentId }),
    };
    return json;
  }

  /** True when `item` is a file Graph can serve. */
  isLiveFile(item: CloudItem | undefined): item is FileItem {
    return item !== undefined && item.kind === "file" && this.isLive(item);
  }

  private parentReference(item: CloudItem, includePath: boolean): Record<string, unknown> {
    const reference: Record<string, unknown> = { driveId: this.driveId, driveType: "personal" };
    if (item.parentId === null) return reference;
    reference.id = item.parentId;
    if (includePath) reference.path = this.pathOf(item.parentId);
    return reference;
  }

  /** `/drive/root:` followed by the folder's names below the root. */
  private pathOf(folderId: string): string {
    const names: string[] = [];
    let current = this.context.library.get(folderId);
    for (let depth = 0; current !== undefined && depth < MAX_DEPTH; depth++) {
      if (current.parentId === null) break;
      names.unshift(current.name);
      current = this.context.library.get(current.parentId);
    }
    return `/drive/root:${names.map((name) => `/${name}`).join("")}`;
  }

  /** Changes with any change to the item (name, place, content): OneDrive-personal style `a…`. */
  private eTag(item: CloudItem): string {
    const version = item.kind === "file" ? item.version : 0;
    const revision = createHash("sha1")
      .update(`${item.name}\u0000${item.parentId ?? ""}\u0000${version}\u0000${item.modifiedTime}`)
      .digest("hex")
      .slice(0, 8);
    return `a${Buffer.from(`${item.id}.${parseInt(revision, 16)}`)
      .toString("base64")
      .replace(/=+$/, "")}`;
  }

  /** Changes only with content: a file's version, a folder's modification time. */
  private cTag(item: CloudItem): string {
    const content = item.kind === "file" ? item.version : item.modifiedTime;
    return `a${Buffer.from(`c:${item.id}.${content}`).toString("base64").replace(/=+$/, "")}`;
  }
}
