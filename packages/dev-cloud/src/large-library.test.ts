import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DevCloud, startDevCloud } from "./server.js";
import { graphGet, signIn } from "./test-support/microsoft-sign-in.js";

/**
 * A 10,000-track library through the real server: generated without audio on
 * disk, listed through Graph delta pages, with sizes and hashes computed
 * from the rendered files on the way.
 */
let cloud: DevCloud;

beforeAll(async () => {
  cloud = await startDevCloud({ port: 0, tracks: 10_000, seed: 3 });
}, 60_000);

afterAll(async () => {
  await cloud?.close();
});

describe("a 10,000-track library", () => {
  it("enumerates every item through Graph delta pages, with sizes for every file", async () => {
    const { access_token: token } = await signIn(cloud.url);
    const library = await cloud.admin.library();
    let next: string | undefined = `${cloud.url}/graph/v1.0/me/drive/root/delta?$top=1000`;
    const seen = new Map<
      string,
      { size?: number; file?: unknown; audio?: { duration?: number } }
    >();
    let pages = 0;
    while (next !== undefined) {
      const response = await graphGet(cloud.url, next, token as string);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        value: { id: string; size?: number; file?: unknown; audio?: { duration?: number } }[];
        "@odata.nextLink"?: string;
        "@odata.deltaLink"?: string;
      };
      for (const item of body.value) seen.set(item.id, item);
      next = body["@odata.nextLink"];
      pages++;
      if (next === undefined) expect(body["@odata.deltaLink"]).toMatch(/\/delta\?.*token=/);
    }
    expect(pages).toBeGreaterThan(10);
    const tracks = library.tracks.length;
    expect(tracks).toBe(10_000);
    const files = [...seen.values()].filter((item) => item.file !== undefined);
    const withAudioFacet = files.filter((item) => item.audio !== undefined);
    // Every track except the not-audio broken ones carries the audio facet.
    expect(withAudioFacet.length).toBeGreaterThan(9_900);
    expect(withAudioFacet.every((item) => item.audio?.duration === 3_000)).toBe(true);
    expect(files.every((item) => typeof item.size === "number" && (item.size ?? 0) > 0)).toBe(true);
  }, 120_000);
});
