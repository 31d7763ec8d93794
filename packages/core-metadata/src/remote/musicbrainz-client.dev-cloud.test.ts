import { type FetchFunction, HttpClient } from "@player/core-runtime";
import { type DevCloud, startDevCloud, type TrackFacts } from "@player/dev-cloud";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createRemoteMetadata } from "./create-remote-metadata.js";

const USER_AGENT = "MetadataTest/1.0 ( https://example.com/contact )";

/** Clients of one dev-cloud's MusicBrainz emulation. */
function musicBrainzOf(
  cloud: DevCloud,
  options: { minIntervalMs?: number; fetch?: FetchFunction } = {},
) {
  const http = new HttpClient(options.fetch === undefined ? {} : { fetch: options.fetch });
  return createRemoteMetadata(
    http,
    {
      userAgent: USER_AGENT,
      musicBrainzUrl: `${cloud.url}/musicbrainz/ws/2`,
      ...(options.minIntervalMs === undefined
        ? {}
        : { musicBrainzMinIntervalMs: options.minIntervalMs }),
    },
    { random: () => 0 },
  ).musicBrainz;
}

const queryOf = (track: TrackFacts) => ({
  title: track.title,
  artist: track.artist,
  album: track.album,
  durationMs: track.durationMs,
});

describe("MusicBrainzClient.findRelease against the dev-cloud", () => {
  let cloud: DevCloud;
  let tracks: TrackFacts[];

  beforeAll(async () => {
    // Accuracy, not the rate limit, is under test here.
    cloud = await startDevCloud({ tracks: 48, seed: 11, musicBrainzRequestsPerSecond: 0 });
    tracks = (await cloud.admin.library()).tracks;
  });
  afterAll(() => cloud.close());

  it("finds every track's release from its title, artist, album and duration", async () => {
    const musicBrainz = musicBrainzOf(cloud, { minIntervalMs: 0 });
    const found = await Promise.all(tracks.map((track) => musicBrainz.findRelease(queryOf(track))));
    expect(found).toEqual(tracks.map((track) => track.musicBrainz.releaseId));
    expect(tracks.some((track) => /[&()]/.test(`${track.title}${track.artist}`))).toBe(true);
  });

  it("finds a release without the album, and after a search by a wrong album", async () => {
    const musicBrainz = musicBrainzOf(cloud, { minIntervalMs: 0 });
    const unique = tracks.find(
      (track) =>
        tracks.filter((other) => other.title === track.title && other.artist === track.artist)
          .length === 1,
    );
    if (unique === undefined) throw new Error("Unexpected library.");
    const { title, artist, durationMs } = unique;
    expect(await musicBrainz.findRelease({ title, artist, durationMs })).toBe(
      unique.musicBrainz.releaseId,
    );
    const since = (await cloud.admin.requests()).at(-1)?.id ?? 0;
    const renamed = { title, artist, album: `${unique.album} (Deluxe Edition)` };
    expect(await musicBrainz.findRelease(renamed)).toBe(unique.musicBrainz.releaseId);
    const searches = await cloud.admin.requests({ since, path: "/musicbrainz/" });
    expect(searches.map((entry) => decodeURIComponent(entry.query).includes("release:"))).toEqual([
      true,
      false,
    ]);
  });

  it("returns undefined for an unknown track or a duration more than 3 s off", async () => {
    const musicBrainz = musicBrainzOf(cloud, { minIntervalMs: 0 });
    const [track] = tracks;
    if (track === undefined) throw new Error("Unexpected library.");
    expect(
      await musicBrainz.findRelease({ title: "No Such Song", artist: track.artist }),
    ).toBeUndefined();
    expect(
      await musicBrainz.findRelease({ ...queryOf(track), durationMs: track.durationMs + 3500 }),
    ).toBeUndefined();
  });

  it("returns the release id from the tags without asking", async () => {
    const musicBrainz = musicBrainzOf(cloud, { minIntervalMs: 0 });
    const before = (await cloud.admin.requests({ path: "/musicbrainz/" })).length;
    const releaseId = "5B11F4CE-A62D-471E-81FC-A69A8278C7DA";
    expect(await musicBrainz.findRelease({ title: "x", artist: "y", releaseId })).toBe(
      releaseId.toLowerCase(),
    );
    expect(await cloud.admin.requests({ path: "/musicbrainz/" })).toHaveLength(before);
  });

  it("refuses a blank title or artist before any request", async () => {
    const musicBrainz = musicBrainzOf(cloud, { minIntervalMs: 0 });
    await expect(musicBrainz.findRelease({ title: " ", artist: "A" })).rejects.toMatchObject({
      code: "runtime/invalid-argument",
      details: { argument: "title" },
    });
    await expect(
      musicBrainz.findRelease({ title: "T", artist: "A", durationMs: Number.NaN }),
    ).rejects.toMatchObject({ code: "runtime/invalid-argument" });
  });
});

