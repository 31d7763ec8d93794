import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type DevCloud, startDevCloud } from "../server.js";
import { RequestLog } from "./request-log.js";

describe("request log (through the server)", () => {
  let cloud: DevCloud;

  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 20, seed: 2, now: Date.UTC(2024, 0, 2) });
  });
  afterAll(() => cloud.close());
  beforeEach(() => cloud.admin.clearRequests());

  it("records method, path, query, status, server time and the body bytes served", async () => {
    const { tracks } = await cloud.admin.library();
    const release = tracks.find((track) => track.hasCover)?.musicBrainz.releaseId;
    const image = await fetch(`${cloud.url}/coverartarchive/images/${release}-500.png`);
    const imageBytes = (await image.arrayBuffer()).byteLength;
    const search = await fetch(`${cloud.url}/lrclib/api/search?q=the&x=1`);
    const searchBytes = new TextEncoder().encode(await search.text()).byteLength;

    const entries = await cloud.admin.requests();
    expect(entries).toHaveLength(2);
    expect(entries[0]).toEqual({
      id: expect.any(Number),
      time: Date.UTC(2024, 0, 2),
      method: "GET",
      path: `/coverartarchive/images/${release}-500.png`,
      query: "",
      status: 200,
      bytes: imageBytes,
    });
    expect(imageBytes).toBeGreaterThan(0);
    expect(entries[1]).toMatchObject({ query: "q=the&x=1", status: 200, bytes: searchBytes });
    expect(entries[1]?.id).toBe((entries[0]?.id ?? 0) + 1);
  });

  it("counts no body bytes for HEAD and logs 404s and the Range header", async () => {
    await fetch(`${cloud.url}/health`, { method: "HEAD" });
    await (await fetch(`${cloud.url}/nowhere`, { headers: { Range: "bytes=0-9" } })).text();
    const [head, missing] = await cloud.admin.requests();
    expect(head).toMatchObject({ method: "HEAD", status: 200, bytes: 0 });
    expect(missing).toMatchObject({ path: "/nowhere", status: 404, range: "bytes=0-9" });
    expect(missing?.bytes).toBeGreaterThan(0);
  });

  it("keeps a token request's grant_type but none of its secrets", async () => {
    const secrets = ["code-SECRET-1", "verifier-SECRET-2", "client-SECRET-3"];
    const response = await fetch(`${cloud.url}/google/token?code=${secrets[0]}&state=s1`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: secrets[0] ?? "",
        code_verifier: secrets[1] ?? "",
        client_secret: secrets[2] ?? "",
        redirect_uri: "http://127.0.0.1:5173/callback",
      }).toString(),
    });
    await response.text();
    const [entry] = await cloud.admin.requests({ path: "/google/token" });
    expect(entry).toMatchObject({ method: "POST", grantType: "authorization_code" });
    expect(entry?.query).toBe("code=REDACTED&state=s1");
    const text = JSON.stringify(entry);
    for (const secret of secrets) expect(text).not.toContain(secret);
  });

  it("reads the grant_type of Microsoft's token endpoint too", async () => {
    const response = await fetch(`${cloud.url}/microsoft/common/oauth2/v2.0/token`, {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "http://127.0.0.1:5173",
      },
      body: "grant_type=refresh_token&refresh_token=rt-SECRET&client_id=x",
    });
    await response.text();
    const [entry] = await cloud.admin.requests({ path: "/microsoft/" });
    expect(entry?.grantType).toBe("refresh_token");
    expect(JSON.stringify(entry)).not.toContain("rt-SECRET");
  });

  it("filters by since and path, leaves admin calls out and keeps ids after a clear", async () => {
    await (await fetch(`${cloud.url}/health`)).text();
    await (await fetch(`${cloud.url}/lrclib/api/search?q=a`)).text();
    const all = await cloud.admin.requests();
    expect(all.map((entry) => entry.path)).toEqual(["/health", "/lrclib/api/search"]);
    const firstId = all[0]?.id ?? 0;
    expect(await cloud.admin.requests({ since: firstId })).toHaveLength(1);
    expect(await cloud.admin.requests({ path: "/lrclib/" })).toHaveLength(1);
    expect(await cloud.admin.lastRequestId()).toBe(firstId + 1);

    await cloud.admin.clearRequests();
    expect(await cloud.admin.requests()).toEqual([]);
    await (await fetch(`${cloud.url}/health`)).text();
    const [after] = await cloud.admin.requests();
    expect(after?.id).toBe(firstId + 2);
  });
});

describe("RequestLog", () => {
  let server: Server;
  let url: string;
  const log = new RequestLog({ now: () => 1_000, capacity: 3 });

  beforeAll(async () => {
    server = createServer((request, response) => {
      const target = new URL(request.url ?? "/", "http://localhost");
      log.begin(request, response, target);
      response.writeHead(200, { "Content-Type": "text/plain" });
      response.write("ab");
      response.end(Buffer.from("cde"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("adds write and end chunks up and keeps only the newest `capacity` entries", async () => {
    for (let i = 1; i <= 5; i++) {
      const response = await fetch(`${url}/r${i}`);
      expect(await response.text()).toBe("abcde");
    }
    const entries = log.entries();
    expect(entries.map((entry) => entry.path)).toEqual(["/r3", "/r4", "/r5"]);
    expect(entries.every((entry) => entry.bytes === 5 && entry.time === 1_000)).toBe(true);
    expect(log.lastId).toBe(5);
  });

  it("rejects a capacity below 1", () => {
    expect(() => new RequestLog({ now: () => 0, capacity: 0 })).toThrow(RangeError);
  });
});
