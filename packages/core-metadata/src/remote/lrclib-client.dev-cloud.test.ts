import { HttpClient } from "@player/core-runtime";
import { type AdminTrackSummary, type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRemoteMetadata } from "./create-remote-metadata.js";
import type { LrclibClient } from "./lrclib-client.js";

describe("LrclibClient.get against the dev-cloud", () => {
  let cloud: DevCloud;
  let lrclib: LrclibClient;
  let tracks: AdminTrackSummary[];

  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 48, seed: 11 });
    lrclib = createRemoteMetadata(new HttpClient(), {
      userAgent: "MetadataTest/1.0 ( https://example.com/contact )",
      lrclibUrl: `${cloud.url}/lrclib/api`,
    }).lrclib;
    tracks = (await cloud.admin.library()).tracks;
  });
  afterAll(() => cloud.close());

  /** The `.lrc` sidecar next to the track on the drive: what LRCLIB must serve. */
  const sidecarOf = (track: AdminTrackSummary): string => {
    const item = cloud.context.library.get(track.lyricsFileId ?? "");
    if (item?.kind !== "file") throw new Error(`No sidecar for ${track.title}.`);
    return new TextDecoder().decode(cloud.context.library.bytes(item));
  };

  it("returns the lyrics of every track that has them, and undefined for the others", async () => {
    const withLyrics = tracks.filter((track) => track.hasLyrics);
    expect(withLyrics.length).toBeGreaterThan(0);
    expect(withLyrics.length).toBeLessThan(tracks.length);
    for (const track of tracks) {
      const lyrics = await lrclib.get({
        trackName: track.title,
        artistName: track.artist,
        albumName: track.album,
        durationSeconds: track.durationMs / 1000,
      });
      if (!track.hasLyrics) {
        expect(lyrics).toBeUndefined();
        continue;
      }
      const synced = sidecarOf(track);
      expect(lyrics).toMatchObject({
        id: track.lrclibId,
        syncedLyrics: synced,
        instrumental: false,
      });
      // Plain lyrics: the same lines without their time tags.
      const plain = lyrics?.plainLyrics ?? "";
      expect(plain).not.toMatch(/\[\d+:\d+/);
      const lines = plain.split("\n").filter((line) => line !== "");
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(synced).toContain(line);
    }
  });

  it("sends the duration rounded, and leaves out one LRCLIB would refuse", async () => {
    const track = tracks.find((candidate) => candidate.hasLyrics);
    if (track === undefined) throw new Error("Unexpected library.");
    const since = (await cloud.admin.requests()).at(-1)?.id ?? 0;
    const query = { trackName: track.title, artistName: track.artist };
    expect((await lrclib.get({ ...query, durationSeconds: 3.4 }))?.id).toBe(track.lrclibId);
    expect((await lrclib.get({ ...query, durationSeconds: 7200 }))?.id).toBe(track.lrclibId);
    const sent = (await cloud.admin.requests({ since, path: "/lrclib/" })).map((entry) =>
      new URLSearchParams(entry.query).get("duration"),
    );
    expect(sent).toEqual(["3", null]);
  });

  it("refuses a blank track or artist name before any request", async () => {
    await expect(lrclib.get({ trackName: "", artistName: "A" })).rejects.toMatchObject({
      code: "runtime/invalid-argument",
      details: { argument: "trackName" },
    });
  });
});
