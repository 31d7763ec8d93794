import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { formatRangeHeader } from "./range-response.js";
import {
  failure,
  patternBytes,
  recordingClient,
  respond,
  startTestServer,
  type TestHandler,
  type TestServer,
} from "./test-server.js";

const SIZE = 1000;
const FILE = patternBytes(0, SIZE);

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(...script: TestHandler[]): Promise<TestServer> {
  server = await startTestServer(script);
  return server;
}

const testClient = recordingClient;

/** A correct server: honours `Range: bytes=a-b` / `bytes=a-` over FILE with a 206 or a 416. */
const rangeServer: TestHandler = (request, response) => {
  const match = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? "");
  if (match === null) {
    response.writeHead(200, { "content-length": String(SIZE) });
    response.end(FILE);
    return;
  }
  const start = Number(match[1]);
  const end = Math.min(match[2] === "" ? SIZE - 1 : Number(match[2]), SIZE - 1);
  if (start >= SIZE) {
    response.writeHead(416, { "content-range": `bytes */${SIZE}` });
    response.end();
    return;
  }
  response.writeHead(206, {
    "content-range": `bytes ${start}-${end}/${SIZE}`,
    "content-length": String(end - start + 1),
  });
  response.end(FILE.subarray(start, end + 1));
};

/** A server that ignores Range and answers 200 with `total` pattern bytes, sent lazily. */
function fullBodyServer(total: number, state: { sent: number; finished: boolean }): TestHandler {
  return (_request, response) => {
    response.writeHead(200, Number.isFinite(total) ? { "content-length": String(total) } : {});
    const pump = (): void => {
      while (!response.destroyed && state.sent < total) {
        const chunk = patternBytes(state.sent, Math.min(state.sent + 16_384, total));
        state.sent += chunk.byteLength;
        if (!response.write(chunk)) {
          response.once("drain", pump);
          return;
        }
      }
      if (state.sent >= total) {
        response.end();
        state.finished = true;
      }
    };
    pump();
  };
}

function partial(
  contentRange: string,
  body: Uint8Array,
  extra: Record<string, string> = {},
  cut = false,
): TestHandler {
  return (_request, response: ServerResponse) => {
    response.writeHead(206, { "content-range": contentRange, ...extra });
    if (cut) {
      response.write(body, () => response.socket?.destroy());
    } else {
      response.end(body);
    }
  };
}

describe("formatRangeHeader", () => {
  it("writes closed and open ranges", () => {
    expect(formatRangeHeader({ start: 0, end: 99 })).toBe("bytes=0-99");
    expect(formatRangeHeader({ start: 500 })).toBe("bytes=500-");
  });
});

