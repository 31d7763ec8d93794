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
 * A small in-memory {@link LibraryStore} for the Microsoft route tests (the
 * real store is written elsewhere). Track bytes are a deterministic pattern,
 * not audio: these tests check metadata and transport, not sound.
 */
export class FakeLibraryStore implements LibraryStore {
  readonly rootId = "root-0001";
  private readonly items = new Map<string, CloudItem>();
  private readonly order: string[] = [];
  private readonly log: ChangeRecord[] = [];
  private readonly trackList: TrackFacts[] = [];
  private nextId = 1;

  constructor(private readonly clock: DevClock) {
    const now = clock.now();
    this.items.set(this.rootId, {
      kind: "folder",
      id: this.rootId,
      name: "My Drive",
      parentId: null,
      createdTime: now,
      modifiedTime: now,
      trashed: false,
    });
  }

  get changeSeq(): number {
    return this.log.at(-1)?.seq ?? 0;
  }

  get(id: string): CloudItem | undefined {
    return this.items.get(id);
  }

  children(folderId: string): CloudItem[] {
    return this.all().filter((item) => item.parentId === folderId);
  }

  all(): readonly CloudItem[] {
    return this.order.flatMap((id) => {
      const item = this.items.get(id);
      return item === undefined ? [] : [item];
    });
  }

  tracks(): readonly TrackFacts[] {
    return this.trackList;
  }

  bytes(file: FileItem): Uint8Array {
    if (file.content.type === "bytes") return file.content.bytes;
    const track = file.content.track;
    if (file.content.type === "lyrics")
      return new TextEncoder().encode(`[00:00.00]${track.title}\n`);
    const bytes = new Uint8Array(2_000 + track.index * 100);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7 + track.index) & 0xff;
    return bytes;
  }

  size(file: FileItem): number {
    return this.bytes(file).length;
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
    return this.insert(folder);
  }

  addFile(input: {
    name: string;
    parentId: string;
    mimeType?: string;
    bytes: Uint8Array;
  }): FileItem {
    return this.insertFile(
      input.name,
      input.parentId,
      input.mimeType ?? "application/octet-stream",
      {
        type: "bytes",
        bytes: input.bytes,
      },
    );
  }

  /** Test helper: adds a generated track file with the given facts. */
  addTrack(name: string, parentId: string, facts: Partial<TrackFacts> = {}): FileItem {
    const track = makeTrackFacts(this.trackList.length, facts);
    this.trackList.push(track);
    return this.insertFile(name, parentId, "audio/mpeg", { type: "track", track });
  }

  rename(id: string, name: string): CloudItem {
    return this.change(id, (item) => ({ ...item, name }));
  }

  move(id: string, parentId: string): CloudItem {
    return this.change(id, (item) => ({ ...item, parentId }) as CloudItem);
  }

  modify(id: string, bytes: Uint8Array): FileItem {
    return this.change(id, (item) => {
      if (item.kind !== "file") throw new Error(`${id} is a folder`);
      return { ...item, version: item.version + 1, content: { type: "bytes", bytes } };
    }) as FileItem;
  }

  setTrashed(id: string, trashed: boolean): CloudItem {
    return this.change(id, (item) => ({ ...item, trashed }));
  }

  remove(id: string): void {
    for (const child of this.children(id)) this.remove(child.id);
    this.items.delete(id);
    this.record(id, true);
  }

  changesSince(seq: number): ChangeRecord[] {
    const last = new Map<string, ChangeRecord>();
    for (const record of this.log) if (record.seq > seq) last.set(record.itemId, record);
    return [...last.values()].sort((a, b) => a.seq - b.seq);
  }

  private insertFile(
    name: string,
    parentId: string,
    mimeType: string,
    content: FileItem["content"],
  ): FileItem {
    const now = this.clock.now();
    return this.insert<FileItem>({
      kind: "file",
      id: this.newId(),
      name,
      parentId,
      mimeType,
      version: 1,
      content,
      createdTime: now,
      modifiedTime: now,
      trashed: false,
    });
  }

  private insert<T extends CloudItem>(item: T): T {
    this.items.set(item.id, item);
    this.order.push(item.id);
    this.record(item.id, false);
    return item;
  }

  private change(id: string, update: (item: CloudItem) => CloudItem): CloudItem {
    const item = this.items.get(id);
    if (item === undefined) throw new Error(`no item ${id}`);
    const changed = { ...update(item), modifiedTime: this.clock.now() };
    this.items.set(id, changed);
    this.record(id, false);
    return changed;
  }

  private record(itemId: string, removed: boolean): void {
    this.log.push({ seq: this.changeSeq + 1, itemId, removed, time: this.clock.now() });
  }

  private newId(): string {
    return `item-${String(this.nextId++).padStart(4, "0")}`;
  }
}

/** Track facts with readable defaults, overridable per test. */
export function makeTrackFacts(index: number, facts: Partial<TrackFacts> = {}): TrackFacts {
  return {
    index,
    title: `Song ${index + 1}`,
    artist: "The Testers",
    albumArtist: "The Testers",
    album: "Fixtures",
    trackNumber: index + 1,
    trackCount: 12,
    discNumber: 1,
    discCount: 1,
    year: 2014,
    genre: "Rock",
    durationMs: 3_000,
    frequencyHz: 440,
    format: "mp3",
    hasCover: false,
    hasLyrics: false,
    musicBrainz: { recordingId: "r", releaseId: "s", artistId: "a" },
    lrclibId: 0,
    ...facts,
  };
}
