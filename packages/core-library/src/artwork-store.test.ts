import { IDBFactory, IDBKeyRange } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";
import { ArtworkStore, albumArtworkId, trackArtworkId } from "./artwork-store.js";
import { LibraryDatabase } from "./library-database.js";
import { audioFile, batch, createLibrary } from "./test-support/library-fixtures.js";
import { trackKey } from "./track-identity.js";

const HASH_A = "a".repeat(64);
const HASH_B = "b".repeat(64);
const HASH_C = "c".repeat(64);

const open: LibraryDatabase[] = [];

function createStore() {
  const db = new LibraryDatabase("artwork-test", { indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  let clock = 5_000;
  return { db, store: new ArtworkStore(db, () => clock++) };
}

afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

async function storedImage(store: ArtworkStore, hash: string) {
  const row = await store.getImage(hash);
  if (row === undefined) throw new Error(`image ${hash} is not stored`);
  return row;
}

function image(hash: string, bytes = 10) {
  return {
    hash,
    mimeType: "image/png",
    width: 1200,
    height: 800,
    data: new Uint8Array(bytes).fill(7),
  };
}

function variant(size: number, width = size, height = Math.round((size * 2) / 3)) {
  return { size, mimeType: "image/webp", width, height, data: new Uint8Array(size / 8).fill(1) };
}

describe("ArtworkStore", () => {
  it("stores an image once per hash, with its byte length and the clock's time", async () => {
    const { db, store } = createStore();
    expect(await store.putImage(image(HASH_A, 10))).toBe(true);
    expect(await store.putImage(image(HASH_A, 99))).toBe(false);
    expect(await db.artworkImages.count()).toBe(1);
    const row = await store.getImage(HASH_A);
    expect(row).toMatchObject({
      hash: HASH_A,
      mimeType: "image/png",
      byteLength: 10,
      storedAt: 5000,
    });
    expect(row?.data).toBeInstanceOf(ArrayBuffer);
    expect(new Uint8Array(row?.data as ArrayBuffer)).toEqual(new Uint8Array(10).fill(7));
  });

  it("keeps only a view's own bytes, not its whole buffer", async () => {
    const { store } = createStore();
    const buffer = new Uint8Array(100).fill(3);
    await store.putImage({ ...image(HASH_A), data: buffer.subarray(10, 14) });
    const row = await storedImage(store, HASH_A);
    expect(row.byteLength).toBe(4);
    expect((row.data as ArrayBuffer).byteLength).toBe(4);
  });

  it("refuses a hash that is not 64 lowercase hex digits", async () => {
    const { store } = createStore();
    await expect(store.putImage(image("ABC"))).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
  });

  it("serves the smallest variant at least as big as asked, else the original", async () => {
    const { store } = createStore();
    await store.putImage(image(HASH_A));
    await store.putVariants(HASH_A, [variant(96), variant(256), variant(512)]);
    expect(await store.getVariant(HASH_A, 96)).toMatchObject({ kind: "variant", size: 96 });
    expect(await store.getVariant(HASH_A, 97)).toMatchObject({ kind: "variant", size: 256 });
    expect(await store.getVariant(HASH_A, 300)).toMatchObject({
      kind: "variant",
      size: 512,
      width: 512,
      height: 341,
      mimeType: "image/webp",
    });
    const original = await store.getVariant(HASH_A, 1000);
    expect(original).toMatchObject({ kind: "original", hash: HASH_A, width: 1200, height: 800 });
    expect(original?.size).toBeUndefined();
    expect(await store.getVariant(HASH_B, 96)).toBeUndefined();
  });

  it("does not mix the variants of two images", async () => {
    const { store } = createStore();
    await store.putImage(image(HASH_A));
    await store.putImage(image(HASH_B));
    await store.putVariants(HASH_B, [variant(96)]);
    expect(await store.getVariant(HASH_A, 96)).toMatchObject({ kind: "original", hash: HASH_A });
    expect(await store.getVariant(HASH_B, 96)).toMatchObject({ kind: "variant", hash: HASH_B });
  });

  it("refuses variants of an image it does not hold", async () => {
    const { store } = createStore();
    await expect(store.putVariants(HASH_A, [variant(96)])).rejects.toMatchObject({
      code: "library/not-found",
    });
  });

  it("links tracks and albums, filling the indexed trackKey / albumId", async () => {
    const { db, store } = createStore();
    await store.putImage(image(HASH_A));
    const row = await store.link(albumArtworkId("al1"), {
      hash: HASH_A,
      source: "folder",
      checkedAt: 10,
    });
    expect(row).toEqual({
      id: "album:al1",
      albumId: "al1",
      hash: HASH_A,
      source: "folder",
      checkedAt: 10,
    });
    await store.link(trackArtworkId("acc:f1"), { checkedAt: 11 });
    expect(await store.getLink("track:acc:f1")).toEqual({
      id: "track:acc:f1",
      trackKey: "acc:f1",
      checkedAt: 11,
    });
    expect(await db.artwork.where("albumId").equals("al1").count()).toBe(1);
  });

  it("refuses a link to an image it does not hold, and a malformed id", async () => {
    const { store } = createStore();
    await expect(
      store.link(albumArtworkId("al1"), { hash: HASH_A, checkedAt: 1 }),
    ).rejects.toMatchObject({ code: "library/not-found" });
    await expect(store.link("song:1", { checkedAt: 1 })).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
    await expect(store.link("album:", { checkedAt: 1 })).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
  });

  it("prefers the track's own image, else its album's", async () => {
    const { store } = createStore();
    await store.putImage(image(HASH_A));
    await store.putImage(image(HASH_B));
    await store.link(albumArtworkId("al1"), { hash: HASH_A, source: "folder", checkedAt: 1 });

    const albumOnly = await store.linksFor("acc:f1", "al1");
    expect(albumOnly.track).toBeUndefined();
    expect(albumOnly.effective?.hash).toBe(HASH_A);

    await store.link(trackArtworkId("acc:f1"), { checkedAt: 2 });
    expect((await store.linksFor("acc:f1", "al1")).effective?.hash).toBe(HASH_A);

    await store.link(trackArtworkId("acc:f1"), { hash: HASH_B, source: "embedded", checkedAt: 3 });
    const own = await store.linksFor("acc:f1", "al1");
    expect(own.effective).toMatchObject({ id: "track:acc:f1", hash: HASH_B });
    expect(own.album?.hash).toBe(HASH_A);

    const noAlbum = await store.linksFor("acc:f2", undefined);
    expect(noAlbum).toEqual({ track: undefined, album: undefined, effective: undefined });
  });

  it("deletes the images and variants no link points at, and nothing else", async () => {
    const { db, store } = createStore();
    for (const hash of [HASH_A, HASH_B, HASH_C]) {
      await store.putImage(image(hash));
      await store.putVariants(hash, [variant(96), variant(256)]);
    }
    await store.link(albumArtworkId("al1"), { hash: HASH_A, checkedAt: 1 });
    await store.link(trackArtworkId("acc:f1"), { hash: HASH_B, checkedAt: 1 });
    await store.link(trackArtworkId("acc:f2"), { checkedAt: 1 });

    expect(await store.deleteUnreferencedImages()).toBe(1);
    expect(await db.artworkImages.toCollection().primaryKeys()).toEqual([HASH_A, HASH_B]);
    expect(await db.artworkVariants.count()).toBe(4);

    await store.clearLinks(["track:acc:f1", "track:acc:f2"]);
    expect(await db.artwork.count()).toBe(1);
    expect(await store.deleteUnreferencedImages()).toBe(1);
    expect(await db.artworkImages.toCollection().primaryKeys()).toEqual([HASH_A]);
    expect(await db.artworkVariants.where("hash").equals(HASH_B).count()).toBe(0);
    expect(await store.deleteUnreferencedImages()).toBe(0);
  });

  it("keeps Blob data as a Blob", async () => {
    const { store } = createStore();
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: "image/png" });
    await store.putImage({ ...image(HASH_A), data: blob });
    const row = await storedImage(store, HASH_A);
    expect(row.byteLength).toBe(3);
    expect(row.data).toBeInstanceOf(Blob);
    expect(new Uint8Array(await (row.data as Blob).arrayBuffer())).toEqual(
      new Uint8Array([1, 2, 3]),
    );
  });

  it("maps storage failures to library errors", async () => {
    const { db, store } = createStore();
    await db.open();
    db.close();
    await expect(store.getImage(HASH_A)).rejects.toMatchObject({
      code: "library/database-closed",
      details: { operation: "get-artwork-image" },
    });
  });
});

describe("ArtworkStore after an account is removed", () => {
  it("drops the album links and images nothing shows any more", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(batch([audioFile("a", "/Artist/Album/01 Song.mp3")]));
    const track = await library.getTrack(trackKey("acc", "a"));
    const store = library.artwork;
    await store.putImage({
      hash: "f".repeat(64),
      mimeType: "image/png",
      width: 1,
      height: 1,
      data: new ArrayBuffer(4),
    });
    await store.link(`album:${track?.albumId}`, {
      hash: "f".repeat(64),
      source: "folder",
      checkedAt: 1,
    });
    await library.removeAccount("acc");
    expect(await library.database.artwork.count()).toBe(0);
    expect(await library.database.artworkImages.count()).toBe(0);
  });
});
