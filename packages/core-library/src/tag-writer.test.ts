import { describe, expect, it } from "vitest";
import { audioFile, batch, createLibrary } from "./test-support/library-fixtures.js";
import { trackKey } from "./track-identity.js";

const key = (id: string) => trackKey("acc", id);

async function libraryWith(ids: string[]) {
  const { library } = createLibrary();
  await library.applySyncBatch(batch(ids.map((id) => audioFile(id, `/Music/${id}.mp3`))));
  return library;
}

describe("albums and artists from file tags", () => {
  it("groups a multi-disc album as one album, by album artist, whatever the spelling", async () => {
    const library = await libraryWith(["a", "b", "c"]);
    const decomposed = "Beyonce\u0301"; // "Beyoncé" in NFD
    await library.applyTagResults([
      {
        key: key("a"),
        contentVersion: "v1",
        tags: {
          title: "One",
          artist: "X feat. Y",
          albumArtist: decomposed,
          album: "Live (Disc 1)",
          discNumber: 1,
        },
      },
      {
        key: key("b"),
        contentVersion: "v1",
        tags: {
          title: "Two",
          artist: "Z",
          albumArtist: " BEYONCÉ ",
          album: "live [CD2]",
          discNumber: 2,
        },
      },
      {
        key: key("c"),
        contentVersion: "v1",
        tags: {
          title: "Three",
          artist: "Beyoncé",
          albumArtist: "Beyoncé",
          album: "Live - Disc 3",
          discNumber: 3,
        },
      },
    ]);
    const tracks = await library.getTracks([key("a"), key("b"), key("c")]);
    expect(new Set(tracks.map((track) => track?.albumId)).size).toBe(1);
    // The original spelling is kept, in NFC and trimmed.
    expect(tracks[0]?.albumArtist).toBe("Beyoncé");
    expect(tracks[1]?.albumArtist).toBe("BEYONCÉ");
    const albums = await library.listAlbums();
    expect(albums.items).toHaveLength(1);
    expect(albums.items[0]).toMatchObject({ trackCount: 3 });
    const artists = (await library.listArtists()).items.map((artist) => artist.name);
    expect(artists).toContain("X feat. Y");
    expect(
      artists.filter((name) => name.normalize("NFC").toLowerCase() === "beyoncé"),
    ).toHaveLength(1);
  });

  it("files a compilation without an album artist under Various Artists", async () => {
    const library = await libraryWith(["a", "b"]);
    await library.applyTagResults(
      ["a", "b"].map((id) => ({
        key: key(id),
        contentVersion: "v1",
        tags: {
          title: id,
          artist: `Artist ${id}`,
          album: "Hits 2024",
          details: { compilation: true },
        },
      })),
    );
    const [a, b] = await library.getTracks([key("a"), key("b")]);
    expect(a?.albumArtist).toBe("Various Artists");
    expect(a?.albumId).toBe(b?.albumId);
    expect(a?.artist).toBe("Artist a");
    const albums = await library.listAlbums();
    expect(albums.items.map((album) => [album.title, album.artist, album.trackCount])).toEqual([
      ["Hits 2024", "Various Artists", 2],
    ]);
  });

  it("keeps the file-name fields and a warning when the tags are unreadable, until the bytes change", async () => {
    const library = await libraryWith(["a"]);
    const before = await library.getTrack(key("a"));
    await library.applyTagResults([
      { key: key("a"), contentVersion: "v1", warning: "ID3 frame size past the end" },
    ]);
    const after = await library.getTrack(key("a"));
    expect(after).toMatchObject({
      title: before?.title,
      needsTags: false,
      tagWarning: "ID3 frame size past the end",
    });
    expect(await library.tracksNeedingTags("acc")).toEqual([]);
    // A stale result (read before the bytes changed) is ignored.
    expect(
      await library.applyTagResults([
        { key: key("a"), contentVersion: "old", tags: { title: "T", artist: "", album: "" } },
      ]),
    ).toEqual([]);
    await library.applySyncBatch(batch([audioFile("a", "/Music/a.mp3", { contentVersion: "v2" })]));
    const changed = await library.getTrack(key("a"));
    expect(changed?.needsTags).toBe(true);
    expect(changed?.tagWarning).toBeUndefined();
  });

  it("keeps the details read from the file through a re-listing of the same bytes", async () => {
    const library = await libraryWith(["a"]);
    const details = { codec: "FLAC", sampleRate: 44_100, replayGain: { trackGainDb: -6.5 } };
    await library.applyTagResults([
      {
        key: key("a"),
        contentVersion: "v1",
        tags: { title: "T", artist: "A", album: "B", details },
      },
    ]);
    const result = await library.applySyncBatch(batch([audioFile("a", "/Music/a.mp3")]));
    expect(result).toMatchObject({ added: 0, updated: 0 });
    expect((await library.getTrack(key("a")))?.details).toEqual(details);
  });
});
