import { PlayerError } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import { type LyricsSources, type RemoteLyrics, resolveLyrics } from "./resolve-lyrics.js";

const SYNCED = "[00:01.00]One\n[00:02.00]Two";
const encode = (text: string) => new TextEncoder().encode(text);

/** Sources that record which ones were asked. */
function recordingSources(parts: {
  embedded?: string;
  sidecar?: () => Promise<Uint8Array>;
  remote?: () => Promise<RemoteLyrics | undefined>;
}): LyricsSources & { asked: string[] } {
  const asked: string[] = [];
  const { sidecar, remote } = parts;
  return {
    asked,
    embedded: parts.embedded,
    sidecar:
      sidecar === undefined
        ? undefined
        : {
            read: () => {
              asked.push("sidecar");
              return sidecar();
            },
          },
    remote:
      remote === undefined
        ? undefined
        : {
            fetch: () => {
              asked.push("remote");
              return remote();
            },
          },
  };
}

describe("resolveLyrics", () => {
  it("takes synced embedded lyrics and reads nothing else", async () => {
    const sources = recordingSources({
      embedded: SYNCED,
      sidecar: async () => encode("[00:05.00]Sidecar"),
      remote: async () => ({ syncedLyrics: "[00:09.00]Remote" }),
    });
    const result = await resolveLyrics(sources);
    expect(result).toEqual({
      lyrics: {
        synced: true,
        lines: [
          { timeMs: 1000, text: "One" },
          { timeMs: 2000, text: "Two" },
        ],
        source: "embedded",
      },
      instrumental: false,
      warnings: [],
    });
    expect(sources.asked).toEqual([]);
  });

  it("prefers a synced sidecar over plain embedded text, and does not ask remote", async () => {
    const sources = recordingSources({
      embedded: "Plain words",
      sidecar: async () => encode("\uFEFF[00:05.00]From the file"),
      remote: async () => ({ syncedLyrics: "[00:09.00]Remote" }),
    });
    const { lyrics } = await resolveLyrics(sources);
    expect(lyrics).toEqual({
      synced: true,
      lines: [{ timeMs: 5000, text: "From the file" }],
      source: "sidecar",
    });
    expect(sources.asked).toEqual(["sidecar"]);
  });

  it("asks remote when no local source is synced, and takes its synced lyrics", async () => {
    const sources = recordingSources({
      embedded: "Plain words",
      sidecar: async () => encode("Plain sidecar"),
      remote: async () => ({ syncedLyrics: "[00:17.12] I feel…\n", plainLyrics: "I feel…" }),
    });
    const { lyrics } = await resolveLyrics(sources);
    expect(lyrics).toEqual({
      synced: true,
      lines: [{ timeMs: 17120, text: "I feel…" }],
      source: "remote",
    });
    expect(sources.asked).toEqual(["sidecar", "remote"]);
  });

  it("falls back to the first plain text when nobody has synced lyrics", async () => {
    const sources = recordingSources({
      embedded: "  ",
      sidecar: async () => encode("Plain sidecar\r\n"),
      remote: async () => ({ syncedLyrics: null, plainLyrics: "Plain remote" }),
    });
    const result = await resolveLyrics(sources);
    expect(result.lyrics).toEqual({ synced: false, text: "Plain sidecar", source: "sidecar" });
    expect(sources.asked).toEqual(["sidecar", "remote"]);
  });

  it("uses remote plain lyrics when it is the only source with any", async () => {
    const sources = recordingSources({
      remote: async () => ({ syncedLyrics: null, plainLyrics: "Only here" }),
    });
    expect((await resolveLyrics(sources)).lyrics).toEqual({
      synced: false,
      text: "Only here",
      source: "remote",
    });
  });

  it("labels embedded synced lyrics with the language the tags gave", async () => {
    const { lyrics } = await resolveLyrics({ embedded: SYNCED }, { embeddedLanguage: "eng" });
    expect(lyrics).toMatchObject({ synced: true, source: "embedded", language: "eng" });
  });

  it("does not ask remote when it is disabled", async () => {
    const sources = recordingSources({
      embedded: "Plain words",
      remote: async () => ({ syncedLyrics: "[00:09.00]Remote" }),
    });
    const result = await resolveLyrics(sources, { allowRemote: false });
    expect(result.lyrics).toEqual({ synced: false, text: "Plain words", source: "embedded" });
    expect(sources.asked).toEqual([]);
  });

  it("reports an instrumental track and ignores its lyrics fields", async () => {
    const sources = recordingSources({
      remote: async () => ({ instrumental: true, syncedLyrics: "[00:00.00]x", plainLyrics: "x" }),
    });
    expect(await resolveLyrics(sources)).toEqual({
      lyrics: undefined,
      instrumental: true,
      warnings: [],
    });
  });

  it("returns nothing when no source has lyrics", async () => {
    const sources = recordingSources({ remote: async () => undefined });
    expect(await resolveLyrics(sources)).toEqual({
      lyrics: undefined,
      instrumental: false,
      warnings: [],
    });
    expect(await resolveLyrics({})).toEqual({
      lyrics: undefined,
      instrumental: false,
      warnings: [],
    });
  });

  it("skips failing sources with a warning each and goes on", async () => {
    const sources = recordingSources({
      embedded: "Plain words",
      sidecar: async () => {
        throw new TypeError("socket hang up");
      },
      remote: async () => {
        throw new PlayerError("http/network", "offline", {
          retryable: true,
          details: { url: "https://lrclib.net/api/get" },
        });
      },
    });
    const result = await resolveLyrics(sources);
    expect(result.lyrics).toEqual({ synced: false, text: "Plain words", source: "embedded" });
    expect(result.warnings.map((warning) => warning.toJSON())).toMatchObject([
      {
        code: "metadata/unreadable",
        message: "Sidecar lyrics could not be read: socket hang up",
        retryable: false,
        details: { lyricsSource: "sidecar" },
        cause: { name: "TypeError", message: "socket hang up" },
      },
      {
        code: "http/network",
        message: "Remote lyrics could not be read: offline",
        retryable: true,
        details: { url: "https://lrclib.net/api/get", lyricsSource: "remote" },
      },
    ]);
  });

  it("turns a sidecar over 1 MiB into a warning", async () => {
    const sources = recordingSources({ sidecar: async () => new Uint8Array(1024 * 1024 + 1) });
    const result = await resolveLyrics(sources);
    expect(result.lyrics).toBeUndefined();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]?.code).toBe("metadata/unreadable");
    expect(result.warnings[0]?.details).toMatchObject({
      lyricsSource: "sidecar",
      limit: 1_048_576,
    });
  });

  it("rejects with the abort reason and stops asking sources", async () => {
    const controller = new AbortController();
    const sources = recordingSources({
      sidecar: async () => {
        controller.abort(new Error("track changed"));
        throw new DOMException("The operation was aborted", "AbortError");
      },
      remote: async () => ({ syncedLyrics: "[00:09.00]Remote" }),
    });
    await expect(resolveLyrics(sources, { signal: controller.signal })).rejects.toThrow(
      "track changed",
    );
    expect(sources.asked).toEqual(["sidecar"]);
  });

  it("rethrows an AbortError from a source even without a signal", async () => {
    const sources = recordingSources({
      remote: async () => {
        throw new DOMException("The operation was aborted", "AbortError");
      },
    });
    await expect(resolveLyrics(sources)).rejects.toMatchObject({ name: "AbortError" });
    const aborted = recordingSources({
      sidecar: async () => {
        throw new PlayerError("http/aborted", "aborted");
      },
    });
    await expect(resolveLyrics(aborted)).rejects.toMatchObject({ code: "http/aborted" });
  });

  it("rejects at once when the signal is already aborted", async () => {
    const sources = recordingSources({ sidecar: async () => encode(SYNCED) });
    await expect(resolveLyrics(sources, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(sources.asked).toEqual([]);
  });
});
