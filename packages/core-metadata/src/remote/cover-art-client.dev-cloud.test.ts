import { HttpClient } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CoverArtClient } from "./cover-art-client.js";
import { createRemoteMetadata } from "./create-remote-metadata.js";

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

describe("CoverArtClient.fetchFront against the dev-cloud", () => {
  let cloud: DevCloud;
  let coverArt: CoverArtClient;
  /** Every release of the library: it has art when any of its tracks has a cover. */
  let releases: Map<string, boolean>;

  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 48, seed: 11 });
    coverArt = createRemoteMetadata(new HttpClient(), {
      userAgent: "MetadataTest/1.0 ( https://example.com/contact )",
      coverArtUrl: `${cloud.url}/coverartarchive`,
    }).coverArt;
    releases = new Map();
    for (const track of (await cloud.admin.library()).tracks) {
      const { releaseId } = track.musicBrainz;
      releases.set(releaseId, (releases.get(releaseId) ?? false) || track.hasCover);
    }
  });
  afterAll(() => cloud.close());

  it("returns the PNG the archive renders for releases with art, undefined for the rest", async () => {
    const withArt = [...releases].filter(([, hasArt]) => hasArt).map(([id]) => id);
    const withoutArt = [...releases].filter(([, hasArt]) => !hasArt).map(([id]) => id);
    expect(withArt.length).toBeGreaterThan(0);
    expect(withoutArt.length).toBeGreaterThan(0);

    for (const releaseId of withArt) {
      const cover = await coverArt.fetchFront(releaseId, { size: 250 });
      const served = await fetch(`${cloud.url}/coverartarchive/images/${releaseId}-250.png`);
      const expected = new Uint8Array(await served.arrayBuffer());
      expect(cover?.mimeType).toBe("image/png");
      expect(cover?.data).toEqual(expected);
      expect(pngSize(cover?.data ?? new Uint8Array(24))).toEqual([250, 250]);
    }
    for (const releaseId of withoutArt) {
      expect(await coverArt.fetchFront(releaseId)).toBeUndefined();
    }
  });

  it("follows the archive's 307 to the image of the size asked for", async () => {
    const releaseId = [...releases].find(([, hasArt]) => hasArt)?.[0] ?? "";
    const since = (await cloud.admin.requests()).at(-1)?.id ?? 0;
    const cover = await coverArt.fetchFront(releaseId, { size: 1200 });
    expect(pngSize(cover?.data ?? new Uint8Array(24))).toEqual([1200, 1200]);
    const log = await cloud.admin.requests({ since, path: "/coverartarchive/" });
    expect(log.map((entry) => [entry.status, entry.path])).toEqual([
      [307, `/coverartarchive/release/${releaseId}/front-1200`],
      [200, `/coverartarchive/images/${releaseId}-1200.png`],
    ]);
  });

  it("refuses an id that is no MBID, or an unknown size, before any request", async () => {
    const before = (await cloud.admin.requests({ path: "/coverartarchive/" })).length;
    await expect(coverArt.fetchFront("../../__admin/library")).rejects.toMatchObject({
      code: "runtime/invalid-argument",
      details: { argument: "releaseId" },
    });
    const releaseId = [...releases.keys()][0] ?? "";
    await expect(
      coverArt.fetchFront(releaseId, { size: 300 as unknown as 250 }),
    ).rejects.toMatchObject({ code: "runtime/invalid-argument", details: { argument: "size" } });
    expect(await cloud.admin.requests({ path: "/coverartarchive/" })).toHaveLength(before);
  });
});