describe("HttpClient.readRange: 206", () => {
  it("returns the asked bytes with a matching Content-Range", async () => {
    const { url, hits } = await serve(rangeServer);
    const { client } = testClient();
    const result = await client.readRange(url("/song.flac"), { start: 100, end: 199 });
    expect(hits[0]?.headers.range).toBe("bytes=100-199");
    expect(result).toEqual({
      bytes: patternBytes(100, 200),
      start: 100,
      end: 199,
      totalSize: SIZE,
      partial: true,
    });
  });

  it("reads an open range to the end, and a range past the end up to the last byte", async () => {
    const { url, hits } = await serve(rangeServer);
    const { client } = testClient();
    const open = await client.readRange(url(), { start: 990 });
    expect(hits[0]?.headers.range).toBe("bytes=990-");
    expect(open.bytes).toEqual(patternBytes(990, 1000));
    expect(open.end).toBe(999);
    const over = await client.readRange(url(), { start: 995, end: 5000 });
    expect(over.bytes).toEqual(patternBytes(995, 1000));
    expect([over.start, over.end, over.totalSize]).toEqual([995, 999, SIZE]);
  });

  it("accepts a shorter range than asked and reports where it ends", async () => {
    const { url } = await serve(partial("bytes 10-14/*", patternBytes(10, 15)));
    const { client } = testClient();
    const result = await client.readRange(url(), { start: 10, end: 99 });
    expect(result).toMatchObject({ start: 10, end: 14, totalSize: undefined, partial: true });
    expect(result.bytes).toEqual(patternBytes(10, 15));
  });

  it.each([
    ["another start", "bytes 0-99/1000", { start: 10, end: 99 }],
    ["an end past the asked end", "bytes 10-120/1000", { start: 10, end: 99 }],
    ["an unparseable header", "bytes ten-99/1000", { start: 10, end: 99 }],
  ])(
    "rejects a Content-Range with %s as http/range-mismatch, not retried",
    async (_, header, range) => {
      const { url, hits } = await serve(partial(header, new Uint8Array(90)));
      const { client } = testClient();
      const error = await failure(client.readRange(url(), range));
      expect(error.code).toBe("http/range-mismatch");
      expect(error.retryable).toBe(false);
      expect(error.details).toMatchObject({ contentRange: header, range: "bytes=10-99" });
      expect(hits).toHaveLength(1);
    },
  );

  it("rejects a 206 without Content-Range", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(206);
      response.end("abc");
    });
    const { client } = testClient();
    expect((await failure(client.readRange(url(), { start: 0, end: 2 }))).code).toBe(
      "http/range-mismatch",
    );
  });

  it("rejects a body longer than its Content-Range", async () => {
    const { url, hits } = await serve(partial("bytes 0-9/1000", patternBytes(0, 20)));
    const { client } = testClient();
    const error = await failure(client.readRange(url(), { start: 0, end: 9 }));
    expect(error.code).toBe("http/range-mismatch");
    expect(error.details).toMatchObject({ reason: "too-long" });
    expect(hits).toHaveLength(1);
  });

  it("never returns a body that ends early: retried, then http/range-mismatch", async () => {
    const { url, hits } = await serve(partial("bytes 0-99/1000", patternBytes(0, 50)));
    const { client, delays } = testClient({ retries: 2 });
    const error = await failure(client.readRange(url(), { start: 0, end: 99 }));
    expect(error.code).toBe("http/range-mismatch");
    expect(error.retryable).toBe(true);
    expect(error.details).toMatchObject({
      reason: "truncated",
      expectedBytes: 100,
      receivedBytes: 50,
    });
    expect(hits).toHaveLength(3);
    expect(delays).toEqual([250, 500]);
  });

  it("treats a connection cut inside the body as a truncation", async () => {
    const cut = partial("bytes 0-99/1000", patternBytes(0, 50), { "content-length": "100" }, true);
    const { url, hits } = await serve(cut);
    const { client } = testClient({ retries: 1 });
    const error = await failure(client.readRange(url(), { start: 0, end: 99 }));
    expect(error.code).toBe("http/range-mismatch");
    expect(error.details).toMatchObject({ reason: "truncated", expectedBytes: 100 });
    expect(error.cause).toBeDefined();
    expect(hits).toHaveLength(2);
  });

  it("returns the bytes of a retry after a truncated attempt", async () => {
    const { url, hits } = await serve(
      partial("bytes 0-99/1000", patternBytes(0, 50), { "content-length": "100" }, true),
      rangeServer,
    );
    const { client } = testClient();
    const result = await client.readRange(url(), { start: 0, end: 99 });
    expect(result.bytes).toEqual(patternBytes(0, 100));
    expect(hits).toHaveLength(2);
  });
});

