import type { DevClock, SeededRandom } from "../context.js";
import { mimeTypeForFileName } from "./audio-formats.js";
import { ChangeLog } from "./change-log.js";
import { FileContentCache } from "./file-content-cache.js";
import type { GeneratedLibrary } from "./generate-library.js";
import { LibraryError } from "./library-error.js";
import type {
  ChangeRecord,
  CloudItem,
  ContentRenderer,
  FileItem,
  FolderItem,
  LibraryStore,
  TrackFacts,
} from "./library-types.js";

/** What {@link createLibraryStore} needs. */
export interface LibraryStoreOptions {
  /** The initial tree; it becomes the drive's content at change seq 0. */
  generated: GeneratedLibrary;
  /** Renders generated tracks and lyrics on first read. */
  renderer: ContentRenderer;
  /** Times of mutations and change records. */
  clock: DevClock;
  /** Source of item ids; a fresh source with the same seed gives the same ids. */
  random: SeededRandom;
  /** Bound of the rendered-bytes cache, in bytes. Default {@link DEFAULT_CACHE_BYTES}. */
  cacheBytes?: number;
}

/** Default bound of the rendered-bytes cache: 64 MiB. */
export const DEFAULT_CACHE_BYTES = 64 * 1024 * 1024;

/** Name of the root folder, as Drive shows it. */
export const ROOT_FOLDER_NAME = "My Drive";

/** Length of item ids: Drive's file ids are 33 characters long. */
export const ITEM_ID_LENGTH = 33;

/**
 * Creates the emulated drive, holding `generated` under a root folder.
 *
 * Ids are drawn from `random` at creation, root first and then in plan order,
 * so a freshly seeded source gives the same ids on every run. Generated files
 * are rendered on first read and kept in an LRU cache bounded by total bytes.
 *
 * Trash follows Drive: trashing a folder also trashes what is inside it,
 * restoring it restores everything not trashed on its own, and an item added
 * or moved into a trashed folder is trashed too.
 *
 * @throws RangeError for a bad `cacheBytes`; every mutation throws
 *   {@link LibraryError} when refused.
 *
 * @example
 * ```ts
 * const store = createLibraryStore({
 *   generated: generateLibrary({ tracks: 100, seed: 1, now: clock.now() }),
 *   renderer, clock, random: createSeededRandom(1),
 * });
 * const [music] = store.children(store.rootId);
 * ```
 */
export function createLibraryStore(options: LibraryStoreOptions): LibraryStore {
  return new InMemoryLibraryStore(options);
}

class InMemoryLibraryStore implements LibraryStore {
  readonly rootId: string;
  readonly #clock: DevClock;
  readonly #random: SeededRandom;
  readonly #tracks: readonly TrackFacts[];
  /** Every live item, root first, in insertion order. */
  readonly #items = new Map<string, CloudItem>();
  readonly #children = new Map<string, Set<string>>();
  /** Items trashed themselves, as opposed to trashed with a folder. */
  readonly #explicitlyTrashed = new Set<string>();
  readonly #log = new ChangeLog();
  readonly #content: FileContentCache;
  #allItems: readonly CloudItem[] | undefined;

  constructor(options: LibraryStoreOptions) {
    this.#clock = options.clock;
    this.#random = options.random;
    this.#tracks = options.generated.tracks;
    this.#content = new FileContentCache(
      options.renderer,
      options.cacheBytes ?? DEFAULT_CACHE_BYTES,
    );

