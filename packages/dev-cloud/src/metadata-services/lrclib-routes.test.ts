import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminTrackSummary } from "../admin/admin-types.js";
import type { FileItem } from "../library/library-types.js";
import { type DevCloud, startDevCloud } from "../server.js";
import type { LrclibRecord } from "./lrclib-catalog.js";

describe("LRCLIB emulation", () => {
  let cloud: DevCloud;
  let withLyrics: AdminTrackSummary;
  let withoutLyrics: AdminTrackSummary;

  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 30, seed: 11 });
    const { tracks } = await cloud.admin.library();
    const lyrical = tracks.find((track) => track.hasLyrics);
    const plain = tracks.find((track) => !track.hasLyrics);
    if (lyrical === undefined || plain === undefined) throw new Error("Unexpected library.");
    withLyrics = lyrical;
    withoutLyrics = plain;
  });
  afterAll(() => cloud.close());

  const get = (params: Record<string, string>) =>
    fetch(`${cloud.url}/lrclib/api/get?${new URLSearchParams(params).toString()}`);

  it("finds a track by name, artist, album and duration within ±2 s", async () => {
    const response = await get({
      track_name: withLyrics.title.toUpperCase(),
      artist_name: withLyrics.artist,
      album_name: withLyrics.album,
      duration: String(withLyrics.durationMs / 1000 + 2),
    });
    expect(response.status).toBe(200);
    const record = (await response.json()) as LrclibRecord;
    expect(record).toMatchObject({
      id: withLyrics.lrclibId,
      name: withLyrics.title,
      trackName: withLyrics.title,
      artistName: withLyrics.artist,
      albumName: withLyrics.album,
      duration: withLyrics.durationMs / 1000,
      instrumental: false,
    });
    // syncedLyrics is exactly the library's .lrc sidecar.
    const sidecar = cloud.context.library.get(withLyrics.lyricsFileId ?? "") as FileItem;
    const lrc = new TextDecoder().decode(cloud.context.library.bytes(sidecar));
    expect(record.syncedLyrics).toBe(lrc);
    expect(record.plainLyrics).not.toMatch(/\[\d\d:\d\d/);
    expect(record.plainLyrics?.split("\n")[0]).toBe(withLyrics.title);
  });

  it("answers 404 TrackNotFound outside the duration window or for a track without lyrics", async () => {
    const far = await get({
      track_name: withLyrics.title,
      artist_name: withLyrics.artist,
      duration: String(withLyrics.durationMs / 1000 + 3),
    });
    expect(far.status).toBe(404);
    expect(await far.json()).toEqual({
      code: 404,
      name: "TrackNotFound",
      message: "Failed to find specified track",
    });
    const none = await get({ track_name: withoutLyrics.title, artist_name: withoutLyrics.artist });
    expect(none.status).toBe(404);
  });

  it("answers 400 ValidationError without track_name or artist_name or with a bad duration", async () => {
    const cases: Record<string, string>[] = [
      { artist_name: "x" },
      { track_name: "x" },
      { track_name: "x", artist_name: "y", duration: "0" },
    ];
    for (const params of cases) {
      const response = await get(params);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: 400, name: "ValidationError" });
    }
  });

  it("gets a record by id", async () => {
    const response = await fetch(`${cloud.url}/lrclib/api/get/${withLyrics.lrclibId}`);
    expect(((await response.json()) as LrclibRecord).trackName).toBe(withLyrics.title);
    expect((await fetch(`${cloud.url}/lrclib/api/get/1`)).status).toBe(404);
    expect((await fetch(`${cloud.url}/lrclib/api/get/abc`)).status).toBe(400);
  });

  it("searches by q or track_name, at most 20 records, only tracks with lyrics", async () => {
    const byWords = await fetch(
      `${cloud.url}/lrclib/api/search?q=${encodeURIComponent(`${withLyrics.artist} ${withLyrics.title}`)}`,
    );
    const found = (await byWords.json()) as LrclibRecord[];
    expect(found.map((record) => record.id)).toContain(withLyrics.lrclibId);

    const byName = await fetch(
      `${cloud.url}/lrclib/api/search?track_name=${encodeURIComponent(withoutLyrics.title)}&artist_name=${encodeURIComponent(withoutLyrics.artist)}`,
    );
    expect(await byName.json()).toEqual([]);

    const missing = await fetch(`${cloud.url}/lrclib/api/search?artist_name=x`);
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({ name: "ValidationError" });
  });
});
