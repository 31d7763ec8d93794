import { describe, expect, it } from "vitest";
import {
  AUDIO_FORMAT_NAMES,
  AUDIO_FORMATS,
  audioFormatForFileName,
  mimeTypeForFileName,
} from "./audio-formats.js";

describe("audio formats", () => {
  it("pairs each format with its extension and MIME type", () => {
    expect(
      AUDIO_FORMAT_NAMES.map((format) => [
        format,
        AUDIO_FORMATS[format].extension,
        AUDIO_FORMATS[format].mimeType,
      ]),
    ).toEqual([
      ["mp3", "mp3", "audio/mpeg"],
      ["flac", "flac", "audio/flac"],
      ["m4a", "m4a", "audio/x-m4a"],
      ["ogg-vorbis", "ogg", "audio/ogg"],
      ["ogg-opus", "opus", "audio/ogg"],
      ["wav", "wav", "audio/x-wav"],
    ]);
  });

  it("guesses MIME types from file names, case-insensitively", () => {
    expect(mimeTypeForFileName("01 Song.FLAC")).toBe("audio/flac");
    expect(mimeTypeForFileName("01 Song.lrc")).toBe("text/plain");
    expect(mimeTypeForFileName("folder.jpg")).toBe("image/jpeg");
    expect(mimeTypeForFileName("archive.tar.gz")).toBe("application/octet-stream");
    expect(mimeTypeForFileName(".mp3")).toBe("application/octet-stream");
    expect(mimeTypeForFileName("README")).toBe("application/octet-stream");
  });

  it("tells Vorbis from Opus by extension", () => {
    expect(audioFormatForFileName("a.ogg")).toBe("ogg-vorbis");
    expect(audioFormatForFileName("a.opus")).toBe("ogg-opus");
    expect(audioFormatForFileName("a.M4A")).toBe("m4a");
    expect(audioFormatForFileName("a.lrc")).toBeUndefined();
  });
});
