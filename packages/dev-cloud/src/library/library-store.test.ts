import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { DevClock } from "../context.js";
import { createDevClock } from "../create-context.js";
import { FakeContentRenderer } from "./fake-content-renderer.js";
import { type GeneratedLibrary, generateLibrary } from "./generate-library.js";
import { LibraryError, type LibraryErrorReason } from "./library-error.js";
import { createLibraryStore, ROOT_FOLDER_NAME } from "./library-store.js";
import type { CloudItem, FileItem, FolderItem, LibraryStore } from "./library-types.js";
import { createSeededRandom } from "./seeded-random.js";

const START = Date.UTC(2025, 5, 1, 12);

interface Setup {
  store: LibraryStore;
  clock: DevClock;
  renderer: FakeContentRenderer;
}

function setup(
  options: { tracks?: number; seed?: number; cacheBytes?: number; trackBytes?: number } = {},
  generated?: GeneratedLibrary,
): Setup {
  const seed = options.seed ?? 1;
  const clock = createDevClock(START);
  const renderer = new FakeContentRenderer(options.trackBytes);
  const store = createLibraryStore({
    generated: generated ?? generateLibrary({ tracks: options.tracks ?? 30, seed, now: START }),
    renderer,
    clock,
    random: createSeededRandom(seed),
    ...(options.cacheBytes === undefined ? {} : { cacheBytes: options.cacheBytes }),
  });
  return { store, clock, renderer };
}

const pathOf = (store: LibraryStore, item: CloudItem): string => {
  const names: string[] = [];
  for (let at: CloudItem | undefined = item; at?.parentId; at = store.get(at.parentId)) {
    names.unshift(at.name);
  }
  return names.join("/");
};
const byPath = (store: LibraryStore, path: string): CloudItem => {
  const item = store.all().find((candidate) => pathOf(store, candidate) === path);
  if (item === undefined) throw new Error(`No item at ${path}.`);
  return item;
};
const trackFile = (store: LibraryStore, index: number): FileItem => {
  const file = store
    .all()
    .find(
      (item) =>
        item.kind === "file" && item.content.type === "track" && item.content.track.index === index,
    );
  if (file?.kind !== "file") throw new Error(`No file for track ${index}.`);
  return file;
};
const expectRefusal = (action: () => unknown, reason: LibraryErrorReason) => {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(LibraryError);
    expect(LibraryError.isInstance(error)).toBe(true);
    expect((error as LibraryError).reason).toBe(reason);
    return;
  }
  throw new Error(`Expected a LibraryError "${reason}".`);
};

describe("createLibraryStore: the generated tree", () => {
  it("holds the generated items under a root that has no parent", () => {
    const generated = generateLibrary({ tracks: 30, seed: 1, now: START });
    const { store } = setup({}, generated);
    const root = store.get(store.rootId);
    expect(root).toMatchObject({ kind: "folder", name: ROOT_FOLDER_NAME, parentId: null });
    expect(store.all().map((item) => pathOf(store, item))).toEqual(
      generated.items.map((item) => item.path.join("/")),
    );
    expect(store.children(store.rootId).map((item) => item.name)).toEqual(["Music"]);
    expect(store.tracks()).toBe(generated.tracks);
  });

  it("gives Drive-like ids that repeat with the seed and change with it", () => {
    const ids = (seed: number) => {
      const { store } = setup({ seed });
      return [store.rootId, ...store.all().map((item) => item.id)];
    };
    const first = ids(1);
    expect(first.every((id) => /^[A-Za-z0-9_-]{33}$/.test(id))).toBe(true);
    expect(new Set(first).size).toBe(first.length);
    expect(first[0]?.startsWith("0A")).toBe(true);
    expect(ids(1)).toEqual(first);
    expect(ids(2)[1]).not.toBe(first[1]);
  });

  it("holds a 10,000-track library with unique ids", () => {
    const generated = generateLibrary({ tracks: 10_000, seed: 3, now: START });
    const { store } = setup({}, generated);
    expect(store.all()).toHaveLength(generated.items.length);
    expect(new Set(store.all().map((item) => item.id)).size).toBe(generated.items.length);
  });

  it("starts with an empty change log", () => {
    const { store } = setup();
    expect(store.changeSeq).toBe(0);
    expect(store.changesSince(0)).toEqual([]);
  });

  it("lists children in insertion order and nothing for unknown ids or files", () => {
    const { store } = setup();
    const music = byPath(store, "Music");
    expect(store.children(music.id).map((item) => item.name)[0]).toBe("notes.txt");
    expect(store.children("no-such-id")).toEqual([]);
    expect(store.children(trackFile(store, 0).id)).toEqual([]);
  });

  it("works for an empty library", () => {
    const { store } = setup({ tracks: 0 });
    expect(store.all().map((item) => item.name)).toEqual(["Music", "notes.txt"]);
    expect(store.tracks()).toEqual([]);
  });
});

