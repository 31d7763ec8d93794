import { isPlayerError } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import { decodeLyricsText, MAX_LYRICS_FILE_BYTES } from "./decode-lyrics-text.js";

const LYRIC = "[00:01.00]Café “déjà vu” – 5 €";

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const units = bom ? `\uFEFF${text}` : text;
  const bytes = new Uint8Array(units.length * 2);
  const view = new DataView(bytes.buffer);
  for (let index = 0; index < units.length; index++) {
    view.setUint16(index * 2, units.charCodeAt(index), littleEndian);
  }
  return bytes;
}

describe("decodeLyricsText", () => {
  it("decodes UTF-8 with and without a BOM", () => {
    const utf8 = new TextEncoder().encode(LYRIC);
    expect(decodeLyricsText(utf8)).toBe(LYRIC);
    expect(decodeLyricsText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(LYRIC);
  });

  it("decodes UTF-16LE and UTF-16BE by their BOM", () => {
    expect(decodeLyricsText(utf16(LYRIC, true, true))).toBe(LYRIC);
    expect(decodeLyricsText(utf16(LYRIC, false, true))).toBe(LYRIC);
  });

  it("recognises UTF-16 without a BOM from its zero bytes", () => {
    expect(decodeLyricsText(utf16(LYRIC, true, false))).toBe(LYRIC);
    expect(decodeLyricsText(utf16(LYRIC, false, false))).toBe(LYRIC);
  });

  it("falls back to windows-1252 when the bytes are not valid UTF-8", () => {
    // "Café “déjà vu” – 5 €" as an old Windows editor saves it.
    const bytes = new Uint8Array([
      0x43, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x64, 0xe9, 0x6a, 0xe0, 0x20, 0x76, 0x75, 0x94, 0x20,
      0x96, 0x20, 0x35, 0x20, 0x80,
    ]);
    expect(decodeLyricsText(bytes)).toBe("Café “déjà vu” – 5 €");
  });

  it("decodes empty input to an empty string", () => {
    expect(decodeLyricsText(new Uint8Array(0))).toBe("");
  });

  it("accepts exactly 1 MiB and refuses one byte more", () => {
    const limit = new Uint8Array(MAX_LYRICS_FILE_BYTES).fill(0x61);
    expect(decodeLyricsText(limit)).toHaveLength(MAX_LYRICS_FILE_BYTES);
    let thrown: unknown;
    try {
      decodeLyricsText(new Uint8Array(MAX_LYRICS_FILE_BYTES + 1));
    } catch (error) {
      thrown = error;
    }
    expect(isPlayerError(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      code: "metadata/unreadable",
      details: { byteLength: MAX_LYRICS_FILE_BYTES + 1, limit: 1_048_576 },
    });
  });

  it("decodes a large windows-1252 file in chunks without losing bytes", () => {
    const bytes = new Uint8Array(100_000).fill(0x41);
    bytes[0] = 0xe9;
    bytes[99_999] = 0x80;
    const text = decodeLyricsText(bytes);
    expect(text).toHaveLength(100_000);
    expect(text.at(0)).toBe("é");
    expect(text.at(-1)).toBe("€");
    expect(text.at(50_000)).toBe("A");
  });
});
