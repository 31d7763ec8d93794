import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CORS_EXPOSED_HEADERS } from "./cors.js";
import { type DevCloud, startDevCloud } from "./server.js";

describe("startDevCloud", () => {
  let cloud: DevCloud;

  beforeEach(async () => {
    cloud = await startDevCloud({ port: 0 });
  });

  afterEach(async () => {
    await cloud.close();
  });

  it("listens on a free port of 127.0.0.1 and answers /health over HTTP", async () => {
    expect(cloud.port).toBeGreaterThan(0);
    expect(cloud.url).toBe(`http://127.0.0.1:${cloud.port}`);
    const response = await fetch(`${cloud.url}/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({ ok: true, service: "dev-cloud" });
  });

  it("reflects a local origin and exposes the range and retry headers", async () => {
    const origin = "http://localhost:5173";
    const response = await fetch(`${cloud.url}/health`, { headers: { Origin: origin } });
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    const exposed = (response.headers.get("access-control-expose-headers") ?? "").split(", ");
    expect(exposed).toEqual(CORS_EXPOSED_HEADERS.split(", "));
    expect(exposed).toEqual(expect.arrayContaining(["Content-Range", "Retry-After"]));
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it("answers a CORS preflight from a local origin with 204 and the Allow-* headers", async () => {
    const origin = "http://127.0.0.1:41999";
    const response = await fetch(`${cloud.url}/drive/v3/files/abc`, {
      method: "OPTIONS",
      headers: {
        Origin: origin,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization, range",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    const allowHeaders = (response.headers.get("access-control-allow-headers") ?? "")
      .split(/\s*,\s*/)
      .map((h) => h.toLowerCase());
    expect(allowHeaders).toEqual(expect.arrayContaining(["authorization", "range"]));
    expect(response.headers.get("access-control-allow-methods")).toContain("GET");
    expect(await response.text()).toBe("");
  });

  it("does not grant CORS to foreign origins", async () => {
    const preflight = await fetch(`${cloud.url}/health`, {
      method: "OPTIONS",
      headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "GET" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflight.headers.get("access-control-allow-headers")).toBeNull();
    const simple = await fetch(`${cloud.url}/health`, {
      headers: { Origin: "http://localhost.evil.example:80" },
    });
    expect(simple.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("answers unknown paths with a 404 JSON error", async () => {
    const response = await fetch(`${cloud.url}/nope?x=1`);
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "No route for GET /nope." },
    });
  });

  it("answers a wrong method on a known path with 405 and Allow", async () => {
    const response = await fetch(`${cloud.url}/health`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, HEAD");
    expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
  });

  it("closes: later requests fail and close() can be called twice", async () => {
    const { url } = cloud;
    await fetch(`${url}/health`); // leaves a keep-alive connection open
    await cloud.close();
    await cloud.close();
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });
});

describe("startDevCloud wiring", () => {
  let cloud: DevCloud;

  beforeEach(async () => {
    cloud = await startDevCloud({ tracks: 10, seed: 3, now: Date.UTC(2024, 4, 1) });
  });

  afterEach(async () => {
    await cloud.close();
  });

  it("exposes the context with the requested library, clock and origin", () => {
    expect(cloud.context.library.tracks()).toHaveLength(10);
    expect(cloud.context.clock.now()).toBe(Date.UTC(2024, 4, 1));
    expect(cloud.context.origin()).toBe(cloud.url);
  });

  it("gives an admin client bound to this server", async () => {
    const summary = await cloud.admin.library();
    expect(summary.rootId).toBe(cloud.context.library.rootId);
  });

  it("registers the Google, Microsoft and metadata routes", async () => {
    const paths = [
      "/google/drive/v3/files",
      "/graph/v1.0/me",
      "/lrclib/api/search",
      "/musicbrainz/ws/2/recording",
    ];
    for (const path of paths) {
      const response = await fetch(`${cloud.url}${path}`);
      await response.arrayBuffer();
      // Each answers in its own way (401 without a token, 400 without a query), never the 404 of no route.
      expect([400, 401]).toContain(response.status);
    }
  });

  it("answers a path that looks protocol-relative as a path", async () => {
    // Resolved as a URL, `//evil/health` would be host "evil" and path "/health".
    const response = await fetch(`${cloud.url}//evil/health`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { message: "No route for GET //evil/health." },
    });
  });

  it("builds the default library of 60 tracks from seed 1", async () => {
    const defaults = await startDevCloud();
    try {
      expect(defaults.context.library.tracks()).toHaveLength(60);
    } finally {
      await defaults.close();
    }
  });
});

describe("startDevCloud options", () => {
  it("rejects an invalid port", async () => {
    await expect(startDevCloud({ port: 70_000 })).rejects.toThrow(/port/);
    await expect(startDevCloud({ port: 1.5 })).rejects.toThrow(/port/);
  });

  it("rejects an invalid library size or seed", async () => {
    await expect(startDevCloud({ tracks: -3 })).rejects.toThrow(/tracks/);
    await expect(startDevCloud({ seed: 0.5 })).rejects.toThrow(/seed/);
  });

  it("fails when the port is taken", async () => {
    const first = await startDevCloud();
    try {
      await expect(startDevCloud({ port: first.port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await first.close();
    }
  });
});
