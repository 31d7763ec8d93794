import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AdminLibrarySummary } from "../admin/admin-types.js";
import { type DevCloud, startDevCloud } from "../server.js";

describe("faults over HTTP", () => {
  let cloud: DevCloud;
  let library: AdminLibrarySummary;

  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 20, seed: 4, now: Date.UTC(2024, 4, 1) });
    library = await cloud.admin.library();
  });
  afterAll(() => cloud.close());
  beforeEach(async () => {
    await cloud.admin.clearFaults();
    await cloud.admin.clearRequests();
  });

  const coverImagePath = (): string => {
    const track = library.tracks.find((candidate) => candidate.hasCover);
    if (track === undefined) throw new Error("The library has no cover.");
    return `/coverartarchive/images/${track.musicBrainz.releaseId}-1200.png`;
  };

  it("answers 429 with Retry-After in Google's rateLimitExceeded shape", async () => {
    await cloud.admin.setFaults([
      { route: "/google/drive", kind: "rate-limit", probability: 1, retryAfterSeconds: 3 },
    ]);
    const response = await fetch(`${cloud.url}/google/drive/v3/files`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("3");
    expect(await response.json()).toEqual({
      error: {
        code: 429,
        message: "Rate Limit Exceeded",
        errors: [
          { domain: "usageLimits", reason: "rateLimitExceeded", message: "Rate Limit Exceeded" },
        ],
      },
    });
  });

  it("answers 429 in Graph's TooManyRequests shape on Graph paths", async () => {
    await cloud.admin.setFaults([{ route: "/graph", kind: "rate-limit", probability: 1 }]);
    const response = await fetch(`${cloud.url}/graph/v1.0/me/drive/root/children`);
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    const body = (await response.json()) as {
      error: { code: string; innerError: Record<string, string> };
    };
    expect(body.error.code).toBe("TooManyRequests");
    expect(body.error.innerError).toMatchObject({ code: "429", status: "429" });
    expect(body.error.innerError.date).toBe("2024-05-01T00:00:00");
  });

  it("answers 403 userRateLimitExceeded with Retry-After", async () => {
    await cloud.admin.setFaults([
      { route: "/google/drive/v3/files/*", kind: "user-rate-limit", probability: 1 },
    ]);
    const response = await fetch(`${cloud.url}/google/drive/v3/files/abc?alt=media`);
    expect(response.status).toBe(403);
    expect(response.headers.get("retry-after")).toBe("1");
    const body = (await response.json()) as {
      error: { code: number; errors: { reason: string }[] };
    };
    expect(body.error.code).toBe(403);
    expect(body.error.errors[0]?.reason).toBe("userRateLimitExceeded");
  });

  it("answers a 5xx in the format of each service", async () => {
    await cloud.admin.setFaults([
      { route: "/google/token", kind: "status", probability: 1, status: 503 },
      { route: "/google/drive", kind: "status", probability: 1, status: 500 },
      { route: "/lrclib", kind: "status", probability: 1, status: 502, retryAfterSeconds: 9 },
    ]);
    const token = await fetch(`${cloud.url}/google/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "grant_type=refresh_token&refresh_token=secret",
    });
    expect(token.status).toBe(503);
    expect(await token.json()).toMatchObject({ error: "temporarily_unavailable" });

    const drive = await fetch(`${cloud.url}/google/drive/v3/files`);
    expect(drive.status).toBe(500);
    expect(await drive.json()).toMatchObject({
      error: { code: 500, errors: [{ reason: "backendError" }] },
    });

    const lyrics = await fetch(`${cloud.url}/lrclib/api/search?q=a`);
    expect(lyrics.status).toBe(502);
    expect(lyrics.headers.get("retry-after")).toBe("9");
    expect(await lyrics.json()).toMatchObject({ error: { code: "service_unavailable" } });
  });

  it("resets the connection after afterBytes body bytes and logs the short response", async () => {
    await cloud.admin.setFaults([
      {
        id: "cut",
        route: "/coverartarchive/images",
        kind: "reset",
        probability: 1,
        afterBytes: 100,
      },
    ]);
    const response = await fetch(`${cloud.url}${coverImagePath()}`);
    expect(response.status).toBe(200);
    const declared = Number(response.headers.get("content-length"));
    expect(declared).toBeGreaterThan(100);
    const reader = response.body?.getReader();
    if (reader === undefined) throw new Error("No body.");
    let received = 0;
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += value.byteLength;
        }
      })(),
    ).rejects.toThrow();
    expect(received).toBe(100);

    const [entry] = await cloud.admin.requests({ path: "/coverartarchive/" });
    expect(entry).toMatchObject({
      status: 200,
      bytes: 100,
      incomplete: true,
      fault: { kind: "reset", ruleId: "cut", afterBytes: 100 },
    });
  });

  it("cuts right after the headers with afterBytes 0", async () => {
    await cloud.admin.setFaults([{ route: "/lrclib", kind: "reset", probability: 1 }]);
    const response = await fetch(`${cloud.url}/lrclib/api/search?q=a`);
    await expect(response.arrayBuffer()).rejects.toThrow();
  });

  it("delays by latencyMs, lets the route answer and records the latency", async () => {
    await cloud.admin.setFaults([
      { id: "slow", route: "/health", kind: "latency", probability: 1, latencyMs: 20 },
    ]);
    const response = await fetch(`${cloud.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, service: "dev-cloud" });
    const [entry] = await cloud.admin.requests({ path: "/health" });
    expect(entry?.fault).toEqual({ kind: "latency", ruleId: "slow", latencyMs: 20 });
    expect(entry?.status).toBe(200);
  });

  it("gives the same statuses for the same fault seed and a different run for another", async () => {
    const statuses = async (target: DevCloud): Promise<string> => {
      await target.admin.setFaults([{ route: "/lrclib", kind: "status", probability: 0.5 }]);
      let marks = "";
      for (let i = 0; i < 24; i++) {
        const response = await fetch(`${target.url}/lrclib/api/search?q=zzzz`);
        await response.arrayBuffer();
        marks += response.status === 503 ? "x" : ".";
      }
      return marks;
    };
    const twin = await startDevCloud({ tracks: 20, seed: 4 });
    const other = await startDevCloud({ tracks: 20, seed: 4, faultSeed: 5 });
    try {
      const sequence = await statuses(cloud);
      expect(sequence).toMatch(/x/);
      expect(sequence).toMatch(/\./);
      expect(await statuses(twin)).toBe(sequence);
      expect(await statuses(other)).not.toBe(sequence);
      // Setting the rules again restarts the sequence.
      expect(await statuses(cloud)).toBe(sequence);
    } finally {
      await twin.close();
      await other.close();
    }
  });

  it("shortens access tokens for the provider modules through context.faults", async () => {
    await cloud.admin.setFaults([], { accessTokenLifetimeMs: { google: 2_000 } });
    expect(cloud.context.faults.accessTokenLifetimeMs("google")).toBe(2_000);
    expect(cloud.context.faults.accessTokenLifetimeMs("microsoft")).toBeUndefined();
  });
});
