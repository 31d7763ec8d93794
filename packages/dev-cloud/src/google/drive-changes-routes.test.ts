import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signIn } from "../test-support/google-sign-in.js";
import { startTestServer, type TestServer } from "../test-support/test-server.js";

interface ChangeList {
  kind?: string;
  nextPageToken?: string;
  newStartPageToken?: string;
  changes: Array<Record<string, unknown>>;
}

describe("Drive changes", () => {
  let server: TestServer;
  let token: string;

  beforeEach(async () => {
    server = await startTestServer();
    ({ accessToken: token } = await signIn(server.url));
  });

  afterEach(async () => {
    await server.close();
  });

  async function call(path: string): Promise<Response> {
    return fetch(`${server.url}/google/drive/v3${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  }

  async function changes(params: Record<string, string>): Promise<ChangeList> {
    const response = await call(`/changes?${new URLSearchParams(params)}`);
    expect(response.status).toBe(200);
    return (await response.json()) as ChangeList;
  }

  async function startToken(): Promise<string> {
    const response = await call("/changes/startPageToken");
    const body = (await response.json()) as { startPageToken: string };
    return body.startPageToken;
  }

  it("gives the next change number as the start page token", async () => {
    const { library } = server.context;
    library.addFolder({ name: "A", parentId: library.rootId });
    library.addFolder({ name: "B", parentId: library.rootId });
    const response = await call("/changes/startPageToken");
    expect(await response.json()).toEqual({ kind: "drive#startPageToken", startPageToken: "3" });
  });

  it("reports the latest change of each item since the token", async () => {
    const { library, clock } = server.context;
    const keep = library.addFile({
      name: "keep.mp3",
      parentId: library.rootId,
      bytes: new Uint8Array(2),
    });
    const start = await startToken();
    clock.advance(5000);
    const added = library.addFile({
      name: "new.mp3",
      parentId: library.rootId,
      mimeType: "application/octet-stream",
      bytes: new Uint8Array(1),
    });
    library.rename(added.id, "renamed.mp3");
    library.setTrashed(keep.id, true);
    const gone = library.addFile({
      name: "gone.mp3",
      parentId: library.rootId,
      bytes: new Uint8Array(1),
    });
    library.remove(gone.id);

    const listed = await changes({ pageToken: start, fields: "*" });
    expect(listed.kind).toBe("drive#changeList");
    expect(listed.nextPageToken).toBeUndefined();
    expect(listed.newStartPageToken).toBe(String(library.changeSeq + 1));
    expect(listed.changes.map((change) => [change.fileId, change.removed])).toEqual([
      [added.id, false],
      [keep.id, false],
      [gone.id, true],
    ]);
    expect(listed.changes[0]).toMatchObject({
      kind: "drive#change",
      changeType: "file",
      time: new Date(clock.now()).toISOString(),
      file: { id: added.id, name: "renamed.mp3", mimeType: "application/octet-stream" },
    });
    expect(listed.changes[1]?.file).toMatchObject({ trashed: true });
    expect(listed.changes[2]).not.toHaveProperty("file");

    const caughtUp = await changes({ pageToken: listed.newStartPageToken ?? "" });
    expect(caughtUp.changes).toEqual([]);
    expect(caughtUp.newStartPageToken).toBe(listed.newStartPageToken);
  });

  it("uses the default file fields when fields is absent", async () => {
    const { library } = server.context;
    const file = library.addFile({
      name: "x.mp3",
      parentId: library.rootId,
      mimeType: "audio/mpeg",
      bytes: new Uint8Array(1),
    });
    const listed = await changes({ pageToken: "1" });
    expect(listed.changes[0]?.file).toEqual({
      kind: "drive#file",
      id: file.id,
      name: "x.mp3",
      mimeType: "audio/mpeg",
    });
  });

  it("pages with nextPageToken and ends with newStartPageToken", async () => {
    const { library } = server.context;
    const [f1, f2, , , f5] = Array.from(
      { length: 5 },
      (_, i) => library.addFolder({ name: `F${i}`, parentId: library.rootId }).id,
    );
    const first = await changes({
      pageToken: "1",
      pageSize: "2",
      fields: "nextPageToken,newStartPageToken,changes(fileId)",
    });
    expect(first.changes).toEqual([{ fileId: f1 }, { fileId: f2 }]);
    expect(first.nextPageToken).toBe("3");
    expect(first.newStartPageToken).toBeUndefined();
    const second = await changes({ pageToken: first.nextPageToken ?? "", pageSize: "2" });
    const third = await changes({ pageToken: second.nextPageToken ?? "", pageSize: "2" });
    expect(third.changes.map((change) => change.fileId)).toEqual([f5]);
    expect(third.nextPageToken).toBeUndefined();
    expect(third.newStartPageToken).toBe("6");
  });

  it("leaves removals out with includeRemoved=false", async () => {
    const { library } = server.context;
    const gone = library.addFolder({ name: "gone", parentId: library.rootId });
    const stays = library.addFolder({ name: "stays", parentId: library.rootId });
    library.remove(gone.id);
    const listed = await changes({
      pageToken: "1",
      includeRemoved: "false",
      fields: "changes(fileId)",
    });
    expect(listed.changes).toEqual([{ fileId: stays.id }]);
  });

  it("requires pageToken and refuses tokens this drive never issued", async () => {
    const missing = await call("/changes");
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({
      error: {
        code: 400,
        message: "Required parameter: pageToken",
        errors: [
          {
            domain: "global",
            reason: "required",
            message: "Required parameter: pageToken",
            locationType: "parameter",
            location: "pageToken",
          },
        ],
      },
    });
    for (const bad of ["0", "abc", "99"]) {
      expect((await call(`/changes?pageToken=${bad}`)).status).toBe(400);
    }
  });
});
