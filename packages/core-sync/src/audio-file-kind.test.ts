import { describe, expect, it } from "vitest";
import { audioFileKind } from "./audio-file-kind.js";

describe("audioFileKind", () => {
  it.each([
    ["song.mp3", "mp3"],
    ["Song.MP3", "mp3"],
    ["01 - Intro.Flac", "flac"],
    ["a.ogg", "ogg"],
    ["a.oga", "ogg"],
    ["a.opus", "opus"],
    ["a.M4A", "m4a"],
    ["a.wav", "wav"],
    ["a.wave", "wav"],
    ["Artist - Title.lrc", "lrc"],
    ["my.band.name - track.mp3", "mp3"],
  ] as const)("reads the extension of %s", (name, kind) => {
    expect(audioFileKind(name)).toBe(kind);
  });

  it.each([
    ["audio/mpeg", "mp3"],
    ["audio/flac", "flac"],
    ["audio/x-flac", "flac"],
    ["audio/ogg", "ogg"],
    ["audio/opus", "opus"],
    ["audio/mp4", "m4a"],
    ["audio/x-m4a", "m4a"],
    ["audio/aac", "m4a"],
    ["audio/wav", "wav"],
    ["audio/x-wav", "wav"],
    ["audio/wave", "wav"],
    ["AUDIO/MPEG", "mp3"],
    ["audio/mpeg; charset=binary", "mp3"],
    ["audio/ogg; codecs=opus", "opus"],
    ['audio/ogg; codecs="opus"', "opus"],
    ["audio/ogg; codecs=vorbis", "ogg"],
  ] as const)(
    "falls back to the MIME type %s when the name has no known extension",
    (mime, kind) => {
      expect(audioFileKind("track", mime)).toBe(kind);
      expect(audioFileKind("track.bin", mime)).toBe(kind);
    },
  );

  it("prefers a known extension over a generic or conflicting MIME type", () => {
    expect(audioFileKind("song.flac", "application/octet-stream")).toBe("flac");
    expect(audioFileKind("song.mp3", "audio/x-wav")).toBe("mp3");
    expect(audioFileKind("lyrics.lrc", "text/plain")).toBe("lrc");
  });

  it("refines .ogg to opus when the MIME type says so", () => {
    expect(audioFileKind("song.ogg", "audio/opus")).toBe("opus");
    expect(audioFileKind("song.ogg", "audio/ogg; codecs=opus")).toBe("opus");
    expect(audioFileKind("song.ogg", "audio/ogg")).toBe("ogg");
  });

  it.each([
    ["scan.jpg", "image/jpeg"],
    ["cover art.jpg", "image/jpeg"],
    ["cover.gif", "image/gif"],
    ["notes.txt", "text/plain"],
    ["video.mp4", "video/mp4"],
    ["noextension", undefined],
    ["trailingdot.", undefined],
    ["mp3", undefined],
    ["data.bin", "application/octet-stream"],
    ["._song.mp3", "audio/mpeg"],
    ["song.mp3.part", undefined],
    ["constructor", undefined],
    ["x.constructor", undefined],
    ["x.toString", "toString"],
  ])("ignores %s (%s)", (name, mime) => {
    expect(audioFileKind(name, mime)).toBeUndefined();
  });
});

describe("audioFileKind: cover images", () => {
  it.each(["cover.jpg", "Cover.JPEG", "folder.png", "FRONT.webp"])(
    "takes %s for a cover",
    (name) => {
      expect(audioFileKind(name, "application/octet-stream")).toBe("cover");
    },
  );
});
