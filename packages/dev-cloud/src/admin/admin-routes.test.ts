import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FileItem } from "../library/library-types.js";
import { type DevCloud, startDevCloud } from "../server.js";
import { DevCloudAdminError } from "./admin-client.js";

const START = Date.UTC(2024, 4, 1, 10);

async function adminError(promise: Promise<unknown>): Promise<DevCloudAdminError> {
  try {
    await promise;
  } catch (error) {
    if (DevCloudAdminError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("Expected the admin call to fail.");
}

describe("admin API", () => {
  let cloud: DevCloud;

  beforeAll(async () => {
    cloud = await startDevCloud({ tracks: 24, seed: 9, now: START });
  });
  afterAll(() => cloud.close());

  it("summarises the library: every track's facts with its file id and path", async () => {
    const summary = await cloud.admin.library();
    const { library } = cloud.context;
    expect(summary.rootId).toBe(library.rootId);
    expect(summary.now).toBe(START);
    expect(summary.tracks).toHaveLength(24);
    expect(summary.counts.tracks).toBe(24);
    expect(summary.counts.files + summary.counts.folders).toBe(library.all().length);
    for (const track of summary.tracks) {
      const facts = library.tracks()[track.index];
      expect(track).toMatchObject({ title: facts?.title, musicBrainz: facts?.musicBrainz });
      const file = track.fileId === null ? undefined : library.get(track.fileId);
      expect(file?.kind).toBe("file");
      expect(track.path?.endsWith(`/${file?.name}`)).toBe(true);
      expect(track.path?.startsWith("/Music/")).toBe(true);
      expect(track.lyricsFileId !== null).toBe(track.hasLyrics);
    }
  });

  it("adds a file that the library store holds with the bytes sent", async () => {
    const { rootId } = await cloud.admin.library();
    const bytes = new Uint8Array([0, 1, 2, 250, 251, 252, 253, 254, 255]);
    const before = cloud.context.library.changeSeq;
    const added = await cloud.admin.addFile({
      name: "extra.bin",
      parentId: rootId,
      mimeType: "application/octet-stream",
      content: bytes,
    });
    expect(added).toMatchObject({
      kind: "file",
      name: "extra.bin",
      parentId: rootId,
      path: "/extra.bin",
      size: 9,
      version: 1,
      mimeType: "application/octet-stream",
    });
    const stored = cloud.context.library.get(added.id) as FileItem;
    expect(cloud.context.library.bytes(stored)).toEqual(bytes);
    expect(cloud.context.library.changeSeq).toBeGreaterThan(before);
  });

  it("renames, moves, replaces content and trashes through PATCH", async () => {
    const summary = await cloud.admin.library();
    const track = summary.tracks[0];
    const other = summary.tracks.find((candidate) => candidate.parentId !== track?.parentId);
    if (track?.fileId == null || other?.parentId == null) throw new Error("Unexpected library.");

    const renamed = await cloud.admin.updateFile(track.fileId, {
      name: "renamed.txt",
      parentId: other.parentId,
      content: "new text",
      trashed: true,
    });
    expect(renamed).toMatchObject({ name: "renamed.txt", parentId: other.parentId, trashed: true });
    const stored = cloud.context.library.get(track.fileId) as FileItem;
    expect(new TextDecoder().decode(cloud.context.library.bytes(stored))).toBe("new text");
    expect(stored.version).toBeGreaterThan(1);
    // Its content is no longer the track's, so the summary no longer points at it.
    const after = await cloud.admin.library();
    expect(after.tracks[0]?.fileId).toBeNull();
  });

  it("deletes a file for good and answers 404 for unknown ids", async () => {
    const { tracks } = await cloud.admin.library();
    const id = tracks[1]?.fileId;
    if (id == null) throw new Error("Unexpected library.");
    await cloud.admin.deleteFile(id);
    expect(cloud.context.library.get(id)).toBeUndefined();
    const missing = await adminError(cloud.admin.deleteFile(id));
    expect(missing).toMatchObject({ status: 404, code: "not_found" });
    expect((await adminError(cloud.admin.updateFile("nope", { name: "x" }))).status).toBe(404);
  });

  it("takes a file of several megabytes", async () => {
    const { rootId } = await cloud.admin.library();
    const content = new Uint8Array(6 * 1024 * 1024).map((_, i) => (i * 31) % 251);
    const added = await cloud.admin.addFile({ name: "big.wav", parentId: rootId, content });
    const item = cloud.context.library.get(added.id);
    if (item?.kind !== "file") throw new Error("not stored");
    expect(
      Buffer.compare(Buffer.from(cloud.context.library.bytes(item)), Buffer.from(content)),
    ).toBe(0);
  });

  it("answers 400 naming the invalid field", async () => {
    const { rootId, tracks } = await cloud.admin.library();
    const fileId = tracks[2]?.fileId ?? "";
    const post = (body: unknown) =>
      fetch(`${cloud.url}/__admin/files`, { method: "POST", body: JSON.stringify(body) });
    const cases: [Response, string][] = [
      [await post({ parentId: rootId, base64: "" }), "name"],
      [await post({ name: "a", parentId: rootId, base64: "not base64!" }), "base64"],
      [await post({ name: "a", parentId: rootId, base64: "YWI" }), "base64"],
      [await post({ name: "a", parentId: fileId, base64: "" }), "parentId"],
      [await post({ name: "a", parentId: "missing", base64: "" }), "parentId"],
      [await post({ name: "a", parentId: rootId, base64: "", colour: "red" }), "colour"],
      [await fetch(`${cloud.url}/__admin/files`, { method: "POST", body: "{" }), "body"],
      [
        await fetch(`${cloud.url}/__admin/files/${fileId}`, {
          method: "PATCH",
          body: JSON.stringify({ trashed: "yes" }),
        }),
        "trashed",
      ],
      [
        await fetch(`${cloud.url}/__admin/files/${fileId}`, {
          method: "PATCH",
          body: JSON.stringify({ name: "a/b" }),
        }),
        "name",
      ],
      [await fetch(`${cloud.url}/__admin/requests?since=-1`), "since"],
      [
        await fetch(`${cloud.url}/__admin/clock`, {
          method: "POST",
          body: JSON.stringify({ advanceMs: -5 }),
        }),
        "advanceMs",
      ],
      [
        await fetch(`${cloud.url}/__admin/faults`, {
          method: "PUT",
          body: JSON.stringify({ rules: [{ route: "/x", kind: "status", probability: 7 }] }),
        }),
        "rules[0].probability",
      ],
    ];
    for (const [response, field] of cases) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_request", field } });
    }
  });

  it("refuses to change the root folder", async () => {
    const { rootId } = await cloud.admin.library();
    const error = await adminError(cloud.admin.updateFile(rootId, { name: "x" }));
    expect(error).toMatchObject({ status: 400, field: "id" });
  });

  it("advances the server clock", async () => {
    const before = cloud.context.clock.now();
    expect(await cloud.admin.now()).toBe(before);
    expect(await cloud.admin.advanceClock(90_000)).toBe(before + 90_000);
    expect(cloud.context.clock.now()).toBe(before + 90_000);
  });

  it("sets, reports and clears fault rules", async () => {
    const set = await cloud.admin.setFaults(
      [{ id: "slow", route: "/graph", kind: "latency", probability: 0.5, latencyMs: 10 }],
      { seed: 77 },
    );
    expect(set).toEqual({
      seed: 77,
      rules: [
        {
          id: "slow",
          route: "/graph",
          kind: "latency",
          probability: 0.5,
          latencyMs: 10,
          applied: 0,
        },
      ],
      accessTokenLifetimeMs: {},
    });
    expect(await cloud.admin.faults()).toEqual(set);
    await cloud.admin.clearFaults();
    expect((await cloud.admin.faults()).rules).toEqual([]);
  });
});