describe("createLibraryStore: bytes", () => {
  it("renders a track only when its bytes are first read, then serves the cache", () => {
    const { store, renderer } = setup();
    expect(renderer.trackRenders).toEqual([]);
    const file = trackFile(store, 3);
    const bytes = store.bytes(file);
    expect(new DataView(bytes.buffer).getUint32(0)).toBe(3);
    expect(store.bytes(file)).toBe(bytes);
    expect(renderer.trackRenders).toEqual([3]);
  });

  it("renders lyrics sidecars with the lyrics renderer", () => {
    const { store, renderer } = setup();
    const sidecar = store
      .all()
      .find((item) => item.kind === "file" && item.content.type === "lyrics");
    if (sidecar?.kind !== "file" || sidecar.content.type !== "lyrics") throw new Error("no lyrics");
    const text = new TextDecoder().decode(store.bytes(sidecar));
    expect(text).toContain(sidecar.content.track.title);
    expect(renderer.lyricsRenders).toEqual([sidecar.content.track.index]);
    expect(renderer.trackRenders).toEqual([]);
  });

  it("evicts the least recently read files once the cache bound is reached", () => {
    // Room for three 1,000-byte tracks.
    const { store, renderer } = setup({ cacheBytes: 3_500, trackBytes: 1_000 });
    const [a, b, c, d] = [0, 1, 2, 3].map((index) => trackFile(store, index));
    if (!a || !b || !c || !d) throw new Error("missing tracks");
    for (const file of [a, b, c, a, d]) store.bytes(file);
    expect(renderer.trackRenders).toEqual([0, 1, 2, 3]); // the second read of a was cached
    // b was the least recently used when d came in.
    for (const file of [c, a, d]) store.bytes(file);
    expect(renderer.trackRenders).toEqual([0, 1, 2, 3]);
    store.bytes(b);
    expect(renderer.trackRenders).toEqual([0, 1, 2, 3, 1]);
    // Reading b pushed out c, the least recently used then.
    store.bytes(c);
    expect(renderer.trackRenders).toEqual([0, 1, 2, 3, 1, 2]);
  });

  it("re-renders a file larger than the whole cache on every read", () => {
    const { store, renderer } = setup({ cacheBytes: 500, trackBytes: 1_000 });
    const file = trackFile(store, 0);
    store.bytes(file);
    store.bytes(file);
    expect(renderer.trackRenders).toEqual([0, 0]);
  });

  it("computes the MD5 of the bytes and keeps it after the bytes are evicted", () => {
    const { store, renderer } = setup({ cacheBytes: 0 });
    const music = byPath(store, "Music");
    const hello = store.addFile({
      name: "hello.txt",
      parentId: music.id,
      bytes: new TextEncoder().encode("hello"),
    });
    expect(store.md5(hello)).toBe("5d41402abc4b2a76b9719d911017c592");

    const file = trackFile(store, 5);
    const track = store.tracks()[5];
    if (track === undefined) throw new Error("missing track");
    const expected = createHash("md5").update(renderer.renderTrack(track)).digest("hex");
    renderer.trackRenders.length = 0;
    expect(store.md5(file)).toBe(expected);
    expect(store.md5(file)).toBe(expected);
    expect(renderer.trackRenders).toEqual([5]);
  });
});