// Searches a second apart take seconds: longer than vitest's default 5 s per test.
describe("MusicBrainzClient and MusicBrainz's rate limit (1 request/s per address)", {
  timeout: 20_000,
}, () => {
  let cloud: DevCloud;
  let tracks: TrackFacts[];

  afterEach(() => cloud.close());
  const start = async () => {
    cloud = await startDevCloud({ tracks: 12, seed: 5 });
    tracks = (await cloud.admin.library()).tracks;
  };

  it("spaces 5 concurrent searches a second apart, so none is refused", async () => {
    await start();
    const sentAt: number[] = [];
    const recordingFetch: FetchFunction = (input, init) => {
      sentAt.push(performance.now());
      return fetch(input, init);
    };
    const musicBrainz = musicBrainzOf(cloud, { fetch: recordingFetch });
    const chosen = tracks.slice(0, 5);
    const found = await Promise.all(chosen.map((track) => musicBrainz.findRelease(queryOf(track))));
    expect(found).toEqual(chosen.map((track) => track.musicBrainz.releaseId));

    // The emulator refuses requests closer than 900 ms with 503: none were.
    const log = await cloud.admin.requests({ path: "/musicbrainz/" });
    expect(log.map((entry) => entry.status)).toEqual([200, 200, 200, 200, 200]);
    // The request log's `time` is the emulator's clock, which stands still; the
    // client's own send times show the spacing.
    const gaps = sentAt.slice(1).map((time, index) => time - (sentAt[index] ?? 0));
    expect(gaps).toHaveLength(4);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(990);
  });

  it("retries the 503 a second client triggers, and both clients get their release", async () => {
    await start();
    const [first, second] = [musicBrainzOf(cloud), musicBrainzOf(cloud)];
    const [a, b] = tracks;
    if (a === undefined || b === undefined) throw new Error("Unexpected library.");
    const found = await Promise.all([
      first.findRelease(queryOf(a)),
      second.findRelease(queryOf(b)),
    ]);
    expect(found).toEqual([a.musicBrainz.releaseId, b.musicBrainz.releaseId]);
    const log = await cloud.admin.requests({ path: "/musicbrainz/" });
    expect(log.map((entry) => entry.status)).toEqual([200, 503, 200]);
  });

  it("reports MusicBrainz's 403 for a request whose User-Agent was dropped", async () => {
    await start();
    // What a browser that ignores the header does, as far as the server sees.
    const droppingFetch: FetchFunction = (input, init) => {
      const headers = new Headers(init?.headers);
      headers.set("user-agent", "");
      return fetch(input, { ...init, headers });
    };
    const musicBrainz = musicBrainzOf(cloud, { fetch: droppingFetch });
    const [track] = tracks;
    if (track === undefined) throw new Error("Unexpected library.");
    const failure = musicBrainz.findRelease(queryOf(track));
    await expect(failure).rejects.toMatchObject({
      code: "metadata/remote-failed",
      retryable: false,
      details: { service: "musicbrainz", reason: "refused", status: 403 },
    });
    await expect(failure).rejects.toThrow(/User-Agent/);
  });
});
