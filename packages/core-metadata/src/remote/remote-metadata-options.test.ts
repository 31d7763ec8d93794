import { HttpClient } from "@player/core-runtime";
import { describe, expect, it } from "vitest";
import { createRemoteMetadata } from "./create-remote-metadata.js";
import {
  type RemoteMetadataOptions,
  resolveRemoteMetadataOptions,
} from "./remote-metadata-options.js";

const USER_AGENT = "OptionsTest/1.0 ( https://example.com/contact )";

const invalidConfig = (option: string) =>
  expect.objectContaining({ code: "runtime/invalid-config", details: { option } });

describe("resolveRemoteMetadataOptions", () => {
  it("points at the real services by default, one MusicBrainz request per second", () => {
    expect(resolveRemoteMetadataOptions({ userAgent: ` ${USER_AGENT} ` })).toEqual({
      userAgent: USER_AGENT,
      musicBrainzUrl: "https://musicbrainz.org/ws/2",
      coverArtUrl: "https://coverartarchive.org",
      lrclibUrl: "https://lrclib.net/api",
      musicBrainzMinIntervalMs: 1000,
    });
  });

  it("takes other roots without their trailing slashes", () => {
    const resolved = resolveRemoteMetadataOptions({
      userAgent: USER_AGENT,
      musicBrainzUrl: "http://127.0.0.1:8787/musicbrainz/ws/2/",
      coverArtUrl: "http://127.0.0.1:8787/coverartarchive",
      lrclibUrl: "http://127.0.0.1:8787/lrclib/api//",
      musicBrainzMinIntervalMs: 0,
    });
    expect(resolved).toMatchObject({
      musicBrainzUrl: "http://127.0.0.1:8787/musicbrainz/ws/2",
      lrclibUrl: "http://127.0.0.1:8787/lrclib/api",
      musicBrainzMinIntervalMs: 0,
    });
    expect(Object.isFrozen(resolved)).toBe(true);
  });

  it("requires a User-Agent without control characters", () => {
    for (const userAgent of [undefined, "", "   ", "App/1.0\r\nX-Evil: 1", "x".repeat(257)]) {
      expect(() =>
        resolveRemoteMetadataOptions({ userAgent } as unknown as RemoteMetadataOptions),
      ).toThrow(invalidConfig("userAgent"));
    }
  });

  it.each([
    ["musicBrainzUrl", "musicbrainz.org/ws/2"],
    ["coverArtUrl", "ftp://coverartarchive.org"],
    ["lrclibUrl", "https://lrclib.net/api?x=1"],
    ["lrclibUrl", "https://user:secret@lrclib.net/api"],
    ["musicBrainzUrl", 42],
  ])("refuses %s = %j", (option, value) => {
    expect(() =>
      resolveRemoteMetadataOptions({
        userAgent: USER_AGENT,
        [option]: value,
      } as unknown as RemoteMetadataOptions),
    ).toThrow(invalidConfig(option));
  });

  it("refuses an interval that is negative, not finite or over a minute, and unknown keys", () => {
    for (const interval of [-1, Number.NaN, Number.POSITIVE_INFINITY, 60_001]) {
      expect(() =>
        resolveRemoteMetadataOptions({ userAgent: USER_AGENT, musicBrainzMinIntervalMs: interval }),
      ).toThrow(invalidConfig("musicBrainzMinIntervalMs"));
    }
    const withTypo = { userAgent: USER_AGENT, lrclibURL: "https://x" } as RemoteMetadataOptions;
    expect(() => resolveRemoteMetadataOptions(withTypo)).toThrow(invalidConfig("lrclibURL"));
    const poisoned = JSON.parse(`{"userAgent":"A/1","__proto__":{}}`) as RemoteMetadataOptions;
    expect(() => resolveRemoteMetadataOptions(poisoned)).toThrow(invalidConfig("__proto__"));
  });
});

describe("createRemoteMetadata", () => {
  it("builds the three clients with the resolved options", () => {
    const remote = createRemoteMetadata(new HttpClient(), { userAgent: USER_AGENT });
    expect(remote.options.musicBrainzUrl).toBe("https://musicbrainz.org/ws/2");
    expect(typeof remote.musicBrainz.findRelease).toBe("function");
    expect(typeof remote.coverArt.fetchFront).toBe("function");
    expect(typeof remote.lrclib.get).toBe("function");
  });

  it("refuses a missing HttpClient and missing options", () => {
    expect(() =>
      createRemoteMetadata(undefined as unknown as HttpClient, { userAgent: USER_AGENT }),
    ).toThrow(invalidConfig("http"));
    expect(() =>
      createRemoteMetadata(new HttpClient(), undefined as unknown as RemoteMetadataOptions),
    ).toThrow(invalidConfig("options"));
  });
});