describe("createLibraryStore: mutations and the change log", () => {
  it("adds folders and files with clock times, version 1 and a guessed MIME type", () => {
    const { store, clock } = setup();
    clock.advance(5_000);
    const folder = store.addFolder({ name: "Uploads", parentId: store.rootId });
    const source = new Uint8Array([1, 2, 3]);
    const file = store.addFile({ name: "take.flac", parentId: folder.id, bytes: source });
    source[0] = 9; // the store keeps its own copy
    expect(folder).toMatchObject({
      parentId: store.rootId,
      createdTime: START + 5_000,
      trashed: false,
    });
    expect(file).toMatchObject({ mimeType: "audio/flac", version: 1, modifiedTime: START + 5_000 });
    expect([...store.bytes(file)]).toEqual([1, 2, 3]);
    expect(store.children(folder.id)).toEqual([file]);
    expect(store.all().slice(-2)).toEqual([folder, file]);
    expect(store.changesSince(0)).toEqual([
      { seq: 1, itemId: folder.id, removed: false, time: START + 5_000 },
      { seq: 2, itemId: file.id, removed: false, time: START + 5_000 },
    ]);
  });

  it("renames, moves and modifies, updating modifiedTime and version", () => {
    const { store, clock } = setup();
    const file = trackFile(store, 0);
    const target = byPath(store, "Music/Singles");
    clock.advance(1_000);
    expect(store.rename(file.id, "renamed.mp3")).toMatchObject({
      name: "renamed.mp3",
      modifiedTime: START + 1_000,
    });
    clock.advance(1_000);
    expect(store.move(file.id, target.id).parentId).toBe(target.id);
    expect(store.children(target.id).at(-1)?.id).toBe(file.id);
    clock.advance(1_000);
    const modified = store.modify(file.id, new Uint8Array([7]));
    expect(modified).toMatchObject({
      version: 2,
      modifiedTime: START + 3_000,
      name: "renamed.mp3",
    });
    expect([...store.bytes(modified)]).toEqual([7]);
    expect(store.md5(modified)).toBe(
      createHash("md5")
        .update(new Uint8Array([7]))
        .digest("hex"),
    );
    // Items are snapshots: the one read before the changes is unchanged.
    expect(file.name).not.toBe("renamed.mp3");
    expect(Object.isFrozen(modified)).toBe(true);
  });

  it("reports only the last change of each item, in seq order", () => {
    const { store, clock } = setup();
    const [a, b] = [trackFile(store, 0), trackFile(store, 1)];
    if (!a || !b) throw new Error("missing tracks");
    store.rename(a.id, "a1.mp3"); // seq 1
    store.rename(b.id, "b1.mp3"); // seq 2
    clock.advance(10);
    store.rename(a.id, "a2.mp3"); // seq 3
    expect(store.changeSeq).toBe(3);
    expect(store.changesSince(0)).toEqual([
      { seq: 2, itemId: b.id, removed: false, time: START },
      { seq: 3, itemId: a.id, removed: false, time: START + 10 },
    ]);
    expect(store.changesSince(2).map((change) => change.seq)).toEqual([3]);
    expect(store.changesSince(3)).toEqual([]);
    expect(store.changesSince(99)).toEqual([]);
  });

  it("removes a folder with everything under it, recording each item as removed", () => {
    const { store } = setup();
    const musicId = byPath(store, "Music").id;
    const artist = store
      .children(musicId)
      .find((item) => item.kind === "folder" && item.name !== "Singles");
    if (artist === undefined) throw new Error("no artist folder");
    const descendants: string[] = [];
    const walk = (id: string) => {
      for (const child of store.children(id)) {
        walk(child.id);
        descendants.push(child.id);
      }
    };
    walk(artist.id);
    expect(descendants.length).toBeGreaterThan(3);
    const before = store.all().length;

    store.remove(artist.id);
    const changes = store.changesSince(0);
    expect(changes.map((change) => change.itemId).sort()).toEqual(
      [...descendants, artist.id].sort(),
    );
    expect(changes.every((change) => change.removed)).toBe(true);
    expect(changes.at(-1)?.itemId).toBe(artist.id); // children first
    expect(changes.map((change) => change.seq)).toEqual(changes.map((_, index) => index + 1));
    expect(store.get(artist.id)).toBeUndefined();
    expect(descendants.some((id) => store.get(id) !== undefined)).toBe(false);
    expect(store.all()).toHaveLength(before - descendants.length - 1);
    expect(store.children(musicId).some((item) => item.id === artist.id)).toBe(false);
  });

  it("trashes a folder's contents with it and restores only those not trashed on their own", () => {
    const { store } = setup();
    const singles = byPath(store, "Music/Singles");
    const [first, second] = store.children(singles.id);
    if (!first || !second) throw new Error("too few singles");
    store.setTrashed(first.id, true);
    const mark = store.changeSeq;
    store.setTrashed(singles.id, true);
    expect(store.children(singles.id).every((item) => item.trashed)).toBe(true);
    expect(store.isExplicitlyTrashed(singles.id)).toBe(true);
    expect(store.isExplicitlyTrashed(first.id)).toBe(true);
    expect(store.isExplicitlyTrashed(second.id)).toBe(false);
    // The folder and the children whose flag flipped; `first` was already trashed.
    const flipped = store.changesSince(mark).map((change) => change.itemId);
    expect(flipped).toContain(singles.id);
    expect(flipped).toContain(second.id);
    expect(flipped).not.toContain(first.id);

    store.setTrashed(singles.id, false);
    expect(store.get(first.id)?.trashed).toBe(true);
    expect(store.get(second.id)?.trashed).toBe(false);
  });

  it("trashes what is added or moved into a trashed folder", () => {
    const { store } = setup();
    const bin = store.addFolder({ name: "Bin", parentId: store.rootId });
    store.setTrashed(bin.id, true);
    expect(store.addFolder({ name: "Inside", parentId: bin.id }).trashed).toBe(true);
    const file = trackFile(store, 0);
    expect(store.move(file.id, bin.id).trashed).toBe(true);
    expect(store.move(file.id, store.rootId).trashed).toBe(false);
  });
});

