import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FileItem } from "../library/library-types.js";
import { graphGet, signIn, TEST_USERS } from "../test-support/microsoft-sign-in.js";
import { type SeededIds, startSeededDrive } from "../test-support/seeded-drive.js";
import type { TestServer } from "../test-support/test-server.js";
import { quickXorHash } from "./quick-xor-hash.js";

interface GraphErrorBody {
  error: { code: string; message: string; innerError: Record<string, string> };
}
type DriveItem = Record<string, unknown> & { id: string; name: string };
interface Collection {
  value: DriveItem[];
  "@odata.nextLink"?: string;
}

describe("Graph /me and drive items", () => {
  let server: TestServer;
  let ids: SeededIds;
  let token: string;

  beforeEach(async () => {
    ({ server, ids } = await startSeededDrive(TEST_USERS));
    token = (await signIn(server.url, {}, "alex-0001")).access_token;
  });

  afterEach(async () => {
    await server.close();
  });

  const get = (path: string, accessToken = token) => graphGet(server.url, path, accessToken);

  it("answers /me with the signed-in user's profile", async () => {
    const response = await get("/me");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      "@odata.context": `${server.url}/graph/v1.0/$metadata#users/$entity`,
      businessPhones: [],
      displayName: "Alex Example",
      givenName: "Alex",
      jobTitle: null,
      mail: "alex@example.com",
      mobilePhone: null,
      officeLocation: null,
      preferredLanguage: null,
      surname: "Example",
      userPrincipalName: "alex@example.com",
      id: "alex-0001",
    });
  });

  it("answers 401 InvalidAuthenticationToken without a token, with Graph's innerError", async () => {
    const response = await fetch(`${server.url}/graph/v1.0/me`, {
      headers: { "client-request-id": "my-request-1" },
    });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Bearer realm=""/);
    const body = (await response.json()) as GraphErrorBody;
    expect(body.error.code).toBe("InvalidAuthenticationToken");
    expect(body.error.message).toBe("Access token is empty.");
    expect(body.error.innerError).toEqual({
      date: "2026-01-15T12:00:00",
      "request-id": expect.stringMatching(/^[0-9a-f-]{36}$/),
      "client-request-id": "my-request-1",
    });
  });

  it("expires access tokens after 3599 s of server clock", async () => {
    server.context.clock.advance(3_598_000);
    expect((await get("/me")).status).toBe(200);
    server.context.clock.advance(1_000);
    const response = await get("/me");
    expect(response.status).toBe(401);
    expect(((await response.json()) as GraphErrorBody).error.message).toBe(
      "Access token has expired or is not yet valid.",
    );
  });

  it("honours the early-expiry fault, even for tokens issued before it was turned on", async () => {
    server.faults.setConfig({ accessTokenLifetimeMs: { microsoft: 60_000 } });
    server.context.clock.advance(59_000);
    expect((await get("/me")).status).toBe(200);
    server.context.clock.advance(1_000);
    const response = await get("/me/drive/root/children");
    expect(response.status).toBe(401);
    expect(((await response.json()) as GraphErrorBody).error.code).toBe(
      "InvalidAuthenticationToken",
    );
    // The token still advertised a full hour.
    const fresh = await signIn(server.url);
    expect(fresh.expires_in).toBe(3599);
  });

  it("refuses unknown tokens and denies drive access to a token without Files scopes", async () => {
    expect((await get("/me", "not-a-token")).status).toBe(401);
    const profileOnly = (await signIn(server.url, { scope: "openid User.Read" })).access_token;
    expect((await get("/me", profileOnly)).status).toBe(200);
    const response = await get("/me/drive/root/children", profileOnly);
    expect(response.status).toBe(403);
    expect(((await response.json()) as GraphErrorBody).error.code).toBe("accessDenied");
  });

  it("lists root children without trashed items, with folder and file facets", async () => {
    const response = await get("/me/drive/root/children");
    expect(response.status).toBe(200);
    const body = (await response.json()) as Collection;
    expect(body.value.map((item) => item.name)).toEqual(["Music", "Empty", "notes.txt"]);
    expect(body["@odata.nextLink"]).toBeUndefined();
    const [music, empty, notes] = body.value;
    expect(music).toMatchObject({
      folder: { childCount: 3 },
      parentReference: { path: "/drive/root:" },
    });
    expect(empty).toMatchObject({ folder: { childCount: 0 }, size: 0 });
    expect(notes).toMatchObject({
      size: 5,
      file: {
        mimeType: "text/plain",
        hashes: {
          sha1Hash: createHash("sha1").update("hello").digest("hex").toUpperCase(),
          quickXorHash: quickXorHash(new TextEncoder().encode("hello")),
        },
      },
    });
    expect(notes).not.toHaveProperty("audio");
  });

  it("describes a track with the audio facet, hashes, path and download URL", async () => {
    const response = await get(`/me/drive/items/${ids.songA}`);
    expect(response.status).toBe(200);
    const item = (await response.json()) as DriveItem;
    const file = server.context.library.get(ids.songA) as FileItem;
    const bytes = server.context.library.bytes(file);
    expect(item).toMatchObject({
      id: ids.songA,
      name: "a.mp3",
      size: bytes.length,
      createdDateTime: "2026-01-15T12:00:00.000Z",
      lastModifiedDateTime: "2026-01-15T12:00:00.000Z",
      parentReference: { driveType: "personal", id: ids.music, path: "/drive/root:/Music" },
      file: {
        mimeType: "audio/mpeg",
        hashes: { sha1Hash: expect.stringMatching(/^[0-9A-F]{40}$/) },
      },
      audio: {
        album: "Fixtures",
        albumArtist: "The Testers",
        artist: "The Testers",
        bitrate: Math.round((bytes.length * 8) / 4_000),
        disc: 1,
        discCount: 1,
        duration: 4_000,
        genre: "Rock",
        hasDrm: false,
        isVariableBitrate: false,
        title: "Alpha",
        track: 1,
        trackCount: 12,
        year: 2014,
      },
    });
    expect(item.eTag).toMatch(/^a[A-Za-z0-9+/]+$/);
    expect(item["@microsoft.graph.downloadUrl"]).toMatch(
      new RegExp(`^${server.url}/graph-download/`),
    );
    expect(typeof (item.parentReference as { driveId: unknown }).driveId).toBe("string");
  });

  it("omits the audio facet for a file that is not audio", async () => {
    const item = (await (await get(`/me/drive/items/${ids.notAudio}`)).json()) as DriveItem;
    expect(item.file).toBeDefined();
    expect(item).not.toHaveProperty("audio");
  });

  it("pages children with $top and absolute @odata.nextLink URLs", async () => {
    const names: string[] = [];
    let next: string | undefined = `/me/drive/items/${ids.music}/children?$top=2`;
    let pages = 0;
    while (next !== undefined) {
      const response = await get(next);
      expect(response.status).toBe(200);
      const body = (await response.json()) as Collection;
      names.push(...body.value.map((item) => item.name));
      next = body["@odata.nextLink"];
      if (next !== undefined) {
        expect(next).toMatch(
          new RegExp(
            `^${server.url}/graph/v1.0/me/drive/items/${ids.music}/children\\?\\$top=2&\\$skiptoken=`,
          ),
        );
      }
      pages++;
    }
    expect(pages).toBe(2);
    expect(names).toEqual(["a.mp3", "b.mp3", "broken.flac"]);
  });

  it("applies $select and $orderby=name desc", async () => {
    const response = await get("/me/drive/root/children?$select=id,name&$orderby=name%20desc");
    const body = (await response.json()) as Collection;
    expect(body.value.map((item) => item.name)).toEqual(["notes.txt", "Music", "Empty"]);
    for (const item of body.value) expect(Object.keys(item).sort()).toEqual(["id", "name"]);
  });

  it("answers 400 invalidRequest for an unknown $select property or a bad $top", async () => {
    const select = await get("/me/drive/root/children?$select=id,colour");
    expect(select.status).toBe(400);
    expect(((await select.json()) as GraphErrorBody).error.code).toBe("invalidRequest");
    expect((await get("/me/drive/root/children?$top=0")).status).toBe(400);
  });

  it("answers 404 itemNotFound for unknown, trashed, and trashed-ancestor items", async () => {
    for (const id of ["nope", ids.trashedSong, ids.oldFolder, ids.songInOld]) {
      const response = await get(`/me/drive/items/${id}`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as GraphErrorBody).error.code).toBe("itemNotFound");
    }
    expect((await get(`/me/drive/items/${ids.oldFolder}/children`)).status).toBe(404);
  });

  it("serves the root under /me/drive/root and the `root` alias", async () => {
    const root = (await (await get("/me/drive/root")).json()) as DriveItem;
    expect(root).toMatchObject({
      id: server.context.library.rootId,
      name: "root",
      root: {},
      folder: { childCount: 3 },
    });
    const alias = (await (await get("/me/drive/items/root/children")).json()) as Collection;
    expect(alias.value).toHaveLength(3);
  });
});
