import { describe, expect, it } from "vitest";
import { fileNameTags } from "./file-name-tags.js";
import { audioFile } from "./test-support/library-fixtures.js";

describe("fileNameTags", () => {
  it.each([
    [
      "/Music/Artist/Album/03 Song.mp3",
      { title: "Song", trackNumber: 3, album: "Album", artist: "Artist" },
    ],
    ["/Artist/Album/1-03 Song Name.flac", { title: "Song Name", discNumber: 1, trackNumber: 3 }],
    ["/Artist/Album/03 - Song.mp3", { title: "Song", trackNumber: 3 }],
    ["/Artist/Album/03. Song.mp3", { title: "Song", trackNumber: 3 }],
    ["/Artist/Album/1979.mp3", { title: "1979" }],
    ["/Artist/Album/1979 Remaster.mp3", { title: "1979 Remaster" }],
    ["/Artist/Album/Song.v2.ogg", { title: "Song.v2" }],
    [
      "/Artist/Album/CD2/01 Song.mp3",
      { album: "Album", artist: "Artist", discNumber: 2, trackNumber: 1 },
    ],
  ])("%s", (path, expected) => {
    expect(fileNameTags(audioFile("x", path))).toMatchObject(expected);
  });

  it("takes only the album from a single folder, and nothing from generic folders", () => {
    expect(fileNameTags(audioFile("x", "/Album/a.mp3"))).toMatchObject({
      album: "Album",
      artist: "",
    });
    expect(fileNameTags(audioFile("x", "/Music/Album/a.mp3"))).toMatchObject({
      album: "Album",
      artist: "",
    });
    expect(fileNameTags(audioFile("x", "/Music/a.mp3"))).toMatchObject({ album: "", artist: "" });
    expect(fileNameTags(audioFile("x", "/a.mp3"))).toMatchObject({ title: "a", album: "" });
  });

  it("splits loose 'Artist - Title' names when no folder names the artist", () => {
    expect(
      fileNameTags(audioFile("x", "/Music/Singles/Freya Dubois - I Find You.flac")),
    ).toMatchObject({
      title: "I Find You",
      artist: "Freya Dubois",
      album: "Singles",
    });
    expect(
      fileNameTags(audioFile("x", "/Music/07 Nina Simone \u2013 Sinnerman.mp3")),
    ).toMatchObject({
      title: "Sinnerman",
      artist: "Nina Simone",
      trackNumber: 7,
    });
    // A folder already names the artist: the dash belongs to the title.
    expect(fileNameTags(audioFile("x", "/Artist/Album/02 Song - Live.mp3"))).toMatchObject({
      title: "Song - Live",
      artist: "Artist",
    });
    // No spaces around the hyphen: not a separator.
    expect(fileNameTags(audioFile("x", "/Music/Jay-Z.mp3"))).toMatchObject({
      title: "Jay-Z",
      artist: "",
    });
  });

  it("prefers provider tags field by field", () => {
    const file = audioFile("x", "/Artist/Album/03 Song.mp3", {
      tags: { title: "Real Title", album: "Real Album", year: 1999 },
    });
    expect(fileNameTags(file)).toMatchObject({
      title: "Real Title",
      album: "Real Album",
      artist: "Artist",
      year: 1999,
      trackNumber: 3,
    });
  });
});
