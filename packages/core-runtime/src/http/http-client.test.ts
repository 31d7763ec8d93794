import { afterEach, describe, expect, it } from "vitest";
import { Logger, type LogRecord } from "../logger.js";
import { abortableSleep } from "./abortable-sleep.js";
import { HttpClient } from "./http-client.js";
import type { HttpClientOptions } from "./http-client-options.js";
import {
  destroySocket,
  failure,
  hang,
  recordingClient,
  respond,
  startTestServer,
  type TestServer,
} from "./test-server.js";

const NOW = Date.UTC(2025, 0, 1, 0, 0, 0);

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...script: Parameters<typeof startTestServer>[0][]): Promise<TestServer> {
  server = await startTestServer(script.flat());
  return server;
}

/** A client whose waits are recorded instead of slept, with random fixed at 1 and a fixed clock. */
function testClient(options: HttpClientOptions = {}) {
  return recordingClient({ now: () => NOW, ...options });
}

describe("HttpClient.request: retries", () => {
  it("retries a 503 and returns the following 200", async () => {
    const { url, hits } = await serve(respond(503), respond(200, "ok"));
    const { client, delays } = testClient();
    const response = await client.request(url("/file"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("ok");
    expect(hits).toHaveLength(2);
    expect(delays).toEqual([250]);
  });

  it("waits exactly Retry-After seconds after a 429", async () => {
    const { url, hits } = await serve(respond(429, "", { "retry-after": "2" }), respond(200, "ok"));
    const { client, delays } = testClient();
    expect((await client.request(url())).status).toBe(200);
    expect(delays).toEqual([2000]);
    expect(hits).toHaveLength(2);
  });

  it("waits until a Retry-After HTTP-date, measured with the injected clock", async () => {
    const date = new Date(NOW + 7000).toUTCString();
    const { url } = await serve(respond(503, "", { "retry-after": date }), respond(200));
    const { client, delays } = testClient();
    await client.request(url());
    expect(delays).toEqual([7000]);
  });

  it("fails with http/rate-limited, status and retryAfterMs when 429 retries run out", async () => {
    const { url, hits } = await serve(respond(429, "", { "retry-after": "1" }));
    const { client, delays } = testClient({ retries: 2 });
    const error = await failure(client.request(url("/x?access_token=abc")));
    expect(error.code).toBe("http/rate-limited");
    expect(error.retryable).toBe(true);
    expect(error.details).toEqual({ status: 429, retryAfterMs: 1000, url: url("/x") });
    expect(hits).toHaveLength(3);
    expect(delays).toEqual([1000, 1000]);
  });

  it("fails with http/status and the status when 5xx retries run out, backing off exponentially", async () => {
    const { url, hits } = await serve(respond(502));
    const { client, delays } = testClient();
    const error = await failure(client.request(url()));
    expect(error.code).toBe("http/status");
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({ status: 502 });
    expect(hits).toHaveLength(4);
    expect(delays).toEqual([250, 500, 1000]);
  });

  it("uses full jitter: random 0.5 halves every backoff delay", async () => {
    const { url } = await serve(respond(500));
    const { client, delays } = testClient({ random: () => 0.5, retries: 4 });
    await failure(client.request(url()));
    expect(delays).toEqual([125, 250, 500, 1000]);
  });

  it("caps the backoff at maxMs", async () => {
    const { url } = await serve(respond(504));
    const { client, delays } = testClient({ backoff: { baseMs: 1000, maxMs: 3000 }, retries: 4 });
    await failure(client.request(url()));
    expect(delays).toEqual([1000, 2000, 3000, 3000]);
  });

  it("gives up at once when Retry-After is longer than maxRetryAfterMs", async () => {
    const { url, hits } = await serve(respond(429, "", { "retry-after": "120" }), respond(200));
    const { client, delays } = testClient({ maxRetryAfterMs: 60_000 });
    const error = await failure(client.request(url()));
    expect(error.code).toBe("http/rate-limited");
    expect(error.details).toMatchObject({ status: 429, retryAfterMs: 120_000 });
    expect(hits).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("does not retry other statuses and strips the query string from details", async () => {
    const { url, hits } = await serve(respond(404, "missing"));
    const { client, delays } = testClient();
    const error = await failure(client.request(url("/files/1?key=secret")));
    expect(error.code).toBe("http/status");
    expect(error.retryable).toBe(false);
    expect(error.details).toEqual({ status: 404, url: url("/files/1") });
    expect(error.message).not.toContain("secret");
    expect(hits).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("returns statuses listed in expectStatus instead of throwing", async () => {
    const { url } = await serve(respond(404, "missing"));
    const { client } = testClient();
    const response = await client.request(url(), { expectStatus: [200, 404] });
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("missing");
  });

  it("does not retry a POST", async () => {
    const { url, hits } = await serve(respond(503));
    const { client, delays } = testClient();
    const error = await failure(client.request(url(), { method: "POST", body: "payload" }));
    expect(error.details).toMatchObject({ status: 503 });
    expect(hits).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("retries a POST with retryNonIdempotent and sends the body again", async () => {
    const { url, hits } = await serve(respond(503), respond(201, "made"));
    const { client } = testClient();
    const response = await client.request(url(), {
      method: "POST",
      body: "payload",
      retryNonIdempotent: true,
    });
    expect(response.status).toBe(201);
    expect(hits.map((hit) => [hit.method, hit.body])).toEqual([
      ["POST", "payload"],
      ["POST", "payload"],
    ]);
  });

  it("retries PUT and DELETE", async () => {
    const { url, hits } = await serve(respond(503), respond(204), respond(503), respond(204));
    const { client } = testClient();
    await client.request(url(), { method: "PUT", body: "x" });
    await client.request(url(), { method: "DELETE" });
    expect(hits.map((hit) => hit.method)).toEqual(["PUT", "PUT", "DELETE", "DELETE"]);
  });

  it("rejects an invalid per-call setting with runtime/invalid-argument", async () => {
    const { url, hits } = await serve(respond(200));
    const { client } = testClient();
    const error = await failure(client.request(url(), { timeoutMs: -5 }));
    expect(error.code).toBe("runtime/invalid-argument");
    expect(hits).toHaveLength(0);
  });

  it("honours a per-call retries count", async () => {
    const { url, hits } = await serve(respond(503));
    const { client } = testClient({ retries: 5 });
    await failure(client.request(url(), { retries: 1 }));
    expect(hits).toHaveLength(2);
  });
});

describe("HttpClient.request: network failures and timeouts", () => {
  it("retries a destroyed connection, then fails with http/network and the cause", async () => {
    const { url, hits } = await serve(destroySocket());
    const { client, delays } = testClient({ retries: 2 });
    const error = await failure(client.request(url("/a?token=t")));
    expect(error.code).toBe("http/network");
    expect(error.retryable).toBe(true);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.details).toEqual({ url: url("/a") });
    expect(hits).toHaveLength(3);
    expect(delays).toEqual([250, 500]);
  });

  it("recovers when the connection works on the next attempt", async () => {
    const { url, hits } = await serve(destroySocket(), respond(200, "ok"));
    const { client } = testClient();
    expect(await (await client.request(url())).text()).toBe("ok");
    expect(hits).toHaveLength(2);
  });

  it("times out when the headers do not come", async () => {
    const { url, hits } = await serve(hang());
    const { client } = testClient({ timeoutMs: 50, retries: 0 });
    const error = await failure(client.request(url()));
    expect(error.code).toBe("http/timeout");
    expect(error.retryable).toBe(true);
    expect(error.details).toEqual({ url: url(), timeoutMs: 50 });
    expect(hits).toHaveLength(1);
    await hits[0]?.closed;
  });

  it("retries a timed-out attempt with a fresh timeout", async () => {
    const { url, hits } = await serve(hang(), hang(), respond(200, "late but fine"));
    const { client, delays } = testClient({ timeoutMs: 50 });
    const response = await client.request(url());
    expect(await response.text()).toBe("late but fine");
    expect(hits).toHaveLength(3);
    expect(delays).toEqual([250, 500]);
  });

  it("does not time out the body of request(): the caller reads it", async () => {
    let release = (): void => undefined;
    const { url } = await serve((_request, response) => {
      response.writeHead(200);
      response.write("first ");
      release = () => response.end("second");
    });
    const { client } = testClient({ timeoutMs: 300 });
    const response = await client.request(url());
    await new Promise((resolve) => setTimeout(resolve, 400));
    release();
    expect(await response.text()).toBe("first second");
  });
});

describe("HttpClient.request: caller abort", () => {
  it("fails with http/aborted without sending when the signal is already aborted", async () => {
    const { url, hits } = await serve(respond(200));
    const { client } = testClient();
    const controller = new AbortController();
    controller.abort();
    const error = await failure(client.request(url(), { signal: controller.signal }));
    expect(error.code).toBe("http/aborted");
    expect(hits).toHaveLength(0);
  });

  it("aborts a request in flight, cuts the connection and does not retry", async () => {
    const { url, hits, waitForHits } = await serve(hang());
    const { client, delays } = testClient();
    const controller = new AbortController();
    const pending = failure(client.request(url(), { signal: controller.signal }));
    await waitForHits(1);
    controller.abort();
    const error = await pending;
    expect(error.code).toBe("http/aborted");
    expect(error.retryable).toBe(false);
    await hits[0]?.closed;
    expect(hits).toHaveLength(1);
    expect(delays).toEqual([]);
  });

  it("aborts during the wait between retries even if sleep never settles", async () => {
    const { url, hits } = await serve(respond(503));
    const controller = new AbortController();
    const delays: number[] = [];
    const client = new HttpClient({
      random: () => 1,
      sleep: (ms) => {
        delays.push(ms);
        controller.abort();
        return new Promise<void>(() => undefined);
      },
    });
    const error = await failure(client.request(url(), { signal: controller.signal }));
    expect(error.code).toBe("http/aborted");
    expect(delays).toEqual([250]);
    expect(hits).toHaveLength(1);
  });

  it("aborts the default setTimeout sleep between retries", async () => {
    const { url, hits } = await serve(respond(503));
    const controller = new AbortController();
    const client = new HttpClient({
      backoff: { baseMs: 600_000, maxMs: 600_000 },
      random: () => 1,
      sleep: (ms, signal) => {
        const sleeping = abortableSleep(ms, signal);
        controller.abort();
        return sleeping;
      },
    });
    const error = await failure(client.request(url(), { signal: controller.signal }));
    expect(error.code).toBe("http/aborted");
    expect(hits).toHaveLength(1);
  });

  it("lets the caller's signal abort reading the body after request() resolved", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200);
      response.write("partial");
    });
    const { client } = testClient();
    const controller = new AbortController();
    const response = await client.request(url(), { signal: controller.signal });
    controller.abort();
    await expect(response.text()).rejects.toThrow();
  });
});

describe("HttpClient.request: headers and logs", () => {
  it("sends default headers, overridden per call", async () => {
    const { url, hits } = await serve(respond(200));
    const { client } = testClient({ headers: { "x-client": "sdk", "x-mode": "default" } });
    await client.request(url(), { headers: { "x-mode": "call" } });
    expect(hits[0]?.headers["x-client"]).toBe("sdk");
    expect(hits[0]?.headers["x-mode"]).toBe("call");
  });

  it("logs retries with the URL only, never the query string or headers", async () => {
    const { url } = await serve(respond(503));
    const records: LogRecord[] = [];
    const logger = new Logger({ level: "debug", sink: (record) => records.push(record) });
    const { client } = testClient({
      logger,
      retries: 1,
      headers: { authorization: "Bearer very-secret-token" },
    });
    await failure(client.request(url("/f?alt=media&sig=signed-secret")));
    expect(records.map((record) => record.level)).toEqual(["debug", "warn"]);
    expect(records[0]?.scope).toBe("player:http");
    expect(records[0]?.context).toMatchObject({
      url: url("/f"),
      attempt: 1,
      delayMs: 250,
      status: 503,
    });
    const logged = JSON.stringify(records);
    expect(logged).not.toContain("secret");
    expect(logged).not.toContain("alt=media");
  });
});

describe("HttpClient.json", () => {
  it("parses the body and asks for JSON", async () => {
    const { url, hits } = await serve(respond(200, '{"files":[{"id":"a"}]}'));
    const { client } = testClient();
    expect(await client.json<{ files: { id: string }[] }>(url())).toEqual({ files: [{ id: "a" }] });
    expect(hits[0]?.headers.accept).toBe("application/json");
  });

  it("rejects invalid JSON with http/status and reason invalid-json", async () => {
    const { url, hits } = await serve(respond(200, "<html>captive portal</html>"));
    const { client } = testClient();
    const error = await failure(client.json(url("/j?q=1")));
    expect(error.code).toBe("http/status");
    expect(error.retryable).toBe(false);
    expect(error.details).toEqual({ status: 200, url: url("/j"), reason: "invalid-json" });
    expect(error.cause).toBeInstanceOf(SyntaxError);
    expect(hits).toHaveLength(1);
  });

  it("times out a body that stalls after the headers", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.write('{"partial":');
    });
    const { client } = testClient({ timeoutMs: 100, retries: 0 });
    const error = await failure(client.json(url()));
    expect(error.code).toBe("http/timeout");
  });
});

describe("HttpClient options", () => {
  it("rejects invalid settings", () => {
    expect(() => new HttpClient({ retries: -1 })).toThrow(/retries/);
    expect(() => new HttpClient({ retries: 1.5 })).toThrow(
      expect.objectContaining({ code: "runtime/invalid-config" }),
    );
    expect(() => new HttpClient({ timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => new HttpClient({ backoff: { baseMs: Number.NaN } })).toThrow(/baseMs/);
  });
});
