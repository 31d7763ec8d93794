import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRangeHeader, sendBytesWithRange } from "./byte-range.js";

describe("parseRangeHeader", () => {
  it.each([
    [undefined, { kind: "full" }],
    ["bytes=0-9", { kind: "partial", start: 0, end: 9 }],
    ["bytes=990-2000", { kind: "partial", start: 990, end: 999 }],
    ["bytes=500-", { kind: "partial", start: 500, end: 999 }],
    ["bytes=-100", { kind: "partial", start: 900, end: 999 }],
    ["bytes=-5000", { kind: "partial", start: 0, end: 999 }],
    ["BYTES = 1-2", { kind: "partial", start: 1, end: 2 }],
    ["bytes=1000-", { kind: "unsatisfiable" }],
    ["bytes=-0", { kind: "unsatisfiable" }],
    ["bytes=5-1", { kind: "full" }],
    ["bytes=0-1,5-6", { kind: "full" }],
    ["items=0-1", { kind: "full" }],
    ["bytes=abc", { kind: "full" }],
    ["bytes=-", { kind: "full" }],
  ])("reads %j against 1000 bytes", (header, expected) => {
    expect(parseRangeHeader(header, 1000)).toEqual(expected);
  });

  it("finds nothing satisfiable in an empty body", () => {
    expect(parseRangeHeader("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
    expect(parseRangeHeader("bytes=-1", 0)).toEqual({ kind: "unsatisfiable" });
  });
});

describe("sendBytesWithRange over HTTP", () => {
  const bytes = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      sendBytesWithRange(request, response, bytes, "audio/mpeg", { ETag: '"v1"' });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  async function fetchRange(range?: string, method = "GET") {
    const response = await fetch(url, {
      method,
      headers: range === undefined ? {} : { Range: range },
    });
    return { response, body: new Uint8Array(await response.arrayBuffer()) };
  }

  it("sends the whole body with Accept-Ranges when there is no Range", async () => {
    const { response, body } = await fetchRange();
    expect(response.status).toBe(200);
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(response.headers.get("content-length")).toBe("1000");
    expect(response.headers.get("etag")).toBe('"v1"');
    expect(body).toEqual(bytes);
  });

  it("sends 206 with Content-Range for a closed range", async () => {
    const { response, body } = await fetchRange("bytes=500-599");
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 500-599/1000");
    expect(response.headers.get("content-length")).toBe("100");
    expect(body).toEqual(bytes.subarray(500, 600));
  });

  it("serves a suffix range from the end", async () => {
    const { response, body } = await fetchRange("bytes=-10");
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 990-999/1000");
    expect(body).toEqual(bytes.subarray(990));
  });

  it("answers 416 with bytes */size past the end", async () => {
    const { response, body } = await fetchRange("bytes=1000-1001");
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */1000");
    expect(body.byteLength).toBe(0);
  });

  it("serves the whole body for a multi-range request", async () => {
    const { response, body } = await fetchRange("bytes=0-1,10-11");
    expect(response.status).toBe(200);
    expect(body.byteLength).toBe(1000);
  });

  it("answers HEAD with the range headers and no body", async () => {
    const { response, body } = await fetchRange("bytes=0-99", "HEAD");
    expect(response.status).toBe(206);
    expect(response.headers.get("content-length")).toBe("100");
    expect(body.byteLength).toBe(0);
  });
});
