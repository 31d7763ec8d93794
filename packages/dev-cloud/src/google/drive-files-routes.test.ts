import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FileItem, FolderItem } from "../library/library-types.js";
import { signIn } from "../test-support/google-sign-in.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

interface Listed {
  kind?: string;
  nextPageToken?: string;
  incompleteSearch?: boolean;
  files: Array<Record<string, unknown>>;
}

describe("Drive files.list and files.get", () => {
  let server: TestServer;
  let token: string;
  let music: FolderItem;
  let song: FileItem;
  const audio = new TextEncoder().encode("ID3 pretend audio bytes");

  beforeEach(async () => {
    server = await startTestServer();
    const { library, clock } = server.context;
    const add = (name: string, parentId: string, mimeType: string, bytes = new Uint8Array(3)) => {
      clock.advance(1000);
      return library.addFile({ name, parentId, mimeType, bytes });
    };
    music = library.addFolder({ name: "Music", parentId: library.rootId });
    song = add("b side.mp3", music.id, "audio/mpeg", audio);
    add("A Song.flac", music.id, "audio/flac");
    add("track 10.mp3", music.id, "audio/mpeg");
    add("track 9.mp3", music.id, "audio/mpeg");
    add("notes.txt", music.id, "text/plain");
    add("Don't Stop.mp3", music.id, "audio/mpeg");
    const old = library.addFolder({ name: "Old", parentId: library.rootId });
    add("buried.mp3", old.id, "audio/mpeg");
    library.setTrashed(old.id, true);
    const deleted = add("deleted.mp3", library.rootId, "audio/mpeg");
    library.setTrashed(deleted.id, true);
    add("top.ogg", library.rootId, "audio/ogg");
    ({ accessToken: token } = await signIn(server.url));
  });

  afterEach(async () => {
    await server.close();
  });

  async function call(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${server.url}/google/drive/v3${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${token}`, ...(init.headers as Record<string, string>) },
    });
  }

  async function list(params: Record<string, string>): Promise<Listed> {
    const response = await call(`/files?${new URLSearchParams(params)}`);
    expect(response.status).toBe(200);
    return (await response.json()) as Listed;
  }

  const names = (listed: Listed) => listed.files.map((file) => file.name);

  it("lists everything, trashed included, with the default fields", async () => {
    const listed = await list({});
    expect(listed.kind).toBe("drive#fileList");
    expect(listed.incompleteSearch).toBe(false);
    expect(listed.nextPageToken).toBeUndefined();
    expect(listed.files).toHaveLength(11);
    expect(listed.files[0]).toEqual({
      kind: "drive#file",
      id: music.id,
      name: "Music",
      mimeType: "application/vnd.google-apps.folder",
    });
    expect(names(listed)).toContain("deleted.mp3");
    expect(names(listed)).not.toContain("My Drive");
  });

  it("filters with the documented q and returns the requested fields", async () => {
    const listed = await list({
      q: `mimeType contains 'audio/' and trashed = false and '${music.id}' in parents`,
      fields:
        "nextPageToken,files(id,name,mimeType,size,md5Checksum,modifiedTime,parents,trashed,headRevisionId,version)",
    });
    expect(names(listed)).toEqual([
      "b side.mp3",
      "A Song.flac",
      "track 10.mp3",
      "track 9.mp3",
      "Don't Stop.mp3",
    ]);
    expect(listed.files[0]).toEqual({
      id: song.id,
      name: "b side.mp3",
      mimeType: "audio/mpeg",
      parents: [music.id],
      size: String(audio.byteLength),
      md5Checksum: createHash("md5").update(audio).digest("hex"),
      modifiedTime: new Date(song.modifiedTime).toISOString(),
      trashed: false,
      headRevisionId: expect.stringMatching(/^0B/),
      version: "1",
    });
    expect(listed.files[0]?.modifiedTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(listed.kind).toBeUndefined();
  });

  it("resolves 'root' in parents and hides the children of a trashed folder", async () => {
    const root = await list({
      q: "'root' in parents",
      fields: "files(name,trashed,explicitlyTrashed)",
    });
    expect(root.files).toEqual([
      { name: "Music", trashed: false, explicitlyTrashed: false },
      { name: "Old", trashed: true, explicitlyTrashed: true },
      { name: "deleted.mp3", trashed: true, explicitlyTrashed: true },
      { name: "top.ogg", trashed: false, explicitlyTrashed: false },
    ]);
    const live = await list({ q: "trashed = false and name contains 'buried'" });
    expect(live.files).toEqual([]);
    const all = await list({
      q: "name contains 'buried'",
      fields: "files(trashed,explicitlyTrashed)",
    });
    expect(all.files).toEqual([{ trashed: true, explicitlyTrashed: false }]);
  });

  it("matches an escaped quote and or-groups", async () => {
    expect(names(await list({ q: "name = 'Don\\'t Stop.mp3'" }))).toEqual(["Don't Stop.mp3"]);
    const either = await list({
      q: "(name = 'notes.txt' or mimeType = 'audio/flac') and trashed = false",
    });
    expect(names(either)).toEqual(["A Song.flac", "notes.txt"]);
  });

  it("answers a q it cannot parse with 400 invalid at location q", async () => {
    const response = await call(`/files?${new URLSearchParams({ q: "mimeType contains audio" })}`);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: 400,
        message: "Invalid Value",
        errors: [
          {
            domain: "global",
            reason: "invalid",
            message: "Invalid Value",
            locationType: "parameter",
            location: "q",
          },
        ],
      },
    });
  });

  it("pages deterministically until nextPageToken disappears", async () => {
    const params = {
      q: "mimeType contains 'audio/'",
      pageSize: "3",
      fields: "nextPageToken,files(name)",
    };
    const first = await list(params);
    const again = await list(params);
    expect(first.nextPageToken).toBeDefined();
    expect(again.nextPageToken).toBe(first.nextPageToken);
    const seen = [...names(first)];
    let next = first.nextPageToken;
    let pages = 1;
    while (next !== undefined) {
      const page = await list({ ...params, pageToken: next });
      seen.push(...names(page));
      next = page.nextPageToken;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(8);
    expect(new Set(seen).size).toBe(8);
  });

  it("refuses a page token from another query, a garbage token and out-of-range page sizes", async () => {
    const first = await list({ pageSize: "2" });
    const other = await call(
      `/files?${new URLSearchParams({ pageToken: first.nextPageToken ?? "", q: "trashed = false" })}`,
    );
    expect(other.status).toBe(400);
    const garbage = await call("/files?pageToken=not-a-token");
    const garbageBody = (await garbage.json()) as {
      error: { errors: Array<{ location: string }> };
    };
    expect(garbageBody.error.errors[0]?.location).toBe("pageToken");
    for (const pageSize of ["0", "1001", "ten"]) {
      const response = await call(`/files?pageSize=${pageSize}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { errors: Array<{ location: string }> } };
      expect(body.error.errors[0]?.location).toBe("pageSize");
    }
    expect((await call("/files?pageSize=1000")).status).toBe(200);
  });

  it("orders by name, name_natural, folder and modifiedTime desc", async () => {
    const q = `'${music.id}' in parents and name contains 'track'`;
    expect(names(await list({ q, orderBy: "name" }))).toEqual(["track 10.mp3", "track 9.mp3"]);
    expect(names(await list({ q, orderBy: "name_natural" }))).toEqual([
      "track 9.mp3",
      "track 10.mp3",
    ]);
    const inRoot = await list({ q: "'root' in parents", orderBy: "folder,name desc" });
    expect(names(inRoot)).toEqual(["Old", "Music", "top.ogg", "deleted.mp3"]);
    const newest = await list({
      q: `'${music.id}' in parents`,
      orderBy: "modifiedTime desc",
      pageSize: "2",
    });
    expect(names(newest)).toEqual(["Don't Stop.mp3", "notes.txt"]);
    expect((await call("/files?orderBy=size")).status).toBe(400);
  });

  it("supports files/id, * and refuses unknown fields with invalidParameter", async () => {
    const slash = await list({ q: "name = 'top.ogg'", fields: "files/id,files/name" });
    expect(slash).toEqual({ files: [{ id: expect.any(String), name: "top.ogg" }] });
    const star = await list({ q: "name = 'top.ogg'", fields: "*" });
    expect(star.kind).toBe("drive#fileList");
    expect(star.files[0]).toMatchObject({
      size: "3",
      version: "1",
      spaces: ["drive"],
      fileExtension: "ogg",
    });
    const bad = await call("/files?fields=files(id,colour)");
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { errors: Array<Record<string, string>> } };
    expect(body.error.errors[0]).toMatchObject({ reason: "invalidParameter", location: "fields" });
  });

  it("gets metadata with default and requested fields, and the root alias", async () => {
    const plain = await call(`/files/${song.id}`);
    expect(await plain.json()).toEqual({
      kind: "drive#file",
      id: song.id,
      name: "b side.mp3",
      mimeType: "audio/mpeg",
    });
    const sized = await call(`/files/${song.id}?fields=size,parents`);
    expect(await sized.json()).toEqual({ size: String(audio.byteLength), parents: [music.id] });
    const root = await call("/files/root?fields=id,name,mimeType,parents");
    expect(await root.json()).toEqual({
      id: server.context.library.rootId,
      name: "My Drive",
      mimeType: "application/vnd.google-apps.folder",
    });
  });

  it("answers an unknown id with Drive's notFound", async () => {
    const response = await call("/files/nope123");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        code: 404,
        message: "File not found: nope123.",
        errors: [
          {
            domain: "global",
            reason: "notFound",
            message: "File not found: nope123.",
            locationType: "parameter",
            location: "fileId",
          },
        ],
      },
    });
  });

  it("downloads with alt=media, honouring Range", async () => {
    const full = await call(`/files/${song.id}?alt=media`);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-type")).toBe("audio/mpeg");
    expect(full.headers.get("accept-ranges")).toBe("bytes");
    expect(new Uint8Array(await full.arrayBuffer())).toEqual(audio);
    const part = await call(`/files/${song.id}?alt=media`, { headers: { Range: "bytes=4-8" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 4-8/${audio.byteLength}`);
    expect(new TextDecoder().decode(await part.arrayBuffer())).toBe("prete");
    const beyond = await call(`/files/${song.id}?alt=media`, { headers: { Range: "bytes=999-" } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${audio.byteLength}`);
  });

  it("refuses alt=media on a folder with fileNotDownloadable", async () => {
    const response = await call(`/files/${music.id}?alt=media`);
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { errors: Array<{ reason: string }> } };
    expect(body.error.errors[0]?.reason).toBe("fileNotDownloadable");
  });
});