    const planned = options.generated.items;
    const oldest = planned.reduce((time, item) => Math.min(time, item.time), this.#clock.now());
    // Drive's root ids start with "0A"; file and folder ids with "1".
    this.rootId = this.#newId("0A");
    this.#insert(
      freeze<FolderItem>({
        kind: "folder",
        id: this.rootId,
        name: ROOT_FOLDER_NAME,
        parentId: null,
        createdTime: oldest,
        modifiedTime: oldest,
        trashed: false,
      }),
    );
    const folderIds = new Map<string, string>([["", this.rootId]]);
    for (const item of planned) {
      const parentId = folderIds.get(item.path.slice(0, -1).join("/"));
      const name = item.path.at(-1);
      if (parentId === undefined || name === undefined) {
        throw new RangeError(`Planned item "${item.path.join("/")}" comes before its folder.`);
      }
      const base = { id: this.#newId("1"), name, createdTime: item.time, modifiedTime: item.time };
      if (item.kind === "folder") {
        folderIds.set(item.path.join("/"), base.id);
        this.#insert(freeze<FolderItem>({ ...base, kind: "folder", parentId, trashed: false }));
      } else {
        const { mimeType, content } = item;
        this.#insert(
          freeze<FileItem>({
            ...base,
            kind: "file",
            parentId,
            trashed: false,
            mimeType,
            version: 1,
            content,
          }),
        );
      }
    }
  }

  get changeSeq(): number {
    return this.#log.seq;
  }

  get(id: string): CloudItem | undefined {
    return this.#items.get(id);
  }

  children(folderId: string): CloudItem[] {
    const ids = this.#children.get(folderId);
    if (ids === undefined) return [];
    return Array.from(ids, (id) => this.#items.get(id)).filter((item) => item !== undefined);
  }

  all(): readonly CloudItem[] {
    // Listing 10,000+ items is frequent and mutations are rare: rebuild only after one.
    this.#allItems ??= Object.freeze([...this.#items.values()].slice(1));
    return this.#allItems;
  }

  tracks(): readonly TrackFacts[] {
    return this.#tracks;
  }

  bytes(file: FileItem): Uint8Array {
    return this.#content.bytes(file);
  }

  size(file: FileItem): number {
    return this.#content.size(file);
  }

  md5(file: FileItem): string {
    return this.#content.md5(file);
  }

  addFolder(input: { name: string; parentId: string }): FolderItem {
    return this.#add<FolderItem>({ kind: "folder", ...this.#newChild(input) });
  }

  addFile(input: {
    name: string;
    parentId: string;
    mimeType?: string;
    bytes: Uint8Array;
  }): FileItem {
    const child = this.#newChild(input);
    return this.#add<FileItem>({
      kind: "file",
      ...child,
      mimeType: input.mimeType ?? mimeTypeForFileName(child.name),
      version: 1,
      // A copy: the caller may reuse its buffer, and stored versions must not change.
      content: Object.freeze({ type: "bytes", bytes: input.bytes.slice() }),
    });
  }

  rename(id: string, name: string): CloudItem {
    const item = this.#requireNonRoot(id, "renamed");
    const now = this.#clock.now();
    const renamed = this.#replace({ ...item, name: checkName(name), modifiedTime: now });
    this.#log.record(id, false, now);
    return renamed;
  }

  move(id: string, parentId: string): CloudItem {
    const item = this.#requireNonRoot(id, "moved");
    const parent = this.#requireFolder(parentId);
    for (let at: CloudItem | undefined = parent; at !== undefined; at = this.#parentOf(at)) {
      if (at.id === id) {
        throw new LibraryError("cycle", `Cannot move folder ${id} into itself or a descendant.`);
      }
    }
    const now = this.#clock.now();
    this.#children.get(item.parentId ?? "")?.delete(id);
    this.#children.get(parent.id)?.add(id);
    const moved = this.#replace({
      ...item,
      parentId: parent.id,
      modifiedTime: now,
      trashed: this.#explicitlyTrashed.has(id) || parent.trashed,
    });
    this.#log.record(id, false, now);
    this.#propagateTrash(moved, now);
    return moved;
  }

  modify(id: string, bytes: Uint8Array): FileItem {
    const item = this.#require(id);
    if (item.kind !== "file") throw new LibraryError("not-a-file", `Item ${id} is a folder.`);
    this.#forgetBytes(item);
    const now = this.#clock.now();
    const modified = this.#replace({
      ...item,
      version: item.version + 1,
      modifiedTime: now,
      content: Object.freeze({ type: "bytes", bytes: bytes.slice() }),
    });
    this.#log.record(id, false, now);
    return modified;
  }

  setTrashed(id: string, trashed: boolean): CloudItem {
    const item = this.#requireNonRoot(id, "trashed");
    if (trashed) this.#explicitlyTrashed.add(id);
    else this.#explicitlyTrashed.delete(id);
    const parentTrashed = this.#parentOf(item)?.trashed ?? false;
    const now = this.#clock.now();
    // Restoring an item inside a trashed folder leaves it trashed with that folder.
    const updated = this.#replace({
      ...item,
      trashed: trashed || parentTrashed,
      modifiedTime: now,
    });
    this.#log.record(id, false, now);
    this.#propagateTrash(updated, now);
    return updated;
  }

  isExplicitlyTrashed(id: string): boolean {
    return this.#explicitlyTrashed.has(id);
  }

  remove(id: string): void {
    const item = this.#requireNonRoot(id, "removed");
    const now = this.#clock.now();
    this.#children.get(item.parentId ?? "")?.delete(id);
    this.#allItems = undefined;
    // Children before their folder, as a recursive delete would go.
    const removeTree = (current: CloudItem) => {
      for (const childId of this.#children.get(current.id) ?? []) {
        const child = this.#items.get(childId);
        if (child !== undefined) removeTree(child);
      }
      this.#items.delete(current.id);
      this.#children.delete(current.id);
      this.#explicitlyTrashed.delete(current.id);
      if (current.kind === "file") this.#forgetBytes(current);
      this.#log.record(current.id, true, now);
    };
    removeTree(item);
  }

  changesSince(seq: number): ChangeRecord[] {
    return this.#log.since(seq);
  }

  #newId(prefix: string): string {
    let id = prefix + this.#random.token(ITEM_ID_LENGTH - prefix.length);
    while (this.#items.has(id)) id = prefix + this.#random.token(ITEM_ID_LENGTH - prefix.length);
    return id;
  }

  /** The fields every new item has; the parent is trashed, so is the item. */
  #newChild(input: { name: string; parentId: string }) {
    const parent = this.#requireFolder(input.parentId);
    // Checked before drawing an id, so a refused call leaves later ids unchanged.
    const name = checkName(input.name);
    const now = this.#clock.now();
    return {
      id: this.#newId("1"),
      name,
      parentId: parent.id,
      createdTime: now,
      modifiedTime: now,
      trashed: parent.trashed,
    };
  }

  /** Stores a new item and records its creation. */
  #add<T extends CloudItem>(item: T): T {
    const frozen = freeze(item);
    this.#insert(frozen);
    this.#log.record(frozen.id, false, frozen.createdTime);
    return frozen;
  }

  #insert(item: CloudItem): void {
    this.#items.set(item.id, item);
    if (item.kind === "folder") this.#children.set(item.id, new Set());
    if (item.parentId !== null) this.#children.get(item.parentId)?.add(item.id);
    this.#allItems = undefined;
  }

  /** Stores a new snapshot of an item; snapshots are frozen, so readers never see them change. */
  #replace<T extends CloudItem>(item: T): T {
    const frozen = freeze(item);
    this.#items.set(item.id, frozen);
    this.#allItems = undefined;
    return frozen;
  }

  /** Brings the descendants of `folder` in line with its `trashed`, recording each flip. */
  #propagateTrash(folder: CloudItem, now: number): void {
    for (const childId of this.#children.get(folder.id) ?? []) {
      const child = this.#items.get(childId);
      if (child === undefined) continue;
      const trashed = folder.trashed || this.#explicitlyTrashed.has(childId);
      if (child.trashed === trashed) continue;
      const updated = this.#replace({ ...child, trashed });
      this.#log.record(childId, false, now);
      this.#propagateTrash(updated, now);
    }
  }

  #forgetBytes(file: FileItem): void {
    this.#content.forget(file);
  }

  #parentOf(item: CloudItem): CloudItem | undefined {
    return item.parentId === null ? undefined : this.#items.get(item.parentId);
  }

  #require(id: string): CloudItem {
    const item = this.#items.get(id);
    if (item === undefined) throw new LibraryError("not-found", `No item has id ${id}.`);
    return item;
  }

  #requireNonRoot(id: string, action: string): CloudItem {
    const item = this.#require(id);
    if (item.parentId === null) {
      throw new LibraryError("root", `The root folder cannot be ${action}.`);
    }
    return item;
  }

  #requireFolder(id: string): FolderItem {
    const item = this.#items.get(id);
    if (item === undefined) throw new LibraryError("not-found", `No folder has id ${id}.`);
    if (item.kind !== "folder") {
      throw new LibraryError("not-a-folder", `Item ${id} is a file, not a folder.`);
    }
    return item;
  }
}

/** Names must show in both clouds: not blank, and no `/`, which OneDrive paths split on. */
function checkName(name: string): string {
  if (typeof name !== "string" || name.trim().length === 0 || name.includes("/")) {
    throw new LibraryError("invalid-name", `Invalid name ${JSON.stringify(name)}.`);
  }
  return name;
}

function freeze<T extends CloudItem>(item: T): T {
  return Object.freeze(item);
}
