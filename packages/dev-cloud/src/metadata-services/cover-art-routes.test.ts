import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminTrackSummary } from "../admin/admin-types.js";
import { renderCoverArt } from "../audio/index.js";
import { type DevCloud, startDevCloud } from "../server.js";

interface CoverArtBody {
  images: {
    front: boolean;
    id: string;
    image: string;
    types: string[];
    thumbnails: Record<string, string>;
  }[];
  release: string;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Uint8Array): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [view.getUint32(16), view.getUint32(20)];
}

describe("Cover Art Archive emulation", () => {
  let cloud: DevCloud;
  let covered: AdminTrackSummary;
  let bare: AdminTrackSummary | undefined;

  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 40, seed: 13 });
    const { tracks } = await cloud.admin.library();
    const withCover = tracks.find((track) => track.hasCover);
    if (withCover === undefined) throw new Error("Unexpected library.");
    covered = withCover;
    // A release none of whose tracks has a cover, if the library has one.
    bare = tracks.find(
      (track) =>
        !tracks.some(
          (other) => other.musicBrainz.releaseId === track.musicBrainz.releaseId && other.hasCover,
        ),
    );
  });
  afterAll(() => cloud.close());

  const releaseUrl = (mbid: string) => `${cloud.url}/coverartarchive/release/${mbid}`;

  it("lists the front image with 250/500/1200 thumbnails", async () => {
    const response = await fetch(releaseUrl(covered.musicBrainz.releaseId));
    expect(response.status).toBe(200);
    const body = (await response.json()) as CoverArtBody;
    expect(body.release).toBe(`https://musicbrainz.org/release/${covered.musicBrainz.releaseId}`);
    expect(body.images).toHaveLength(1);
    const [image] = body.images;
    expect(image).toMatchObject({
      front: true,
      types: ["Front"],
      id: expect.stringMatching(/^\d+$/),
    });
    expect(Object.keys(image?.thumbnails ?? {}).sort()).toEqual([
      "1200",
      "250",
      "500",
      "large",
      "small",
    ]);
    expect(image?.thumbnails["500"]).toBe(
      `${cloud.url}/coverartarchive/images/${covered.musicBrainz.releaseId}-500.png`,
    );
  });

  it("redirects front-250 and {id}-500 with 307 to a PNG of that size, the album's design", async () => {
    const mbid = covered.musicBrainz.releaseId;
    const front = await fetch(`${releaseUrl(mbid)}/front-250`, { redirect: "manual" });
    expect(front.status).toBe(307);
    const location = front.headers.get("location") ?? "";
    expect(location).toBe(`${cloud.url}/coverartarchive/images/${mbid}-250.png`);

    const image = await fetch(location);
    expect(image.headers.get("content-type")).toBe("image/png");
    const png = new Uint8Array(await image.arrayBuffer());
    expect([...png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // "PNG"
    expect(pngSize(png)).toEqual([250, 250]);
    // The same design as the cover embedded in the album's files (keyed by album title).
    expect(png).toEqual(renderCoverArt(covered.album, 250));

    const { images } = (await (await fetch(releaseUrl(mbid))).json()) as CoverArtBody;
    const byId = await fetch(`${releaseUrl(mbid)}/${images[0]?.id}-500`);
    expect(byId.status).toBe(200); // fetch followed the 307
    expect(pngSize(new Uint8Array(await byId.arrayBuffer()))).toEqual([500, 500]);
    const original = await fetch(`${releaseUrl(mbid)}/front`, { redirect: "manual" });
    expect(original.headers.get("location")).toMatch(/-1200\.png$/);
  });

  it("answers 404 for a back image, an unknown size, a release without art or an unknown release", async () => {
    const mbid = covered.musicBrainz.releaseId;
    expect((await fetch(`${releaseUrl(mbid)}/back`, { redirect: "manual" })).status).toBe(404);
    expect((await fetch(`${releaseUrl(mbid)}/front-300`, { redirect: "manual" })).status).toBe(404);
    expect((await fetch(`${cloud.url}/coverartarchive/images/${mbid}-300.png`)).status).toBe(404);
    // Seed 13 gives releases none of whose tracks has a cover.
    expect(bare).toBeDefined();
    expect((await fetch(releaseUrl(bare?.musicBrainz.releaseId ?? ""))).status).toBe(404);
    expect((await fetch(releaseUrl("00000000-0000-4000-8000-000000000000"))).status).toBe(404);
  });

  it("answers 400 for an invalid UUID and 405 for methods other than GET and HEAD", async () => {
    expect((await fetch(releaseUrl("not-a-uuid"))).status).toBe(400);
    const head = await fetch(releaseUrl(covered.musicBrainz.releaseId), { method: "HEAD" });
    expect(head.status).toBe(200);
    const post = await fetch(releaseUrl(covered.musicBrainz.releaseId), { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});
