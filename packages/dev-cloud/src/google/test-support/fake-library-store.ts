import { createHash } from "node:crypto";
import type { DevClock } from "../../context.js";
import type {
  ChangeRecord,
  CloudItem,
  FileItem,
  FolderItem,
  LibraryStore,
  TrackFacts,
} from "../../library/library-types.js";

/**
 * A small in-memory {@link LibraryStore} for the Google route tests: byte
 * files only, ids `f1`, `f2`, …, one change record per mutation. Test-only;
 * the real store is the library module's.
 */
export class FakeLibraryStore implements LibraryStore {
  readonly rootId = "root-0";
  private readonly items = new Map<string, CloudItem>();
  private readonly log: ChangeRecord[] = [];
  private nextId = 1;

  constructor(private readonly clock: DevClock) {
    const now = clock.now();
    this.items.set(this.rootId, {
      kind: "folder",
      id: this.rootId,
      name: "root",
      parentId: null,
      createdTime: now,
      modifiedTime: now,
      trashed: false,
    });
  }

  get changeSeq(): number {
    return this.log.length;
  }

  get(id: string): CloudItem | undefined {
    return this.items.get(id);
  }

  children(folderId: string): CloudItem[] {
    return [...this.items.values()].filter((item) => item.parentId === folderId);
  }

  all(): readonly CloudItem[] {
    return [...this.items.values()].filter((item) => item.id !== this.rootId);
  }

  tracks(): readonly TrackFacts[] {
    return [];
  }

  bytes(file: FileItem): Uint8Array {
    if (file.content.type !== "bytes") throw new Error("The fake library only holds byte files.");
    return file.content.bytes;
  }

  size(file: FileItem): number {
    return this.bytes(file).byteLength;
  }

  md5(file: FileItem): string {
    return createHash("md5").update(this.bytes(file)).digest("hex");
  }

  addFolder(input: { name: string; parentId: string }): FolderItem {
    const now = this.clock.now();
    const folder: FolderItem = {
      kind: "folder",
      id: this.newId(),
      name: input.name,
      parentId: input.parentId,
      createdTime: now,
      modifiedTime: now,
      trashed: false,
    };
    this.items.set(folder.id, folder);
    this.record(folder.id, false);
    return folder;
  }

  addFile(input: {
    name: string;
    parentId: string;
    mimeType?: string;
    bytes: Uint8Array;
  }): FileItem {
    const now = this.clock.now();
    const file: FileItem = {
      kind: "file",
      id: this.newId(),
      name: input.name,
      parentId: input.parentId,
      mimeType: input.mimeType ?? "application/octet-stream",
      version: 1,
      content: { type: "bytes", bytes: input.bytes },
      createdTime: now,
      modifiedTime: now,
      trashed: false,
    };
    this.items.set(file.id, file);
    this.record(file.id, false);
    return file;
  }

  rename(id: string, name: string): CloudItem {
    return this.update(id, (item) => {
      item.name = name;
    });
  }

  move(id: string, parentId: string): CloudItem {
    return this.update(id, (item) => {
      item.parentId = parentId;
    });
  }

  modify(id: string, bytes: Uint8Array): FileItem {
    const item = this.update(id, (target) => {
      if (target.kind !== "file") throw new Error(`${id} is a folder.`);
      target.content = { type: "bytes", bytes };
      target.version++;
    });
    return item as FileItem;
  }

  setTrashed(id: string, trashed: boolean): CloudItem {
    return this.update(id, (item) => {
      item.trashed = trashed;
    });
  }

  remove(id: string): void {
    for (const child of this.children(id)) this.remove(child.id);
    if (!this.items.delete(id)) throw new Error(`No item ${id}.`);
    this.record(id, true);
  }

  changesSince(seq: number): ChangeRecord[] {
    const latest = new Map<string, ChangeRecord>();
    for (const record of this.log) {
      if (record.seq <= seq) continue;
      latest.delete(record.itemId);
      latest.set(record.itemId, record);
    }
    return [...latest.values()].sort((a, b) => a.seq - b.seq);
  }

  private update(id: string, change: (item: CloudItem) => void): CloudItem {
    const item = this.items.get(id);
    if (item === undefined) throw new Error(`No item ${id}.`);
    change(item);
    item.modifiedTime = this.clock.now();
    this.record(id, false);
    return item;
  }

  private record(itemId: string, removed: boolean): void {
    this.log.push({ seq: this.log.length + 1, itemId, removed, time: this.clock.now() });
  }

  private newId(): string {
    return `f${this.nextId++}`;
  }
}