describe("createLibraryStore: refused mutations", () => {
  it("refuses unknown ids, bad parents, cycles, the root and bad names without logging a change", () => {
    const { store } = setup();
    const music = byPath(store, "Music") as FolderItem;
    const artist = store.children(music.id).find((item) => item.kind === "folder");
    const file = trackFile(store, 0);
    if (artist === undefined) throw new Error("no artist folder");

    expectRefusal(() => store.rename("nope", "x"), "not-found");
    expectRefusal(() => store.remove("nope"), "not-found");
    expectRefusal(() => store.addFolder({ name: "x", parentId: "nope" }), "not-found");
    expectRefusal(() => store.addFolder({ name: "x", parentId: file.id }), "not-a-folder");
    expectRefusal(() => store.move(artist.id, file.id), "not-a-folder");
    expectRefusal(() => store.move(music.id, music.id), "cycle");
    expectRefusal(() => store.move(music.id, artist.id), "cycle");
    expectRefusal(() => store.modify(music.id, new Uint8Array()), "not-a-file");
    expectRefusal(() => store.rename(store.rootId, "Root"), "root");
    expectRefusal(() => store.move(store.rootId, music.id), "root");
    expectRefusal(() => store.setTrashed(store.rootId, true), "root");
    expectRefusal(() => store.remove(store.rootId), "root");
    expectRefusal(() => store.rename(file.id, "  "), "invalid-name");
    expectRefusal(
      () => store.addFile({ name: "a/b", parentId: music.id, bytes: new Uint8Array() }),
      "invalid-name",
    );
    expectRefusal(() => store.changesSince(-1), "invalid-seq");
    expectRefusal(() => store.changesSince(0.5), "invalid-seq");

    expect(store.changeSeq).toBe(0);
    expect(store.get(music.id)).toBe(music);
  });

  it("draws no id for a refused mutation, so later ids stay the same", () => {
    const refused = setup();
    const clean = setup();
    const root = refused.store.rootId;
    expectRefusal(() => refused.store.addFolder({ name: "", parentId: root }), "invalid-name");
    expectRefusal(
      () => refused.store.addFile({ name: "x", parentId: "nope", bytes: new Uint8Array() }),
      "not-found",
    );
    const after = refused.store.addFolder({ name: "X", parentId: root });
    expect(after.id).toBe(clean.store.addFolder({ name: "X", parentId: clean.store.rootId }).id);
  });
});
