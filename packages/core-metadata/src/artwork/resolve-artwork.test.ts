import { afterEach, describe, expect, it, vi } from "vitest";
import type { ArtworkSources, FolderImageFile } from "./artwork-candidates.js";
import { getArtworkBlob } from "./get-artwork-blob.js";
import { hashImage } from "./hash-image.js";
import { resolveArtwork } from "./resolve-artwork.js";
import { CORRUPT_MARKER, fakeImagePlatform } from "./test-support/fake-image-platform.js";
import { MemoryArtworkStorage } from "./test-support/memory-artwork-storage.js";
import { brokenPng, jpegHeader, pngHeaderOnly, pngImage } from "./test-support/test-images.js";

const EMBEDDED = pngImage(500, 500);
const FOLDER = pngImage(600, 600);
const REMOTE = pngImage(700, 700);
const now = () => 42;

function folderFile(name: string, bytes: Uint8Array): FolderImageFile & { reads: number } {
  const file = {
    name,
    reads: 0,
    read: async () => {
      file.reads++;
      return bytes;
    },
  };
  return file;
}

/** Sources that count their reads. */
function sources(
  parts: { embedded?: Uint8Array; folder?: FolderImageFile[]; remote?: Uint8Array } = {},
) {
  const reads = { embedded: 0, remote: 0 };
  const result: ArtworkSources = { folderImages: parts.folder ?? [] };
  if (parts.embedded !== undefined) {
    const data = parts.embedded;
    result.readEmbedded = async () => {
      reads.embedded++;
      return { mimeType: "image/jpeg", data };
    };
  }
  if (parts.remote !== undefined) {
    const data = parts.remote;
    result.readRemote = async () => {
      reads.remote++;
      return data;
    };
  }
  return { sources: result, reads };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("resolveArtwork: which source wins", () => {
  it("takes the embedded picture before the folder's and the remote one, asking no further", async () => {
    const store = new MemoryArtworkStorage();
    const cover = folderFile("cover.jpg", FOLDER);
    const { sources: all, reads } = sources({
      embedded: EMBEDDED,
      folder: [cover],
      remote: REMOTE,
    });
    const result = await resolveArtwork({ trackKey: "acc:t1", albumId: "al1" }, all, store, {
      now,
    });
    expect(result).toEqual({
      hash: await hashImage(EMBEDDED),
      source: "embedded",
      storedNew: true,
      linked: ["album:al1"],
      warnings: [],
    });
    expect([reads.embedded, cover.reads, reads.remote]).toEqual([1, 0, 0]);
    expect(store.links.get("album:al1")).toEqual({
      id: "album:al1",
      hash: await hashImage(EMBEDDED),
      source: "embedded",
      checkedAt: 42,
    });
  });

  it("takes the folder's picture before the remote one", async () => {
    const store = new MemoryArtworkStorage();
    const { sources: some, reads } = sources({
      folder: [folderFile("folder.png", FOLDER)],
      remote: REMOTE,
    });
    const result = await resolveArtwork({ trackKey: "acc:t1", albumId: "al1" }, some, store);
    expect(result).toMatchObject({ hash: await hashImage(FOLDER), source: "folder" });
    expect(reads.remote).toBe(0);
  });

  it("takes the remote picture when nothing else has one", async () => {
    const store = new MemoryArtworkStorage();
    const { sources: some } = sources({ folder: [folderFile("back.jpg", FOLDER)], remote: REMOTE });
    const result = await resolveArtwork({ trackKey: "acc:t1", albumId: "al1" }, some, store);
    expect(result).toMatchObject({ hash: await hashImage(REMOTE), source: "remote", warnings: [] });
  });

  it("orders folder images cover > folder > front, in any case, and ignores other names", async () => {
    const files = [
      folderFile("front.png", pngImage(10, 10)),
      folderFile("back.jpg", pngImage(11, 11)),
      folderFile("Folder.JPG", pngImage(12, 12)),
      folderFile("cover.gif", pngImage(13, 13)),
      folderFile("COVER.jpeg", pngImage(14, 14)),
    ];
    const store = new MemoryArtworkStorage();
    const result = await resolveArtwork(
      { albumId: "al1" },
      sources({ folder: files }).sources,
      store,
    );
    expect(result).toMatchObject({ hash: await hashImage(pngImage(14, 14)), source: "folder" });
    expect(files.map((file) => file.reads)).toEqual([0, 0, 0, 0, 1]);
  });

  it("does not ask for the embedded picture of a file known to have none", async () => {
    const store = new MemoryArtworkStorage();
    const { sources: all, reads } = sources({
      embedded: EMBEDDED,
      folder: [folderFile("cover.png", FOLDER)],
    });
    const result = await resolveArtwork(
      { trackKey: "acc:t1", albumId: "al1", hasEmbeddedPicture: false },
      all,
      store,
    );
    expect(result.source).toBe("folder");
    expect(reads.embedded).toBe(0);
  });
});

describe("resolveArtwork: skipped sources", () => {
  it("falls back to the folder image when the embedded one is broken, with a warning", async () => {
    const store = new MemoryArtworkStorage();
    const { sources: some } = sources({
      embedded: brokenPng(),
      folder: [folderFile("cover.png", FOLDER)],
    });
    const result = await resolveArtwork({ trackKey: "acc:t1", albumId: "al1" }, some, store);
    expect(result).toMatchObject({ hash: await hashImage(FOLDER), source: "folder" });
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatchObject({
      source: "embedded",
      error: { code: "metadata/artwork-unreadable", details: { reason: "not-an-image" } },
    });
    expect(store.images.size).toBe(1);
  });

  it("falls back when the embedded picture's header is fine but its data does not decode", async () => {
    vi.stubGlobal("createImageBitmap", fakeImagePlatform().createImageBitmap);
    vi.stubGlobal("OffscreenCanvas", fakeImagePlatform().OffscreenCanvas);
    const corrupt = new Uint8Array([...EMBEDDED, ...new TextEncoder().encode(CORRUPT_MARKER)]);
    const store = new MemoryArtworkStorage();
    const { sources: some } = sources({
      embedded: corrupt,
      folder: [folderFile("cover.png", FOLDER)],
    });
    const result = await resolveArtwork({ trackKey: "acc:t1", albumId: "al1" }, some, store);
    expect(result.source).toBe("folder");
    expect(result.warnings.map((warning) => warning.error.details?.reason)).toEqual(["corrupt"]);
    expect([...store.images.keys()]).toEqual([await hashImage(FOLDER)]);
    expect(store.calls).toContain(
      `putVariants ${(await hashImage(FOLDER)).slice(0, 8)} 96,256,512`,
    );
  });

  it("skips a folder image that cannot be read and one too large, naming each", async () => {
    const failing: FolderImageFile = {
      name: "cover.jpg",
      read: () => Promise.reject(new TypeError("network down")),
    };
    const huge = folderFile("folder.png", pngHeaderOnly(30_000, 30_000));
    const store = new MemoryArtworkStorage();
    const { sources: some } = sources({ folder: [huge, failing], remote: REMOTE });
    const result = await resolveArtwork({ trackKey: "acc:t1", albumId: "al1" }, some, store);
    expect(result.source).toBe("remote");
    expect(
      result.warnings.map(({ source, name, error }) => [source, name, error.code, error.message]),
    ).toEqual([
      ["folder", "cover.jpg", "metadata/unreadable", "network down"],
      [
        "folder",
        "folder.png",
        "metadata/artwork-unreadable",
        "The picture is 30000×30000 pixels (limit 40000000 pixels).",
      ],
    ]);
  });

  it("accepts a 10 MB picture", async () => {
    const big = pngImage(1900, 1800, 11);
    expect(big.byteLength).toBeGreaterThan(10_000_000);
    const store = new MemoryArtworkStorage();
    const result = await resolveArtwork(
      { trackKey: "acc:t1" },
      sources({ embedded: big }).sources,
      store,
    );
    expect(result).toMatchObject({ source: "embedded", warnings: [] });
    expect(store.images.get(result.hash ?? "")).toMatchObject({
      mimeType: "image/png",
      width: 1900,
      height: 1800,
      byteLength: big.byteLength,
    });
  });

  it("stops on abort instead of turning it into a warning", async () => {
    const controller = new AbortController();
    const store = new MemoryArtworkStorage();
    const embedded: ArtworkSources = {
      readEmbedded: () => {
        controller.abort(new Error("scan stopped"));
        return Promise.reject(new Error("read cancelled"));
      },
    };
    await expect(
      resolveArtwork({ trackKey: "acc:t1", albumId: "al1" }, embedded, store, {
        signal: controller.signal,
      }),
    ).rejects.toThrow("scan stopped");
    expect(store.links.size).toBe(0);
  });

  it("refuses a request for neither a track nor an album", async () => {
    await expect(resolveArtwork({}, {}, new MemoryArtworkStorage())).rejects.toMatchObject({
      code: "runtime/invalid-argument",
    });
  });
});

describe("resolveArtwork: storage and links", () => {
  it("stores the cover of twelve tracks once, linked to the album only", async () => {
    const store = new MemoryArtworkStorage();
    const cover = jpegHeader(800, 800);
    const results = [];
    for (let n = 1; n <= 12; n++) {
      const { sources: some } = sources({ embedded: cover });
      results.push(await resolveArtwork({ trackKey: `acc:t${n}`, albumId: "al1" }, some, store));
    }
    expect(store.images.size).toBe(1);
    expect(store.calls.filter((call) => call.startsWith("putImage"))).toHaveLength(1);
    expect([...store.links.keys()]).toEqual(["album:al1"]);
    expect(results.map((result) => result.storedNew)).toEqual([true, ...Array(11).fill(false)]);
    expect(results.slice(1).every((result) => result.linked.length === 0)).toBe(true);
  });

  it("shares one image between two albums with the same cover", async () => {
    const store = new MemoryArtworkStorage();
    for (const albumId of ["al1", "al2"]) {
      const { sources: some } = sources({ folder: [folderFile("cover.png", FOLDER)] });
      await resolveArtwork({ trackKey: `acc:${albumId}`, albumId }, some, store);
    }
    expect(store.images.size).toBe(1);
    expect(store.links.get("album:al1")?.hash).toBe(store.links.get("album:al2")?.hash);
  });

  it("links a track whose own picture differs from its album's, and shows each", async () => {
    const store = new MemoryArtworkStorage();
    await resolveArtwork(
      { trackKey: "acc:t1", albumId: "al1" },
      sources({ embedded: EMBEDDED }).sources,
      store,
    );
    const other = await resolveArtwork(
      { trackKey: "acc:t2", albumId: "al1" },
      sources({ embedded: REMOTE }).sources,
      store,
    );
    expect(other).toMatchObject({ source: "embedded", linked: ["track:acc:t2"] });
    expect((await store.linksFor("acc:t2", "al1")).effective?.hash).toBe(await hashImage(REMOTE));
    expect((await store.linksFor("acc:t1", "al1")).effective?.hash).toBe(await hashImage(EMBEDDED));
  });

  it("asks only for the embedded picture once the album has one", async () => {
    const store = new MemoryArtworkStorage();
    const cover = folderFile("cover.png", FOLDER);
    await resolveArtwork(
      { trackKey: "acc:t1", albumId: "al1" },
      sources({ folder: [cover] }).sources,
      store,
    );
    const { sources: some, reads } = sources({ folder: [cover], remote: REMOTE });
    const second = await resolveArtwork({ trackKey: "acc:t2", albumId: "al1" }, some, store);
    expect(second).toMatchObject({ hash: await hashImage(FOLDER), source: "folder", linked: [] });
    expect([cover.reads, reads.remote]).toEqual([1, 0]);
  });

  it("drops a track's stale picture when it now has its album's", async () => {
    const store = new MemoryArtworkStorage();
    await resolveArtwork(
      { trackKey: "acc:t1", albumId: "al1" },
      sources({ embedded: EMBEDDED }).sources,
      store,
    );
    await resolveArtwork(
      { trackKey: "acc:t2", albumId: "al1" },
      sources({ embedded: REMOTE }).sources,
      store,
    );
    // The file was retagged with the album's cover.
    const again = await resolveArtwork(
      { trackKey: "acc:t2", albumId: "al1" },
      sources({ embedded: EMBEDDED }).sources,
      store,
      { now },
    );
    expect(again.linked).toEqual(["track:acc:t2"]);
    expect(store.links.get("track:acc:t2")).toEqual({ id: "track:acc:t2", checkedAt: 42 });
    expect((await store.linksFor("acc:t2", "al1")).effective?.hash).toBe(await hashImage(EMBEDDED));
  });

  it("records a lookup that found nothing as a link without hash", async () => {
    const store = new MemoryArtworkStorage();
    const album = await resolveArtwork({ trackKey: "acc:t1", albumId: "al1" }, {}, store, { now });
    expect(album).toEqual({ storedNew: false, linked: ["album:al1"], warnings: [] });
    expect(store.links.get("album:al1")).toEqual({ id: "album:al1", checkedAt: 42 });
    const loose = await resolveArtwork({ trackKey: "acc:t9" }, {}, store, { now });
    expect(loose.linked).toEqual(["track:acc:t9"]);
    expect(store.links.get("track:acc:t9")).toEqual({ id: "track:acc:t9", checkedAt: 42 });
  });
});

describe("getArtworkBlob", () => {
  it("serves the variant for the size, else the original, with the MIME type", async () => {
    vi.stubGlobal("createImageBitmap", fakeImagePlatform().createImageBitmap);
    vi.stubGlobal("OffscreenCanvas", fakeImagePlatform().OffscreenCanvas);
    const store = new MemoryArtworkStorage();
    await resolveArtwork(
      { trackKey: "acc:t1", albumId: "al1" },
      sources({ embedded: EMBEDDED }).sources,
      store,
    );
    const small = await getArtworkBlob(store, { trackKey: "acc:t1", albumId: "al1" }, 200);
    expect([small?.type, small?.size]).toEqual(["image/webp", 256]);
    const original = await getArtworkBlob(store, { albumId: "al1" }, 1000);
    expect(original?.type).toBe("image/png");
    expect(new Uint8Array((await original?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(EMBEDDED);
    expect(await getArtworkBlob(store, { albumId: "al2" }, 96)).toBeUndefined();
  });

  it("serves nothing for a lookup that found nothing", async () => {
    const store = new MemoryArtworkStorage();
    await resolveArtwork({ trackKey: "acc:t1", albumId: "al1" }, {}, store);
    expect(await getArtworkBlob(store, { trackKey: "acc:t1", albumId: "al1" }, 96)).toBeUndefined();
  });
});
