import { request as httpRequest } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createDevCloudContext } from "../create-context.js";
import { type DevCloud, startDevCloud } from "../server.js";
import { MUSICBRAINZ_RATE_LIMIT_MESSAGE } from "./musicbrainz-routes.js";

const USER_AGENT = "EdgeTest/1.0 ( https://example.com/contact )";

/** GET without any User-Agent header: `fetch` in Node always adds one. */
function getWithoutUserAgent(url: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: "GET" }, (incoming) => {
      let text = "";
      incoming.setEncoding("utf8");
      incoming.on("data", (chunk: string) => {
        text += chunk;
      });
      incoming.on("end", () =>
        resolve({ status: incoming.statusCode ?? 0, body: JSON.parse(text) }),
      );
      incoming.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("MusicBrainz's User-Agent check and rate limit", () => {
  let cloud: DevCloud | undefined;
  afterEach(async () => {
    await cloud?.close();
    cloud = undefined;
  });

  const searchUrl = (server: DevCloud, query = "recording:river") =>
    `${server.url}/musicbrainz/ws/2/recording?query=${encodeURIComponent(query)}&fmt=json`;
  const search = (server: DevCloud, headers: Record<string, string> = {}) =>
    fetch(searchUrl(server), { headers: { "user-agent": USER_AGENT, ...headers } });

  it("answers 4 of 5 simultaneous requests with 503, MusicBrainz's error and Retry-After", async () => {
    cloud = await startDevCloud({ tracks: 10, seed: 3 });
    const server = cloud;
    const responses = await Promise.all(Array.from({ length: 5 }, () => search(server)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([200, 503, 503, 503, 503]);
    const refused = responses.filter((response) => response.status === 503);
    for (const response of refused) {
      expect(response.headers.get("retry-after")).toBe("1");
      expect(await response.json()).toEqual({
        error: MUSICBRAINZ_RATE_LIMIT_MESSAGE,
        help: "For usage, please see: https://musicbrainz.org/development/mmd",
      });
    }
    const log = await server.admin.requests({ path: "/musicbrainz/" });
    expect(log.map((entry) => entry.status).sort()).toEqual([200, 503, 503, 503, 503]);
  });

  it("admits a client that waits a second between requests", async () => {
    cloud = await startDevCloud({ tracks: 10, seed: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 2; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 1000));
      const response = await search(cloud);
      await response.arrayBuffer();
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200]);
  });

  it("refuses a request without a User-Agent (or a blank one) with 403, before the rate limit", async () => {
    cloud = await startDevCloud({ tracks: 10, seed: 3 });
    const missing = await getWithoutUserAgent(searchUrl(cloud));
    expect(missing.status).toBe(403);
    expect(missing.body).toMatchObject({ error: expect.stringContaining("User-Agent") });
    const blank = await search(cloud, { "user-agent": " " });
    expect(blank.status).toBe(403);
    await blank.arrayBuffer();
    // Neither counted against the limit: the first identified request passes.
    expect((await search(cloud)).status).toBe(200);
  });

  it("applies the limit to requests the search then rejects as bad", async () => {
    cloud = await startDevCloud({ tracks: 10, seed: 3 });
    const bad = await fetch(`${cloud.url}/musicbrainz/ws/2/recording?fmt=json`, {
      headers: { "user-agent": USER_AGENT },
    });
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();
    const next = await search(cloud);
    expect(next.status).toBe(503);
    await next.arrayBuffer();
  });

  it("lets the rate be raised or turned off", async () => {
    cloud = await startDevCloud({ tracks: 10, seed: 3, musicBrainzRequestsPerSecond: 0 });
    const server = cloud;
    const responses = await Promise.all(Array.from({ length: 5 }, () => search(server)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    await Promise.all(responses.map((response) => response.arrayBuffer()));
  });

  it("rejects a negative or non-finite rate when the server is built", () => {
    for (const rate of [-1, Number.NaN]) {
      expect(() =>
        createDevCloudContext({ tracks: 1, seed: 1, musicBrainzRequestsPerSecond: rate }),
      ).toThrow(RangeError);
    }
    const { context } = createDevCloudContext({ tracks: 1, seed: 1 });
    expect(context.musicBrainzRequestsPerSecond).toBeUndefined();
  });
});
