import { describe, expect, it } from "vitest";
import { SearchIndex } from "./search-index.js";
import { audioFile, batch, createLibrary } from "./test-support/library-fixtures.js";
import { trackKey } from "./track-identity.js";

function index(...titles: [string, string, string?][]): SearchIndex {
  const search = new SearchIndex();
  search.addAll(
    titles.map(([key, title, artist]) => ({ key, title, artist: artist ?? "", album: "" })),
  );
  return search;
}

describe("SearchIndex", () => {
  it("ranks exact words over prefixes over inside-word matches", () => {
    const search = index(["inside", "Glove"], ["prefix", "Lovely"], ["exact", "Love"]);
    expect(search.search("love", 0, 10)).toEqual({
      keys: ["exact", "prefix", "inside"],
      matches: ["exact", "prefix", "inside"],
      total: 3,
    });
  });

  it("ignores case and accents both ways", () => {
    const search = index(["b", "Halo", "Beyoncé"], ["s", "Straße"]);
    expect(search.search("beyonce", 0, 10).keys).toEqual(["b"]);
    expect(search.search("BEYONCÉ", 0, 10).keys).toEqual(["b"]);
    expect(search.search("strasse", 0, 10).keys).toEqual(["s"]);
  });

  it("requires every word, across fields, the last one incomplete", () => {
    const search = index(
      ["1", "Halo", "Beyoncé"],
      ["2", "Halo", "Other"],
      ["3", "Crazy in Love", "Beyoncé"],
    );
    expect(search.search("halo bey", 0, 10).keys).toEqual(["1"]);
    expect(search.search("bey", 0, 10).keys.sort()).toEqual(["1", "3"]);
    expect(search.search("love bey zzz", 0, 10).keys).toEqual([]);
  });

  it("finds as the user types", () => {
    const search = index(["1", "Bohemian Rhapsody", "Queen"], ["2", "Bob", "Marley"]);
    const typed = ["b", "bo", "boh", "bohe", "bohemian", "bohemian r", "bohemian rhap"];
    expect(typed.map((query) => search.search(query, 0, 10).keys.sort())).toEqual([
      ["1", "2"],
      ["1", "2"],
      ["1"],
      ["1"],
      ["1"],
      ["1"],
      ["1"],
    ]);
  });

  it("prefers shorter titles within a rank, and pages", () => {
    const search = index(["long", "Love me tender tonight"], ["short", "Love"], ["mid", "Love me"]);
    expect(search.search("love", 0, 10).keys).toEqual(["short", "mid", "long"]);
    expect(search.search("love", 1, 1)).toMatchObject({ keys: ["mid"], total: 3 });
  });

  it("updates and removes documents", () => {
    const search = index(["1", "Alpha"]);
    search.upsert({ key: "1", title: "Beta", artist: "", album: "" });
    expect(search.search("alpha", 0, 10).total).toBe(0);
    expect(search.search("beta", 0, 10).keys).toEqual(["1"]);
    search.remove("1");
    expect(search.search("beta", 0, 10).total).toBe(0);
    expect(search.size).toBe(0);
    search.upsert({ key: "2", title: "Gamma", artist: "", album: "" });
    expect(search.search("gam", 0, 10).keys).toEqual(["2"]);
  });

  it("ignores empty queries", () => {
    expect(index(["1", "A"]).search("  ,. ", 0, 10)).toEqual({ keys: [], matches: [], total: 0 });
  });
});

describe("LibraryService.search", () => {
  it("searches title, artist, album and album artist and follows sync changes", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(
      batch([
        audioFile("a", "/Beyoncé/Dangerously in Love/01 Crazy in Love.mp3"),
        audioFile("b", "/x/y/z.mp3", {
          tags: { title: "Halo", albumArtist: "Various Artists", album: "Hits" },
        }),
      ]),
    );
    const page = await library.search("beyonce dang");
    expect(page.items.map((hit) => hit.track.title)).toEqual(["Crazy in Love"]);
    expect((await library.search("various")).items.map((hit) => hit.track.key)).toHaveLength(1);
    await library.applySyncBatch(batch([audioFile("c", "/Beyoncé/4/Halo 2.mp3")], ["a"]));
    expect((await library.search("beyonce")).items.map((hit) => hit.track.title)).toEqual([
      "Halo 2",
    ]);
    await library.applyTags(trackKey("acc", "c"), "v1", {
      title: "Renamed",
      artist: "Beyoncé",
      album: "4",
    });
    expect((await library.search("renamed")).total).toBe(1);
    expect((await library.search("halo")).total).toBe(1);
  });

  it("indexes writes that land while the index is being built", async () => {
    const { library } = createLibrary();
    await library.applySyncBatch(batch([audioFile("a", "/A/B/Alpha.mp3")]));
    const building = library.warmUpSearch();
    await library.applySyncBatch(batch([audioFile("b", "/A/B/Beta.mp3")], ["a"]));
    await building;
    expect((await library.search("alpha")).total).toBe(0);
    expect((await library.search("beta")).total).toBe(1);
  });
});
