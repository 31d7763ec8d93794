/**
 * Metadata through the WorkerApi, in Node against the dev-cloud: the scan
 * that follows sync, lyrics and artwork on demand, and the remote settings.
 */
import type { MetadataProgressData } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { approvedCode, HostFixture, rejection, until } from "./test-support/host-fixture.js";

let cloud: DevCloud;
beforeAll(async () => {
  cloud = await startDevCloud({ port: 0, tracks: 24, seed: 11 });
});
afterAll(async () => {
  await cloud?.close();
});

const fixture = new HostFixture(() => cloud);
afterEach(() => fixture.tearDown());

async function signedInAndScanned() {
  const { host, events } = fixture.setUp(true);
  const start = await host.auth.beginSignIn("google");
  await host.auth.completeSignIn(await approvedCode(start.url), start.state);
  await until(() => events.find(([type]) => type === "sync:end"));
  const idle = await until(() =>
    events.find(
      ([type, data]) =>
        type === "metadata:progress" &&
        (data as MetadataProgressData).state === "idle" &&
        (data as MetadataProgressData).done > 0,
    ),
  );
  return { host, events, idle: idle[1] as MetadataProgressData };
}

describe("PlayerHost metadata", () => {
  it("scans every synced track's tags after sync and reports progress to the page", async () => {
    const { host, events, idle } = await signedInAndScanned();
    const counts = await host.library.counts();
    expect(idle).toMatchObject({ remaining: 0, failed: 0 });
    expect(idle.done).toBe(counts.tracks);
    expect(
      events.some(
        ([type, data]) =>
          type === "metadata:progress" && (data as MetadataProgressData).state === "scanning",
      ),
    ).toBe(true);
    expect(await host.metadata.getScanStatus()).toMatchObject({ state: "idle", remaining: 0 });
    const truth = (await cloud.admin.library()).tracks.find((track) => track.broken === undefined);
    const page = await host.library.queryTracks({ limit: 100 });
    const track = page.items.find((item) => item.remoteId === truth?.fileId);
    expect(track).toMatchObject({ title: truth?.title, album: truth?.album, tagSource: "file" });
    expect(await rejection(host.metadata.prioritize("x" as unknown as string[]))).toBe(
      "runtime/invalid-argument",
    );
  });

  it("gives a track's synced lyrics from its .lrc file, and album covers as image Blobs", async () => {
    const { host } = await signedInAndScanned();
    const truth = (await cloud.admin.library()).tracks;
    const page = await host.library.queryTracks({ limit: 100 });
    const withLyrics = truth.find((track) => track.hasLyrics && track.broken === undefined);
    const lyricsTrack = page.items.find((item) => item.remoteId === withLyrics?.fileId);
    if (lyricsTrack === undefined) throw new Error("no track with lyrics");
    const lyrics = await host.library.getLyrics(lyricsTrack.key);
    expect(lyrics?.synced).toBe(true);
    if (lyrics?.synced !== true) throw new Error("not synced");
    expect(lyrics.source).toBe("sidecar");
    expect(lyrics.lines.length).toBeGreaterThan(2);
    expect(lyrics.lines.map((line) => line.timeMs)).toEqual(
      [...lyrics.lines.map((line) => line.timeMs)].sort((a, b) => a - b),
    );

    const withCover = truth.find((track) => track.hasCover && track.broken === undefined);
    const coverTrack = page.items.find((item) => item.remoteId === withCover?.fileId);
    if (coverTrack === undefined) throw new Error("no track with a cover");
    const blob = await host.library.getAlbumArtwork(coverTrack.albumId, 96);
    expect(blob?.type).toBe("image/png");
    const bytes = new Uint8Array(await (blob as Blob).arrayBuffer());
    expect([...bytes.slice(1, 4)].map((code) => String.fromCharCode(code)).join("")).toBe("PNG");
    // The album and artist rows behind the grid, by id.
    expect(await host.library.getAlbum(coverTrack.albumId)).toMatchObject({
      title: withCover?.album,
      artist: withCover?.albumArtist,
    });
    expect((await host.library.getArtist(coverTrack.artistId))?.name).toBe(withCover?.artist);
    expect(await host.library.getAlbum("no such album")).toBeUndefined();
    // The track falls back to its album's picture.
    expect((await host.library.getArtwork(coverTrack.key))?.size).toBe(blob?.size);
    expect(await rejection(host.library.getArtwork(coverTrack.key, 0))).toBe(
      "runtime/invalid-argument",
    );
  });

  it("refuses remote enrichment without a User-Agent and leaves the config unchanged", async () => {
    const { host } = fixture.setUp(false);
    expect(
      await rejection(
        Promise.resolve().then(() => host.configure({ metadata: { remote: { enabled: true } } })),
      ),
    ).toBe("runtime/invalid-config");
    expect(host.getConfig().metadata.remote.enabled).toBe(false);
    const config = host.configure({
      metadata: {
        scanConcurrency: 2,
        remote: {
          enabled: true,
          userAgent: "PlayerTests/1.0 ( https://player.test )",
          musicBrainzUrl: `${cloud.url}/musicbrainz/ws/2`,
        },
      },
    });
    expect(config.metadata).toMatchObject({ scanConcurrency: 2, remote: { enabled: true } });
  });
});