describe("HttpClient.readRange: 416 and errors", () => {
  it("turns a 416 into http/range-not-satisfiable with the total size", async () => {
    const { url, hits } = await serve(rangeServer);
    const { client } = testClient();
    const error = await failure(client.readRange(url("/a?sig=1"), { start: 1000 }));
    expect(error.code).toBe("http/range-not-satisfiable");
    expect(error.retryable).toBe(false);
    expect(error.details).toEqual({ status: 416, url: url("/a"), start: 1000, totalSize: SIZE });
    expect(hits).toHaveLength(1);
  });

  it("leaves totalSize out when the 416 does not tell it", async () => {
    const { url } = await serve(respond(416));
    const { client } = testClient();
    const error = await failure(client.readRange(url(), { start: 5 }));
    expect(error.code).toBe("http/range-not-satisfiable");
    expect(error.details).not.toHaveProperty("totalSize");
  });

  it("retries a 503 and rejects other statuses with http/status", async () => {
    const { url, hits } = await serve(respond(503), rangeServer, respond(403));
    const { client } = testClient();
    expect((await client.readRange(url(), { start: 0, end: 0 })).bytes).toEqual(patternBytes(0, 1));
    const error = await failure(client.readRange(url(), { start: 0, end: 0 }));
    expect(error.details).toMatchObject({ status: 403 });
    expect(hits).toHaveLength(3);
  });

  it("times out a body that stalls", async () => {
    const { url } = await serve((_request, response) => {
      response.writeHead(206, { "content-range": "bytes 0-99/1000" });
      response.write(patternBytes(0, 10));
    });
    const { client } = testClient({ timeoutMs: 100, retries: 0 });
    expect((await failure(client.readRange(url(), { start: 0, end: 99 }))).code).toBe(
      "http/timeout",
    );
  });

  it("rejects malformed ranges before sending anything", async () => {
    const { url, hits } = await serve(rangeServer);
    const { client } = testClient();
    for (const [range, argument] of [
      [{ start: -1 }, "range.start"],
      [{ start: 1.5 }, "range.start"],
      [{ start: 10, end: 9 }, "range.end"],
    ] as const) {
      const error = await failure(client.readRange(url(), range));
      expect(error.code).toBe("runtime/invalid-argument");
      expect(error.details).toEqual({ argument });
    }
    expect(hits).toHaveLength(0);
  });
});

describe("HttpClient.readRange: server ignores Range (200)", () => {
  it("slices the asked bytes out of the full body", async () => {
    const state = { sent: 0, finished: false };
    const { url } = await serve(fullBodyServer(SIZE, state));
    const { client } = testClient();
    const result = await client.readRange(url(), { start: 300, end: 309 });
    expect([...result.bytes]).toEqual([...FILE.subarray(300, 310)]);
    expect(result).toMatchObject({ start: 300, end: 309, totalSize: SIZE, partial: false });
  });

  it("reads an open range to the end of the body", async () => {
    const { url } = await serve(respond(200, FILE, { "content-length": String(SIZE) }));
    const { client } = testClient();
    const result = await client.readRange(url(), { start: 900 });
    expect(result.bytes).toEqual(patternBytes(900, 1000));
    expect(result).toMatchObject({ end: 999, totalSize: SIZE, partial: false });
  });

  it("stops downloading once it has the range", async () => {
    const total = 64 * 1024 * 1024;
    const state = { sent: 0, finished: false };
    const { url, hits } = await serve(fullBodyServer(total, state));
    const { client } = testClient();
    const result = await client.readRange(url(), { start: 20_000, end: 20_009 });
    expect(result.bytes).toEqual(patternBytes(20_000, 20_010));
    expect(result.totalSize).toBe(total);
    await hits[0]?.closed;
    expect(state.finished).toBe(false);
    expect(state.sent).toBeLessThan(total);
  });

  it("stops reading a body without an end once it has the range", async () => {
    const state = { sent: 0, finished: false };
    const { url, hits } = await serve(fullBodyServer(Number.POSITIVE_INFINITY, state));
    const { client } = testClient();
    const result = await client.readRange(url(), { start: 100_000, end: 100_099 });
    expect(result.bytes).toEqual(patternBytes(100_000, 100_100));
    expect(result.totalSize).toBeUndefined();
    await hits[0]?.closed;
  });

  it("reports a start past the end as http/range-not-satisfiable", async () => {
    const { url } = await serve(respond(200, FILE, { "content-length": String(SIZE) }));
    const { client } = testClient();
    const error = await failure(client.readRange(url(), { start: 2000, end: 2010 }));
    expect(error.code).toBe("http/range-not-satisfiable");
    expect(error.details).toMatchObject({ totalSize: SIZE });
  });

  it("rejects a 200 body cut before the range was complete", async () => {
    const { url, hits } = await serve((_request, response) => {
      response.writeHead(200, { "content-length": String(SIZE) });
      response.write(FILE.subarray(0, 500), () => response.socket?.destroy());
    });
    const { client } = testClient({ retries: 1 });
    const error = await failure(client.readRange(url(), { start: 400, end: 699 }));
    expect(error.code).toBe("http/range-mismatch");
    expect(error.details).toMatchObject({ reason: "truncated" });
    expect(hits).toHaveLength(2);
  });
});
