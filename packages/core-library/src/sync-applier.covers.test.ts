import { describe, expect, it } from "vitest";
import { audioFile, batch, createLibrary, cursor } from "./test-support/library-fixtures.js";
import { trackKey } from "./track-identity.js";

const key = (id: string) => trackKey("acc", id);

describe("cover images beside the music", () => {
  it("stores cover/folder/front images as folder images, not tracks", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(
      batch([
        audioFile("t", "/A/B/01 Song.mp3"),
        audioFile("c", "/A/B/Cover.JPG", { mimeType: "image/jpeg", size: 5000 }),
        audioFile("f", "/A/B/folder.png", { mimeType: "image/png" }),
      ]),
    );
    expect(await library.countTracks()).toBe(1);
    const track = await library.getTrack(key("t"));
    const covers = await library.coverImagesIn(track?.folderId ?? "");
    expect(covers.map((cover) => [cover.remoteId, cover.name, cover.sizeBytes])).toEqual([
      ["c", "Cover.JPG", 5000],
      ["f", "folder.png", 1000],
    ]);
  });

  it("follows renames that change a file's kind, deletions and the end of a full listing", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(
      batch([audioFile("t", "/A/B/01 Song.mp3"), audioFile("c", "/A/B/cover.jpg")]),
    );
    const folderId = (await library.getTrack(key("t")))?.folderId ?? "";
    // The cover renamed to an audio name becomes a track; the track renamed to a cover name, a cover.
    // Renames arrive as changes (an incremental batch)…
    await library.applySyncBatch(
      batch([audioFile("c", "/A/B/02 Other.mp3"), audioFile("t", "/A/B/front.webp")], [], {
        cursor: cursor(1, { phase: "incremental" }),
      }),
    );
    expect((await library.coverImagesIn(folderId)).map((cover) => cover.remoteId)).toEqual(["t"]);
    expect(await library.getTrack(key("t"))).toBeUndefined();
    expect(await library.getTrack(key("c"))).toBeDefined();
    await library.applySyncBatch(batch([], ["t"]));
    expect(await library.coverImagesIn(folderId)).toEqual([]);

    // …or show in a new full listing: the file listed before as a cover is a track now.
    await library.applySyncBatch(
      batch([audioFile("y", "/A/B/cover.png")], [], { cursor: cursor(1) }),
    );
    await library.applySyncBatch(
      batch([audioFile("y", "/A/B/03 Third.mp3")], [], { cursor: cursor(2) }),
    );
    expect(await library.coverImagesIn(folderId)).toEqual([]);
    expect(await library.getTrack(key("y"))).toBeDefined();

    await library.applySyncBatch(
      batch([audioFile("x", "/A/B/folder.jpg")], [], { cursor: cursor(1) }),
    );
    await library.applySyncBatch({
      ...batch([audioFile("c", "/A/B/02 Other.mp3")], [], { cursor: cursor(2) }),
      completesFullListing: true,
    });
    expect(await library.coverImagesIn(folderId)).toEqual([]);
  });
});

describe("OneDrive's audio facet", () => {
  it("leaves a track with a complete facet unread, and reads one whose facet lacks a field", async () => {
    const { library } = createLibrary();
    const complete = { title: "T", artist: "A", album: "B", durationMs: 180_000 };
    await library.applySyncBatch(
      batch([
        audioFile("full", "/x/y/01 z.flac", { tags: complete }),
        audioFile("noalbum", "/x/y/02 z.flac", { tags: { ...complete, album: " " } }),
        audioFile("nolength", "/x/y/03 z.flac", { tags: { title: "T", artist: "A", album: "B" } }),
      ]),
    );
    const pending = await library.tracksNeedingTags("acc");
    expect(pending.map((track) => track.remoteId).sort()).toEqual(["noalbum", "nolength"]);
    expect((await library.getTrack(key("full")))?.tagSource).toBe("provider");
  });
});
