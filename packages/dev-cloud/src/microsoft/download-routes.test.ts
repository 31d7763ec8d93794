import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FileItem } from "../library/library-types.js";
import { graphGet, signIn, TEST_USERS } from "../test-support/microsoft-sign-in.js";
import { type SeededIds, startSeededDrive } from "../test-support/seeded-drive.js";
import type { TestServer } from "../test-support/test-server.js";
import { DOWNLOAD_URL_LIFETIME_MS } from "./download-url-signer.js";

interface GraphErrorBody {
  error: { code: string; message: string };
}

describe("Graph downloads", () => {
  let server: TestServer;
  let ids: SeededIds;
  let token: string;
  let bytes: Uint8Array;

  beforeEach(async () => {
    ({ server, ids } = await startSeededDrive(TEST_USERS));
    token = (await signIn(server.url)).access_token;
    bytes = server.context.library.bytes(server.context.library.get(ids.songA) as FileItem);
  });

  afterEach(async () => {
    await server.close();
  });

  async function downloadUrl(): Promise<string> {
    const response = await graphGet(server.url, `/me/drive/items/${ids.songA}/content`, token);
    expect(response.status).toBe(302);
    return response.headers.get("location") ?? "";
  }

  it("redirects /content to the item's @microsoft.graph.downloadUrl", async () => {
    const location = await downloadUrl();
    expect(location).toMatch(new RegExp(`^${server.url}/graph-download/[\\w-]+\\.[\\w-]+$`));
    const response = await graphGet(server.url, `/me/drive/items/${ids.songA}`, token);
    const item = (await response.json()) as Record<string, unknown>;
    expect(item["@microsoft.graph.downloadUrl"]).toBe(location); // same clock, same URL
  });

  it("serves the whole file without an Authorization header", async () => {
    const response = await fetch(await downloadUrl());
    expect(response.status).toBe(200);
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("content-type")).toBe("audio/mpeg");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it("answers a Range with 206 and Content-Range, a suffix range too", async () => {
    const url = await downloadUrl();
    const head = await fetch(url, { headers: { Range: "bytes=0-99" } });
    expect(head.status).toBe(206);
    expect(head.headers.get("content-range")).toBe(`bytes 0-99/${bytes.length}`);
    expect(new Uint8Array(await head.arrayBuffer())).toEqual(bytes.subarray(0, 100));
    const tail = await fetch(url, { headers: { Range: "bytes=-10" } });
    expect(tail.headers.get("content-range")).toBe(
      `bytes ${bytes.length - 10}-${bytes.length - 1}/${bytes.length}`,
    );
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 10));
  });

  it("answers 416 with bytes */size for a range past the end", async () => {
    const response = await fetch(await downloadUrl(), {
      headers: { Range: `bytes=${bytes.length}-` },
    });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${bytes.length}`);
  });

  it("answers 401 once the URL is an hour old on the server clock", async () => {
    const url = await downloadUrl();
    server.context.clock.advance(DOWNLOAD_URL_LIFETIME_MS - 1);
    expect((await fetch(url, { headers: { Range: "bytes=0-0" } })).status).toBe(206);
    server.context.clock.advance(1);
    const response = await fetch(url);
    expect(response.status).toBe(401);
    expect(((await response.json()) as GraphErrorBody).error.code).toBe("unauthenticated");
  });

  it("answers 401 for a tampered URL and 404 once the content has changed", async () => {
    const url = await downloadUrl();
    expect((await fetch(`${url.slice(0, -2)}xx`)).status).toBe(401);
    server.context.library.modify(ids.songA, new Uint8Array([1, 2, 3]));
    const stale = await fetch(url);
    expect(stale.status).toBe(404);
    expect(((await stale.json()) as GraphErrorBody).error.code).toBe("itemNotFound");
    const fresh = await fetch(await downloadUrl());
    expect(new Uint8Array(await fresh.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it("answers 404 for /content of a folder or a trashed file", async () => {
    for (const id of [ids.music, ids.trashedSong]) {
      expect((await graphGet(server.url, `/me/drive/items/${id}/content`, token)).status).toBe(404);
    }
  });
});
