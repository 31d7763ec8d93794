import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { graphGet, signIn, TEST_USERS } from "../test-support/microsoft-sign-in.js";
import { type SeededIds, startSeededDrive } from "../test-support/seeded-drive.js";
import type { TestServer } from "../test-support/test-server.js";
import { DELTA_TOKEN_RETENTION_MS } from "./delta-cursor.js";

type DeltaEntry = Record<string, unknown> & { id: string };
interface DeltaPage {
  value: DeltaEntry[];
  "@odata.nextLink"?: string;
  "@odata.deltaLink"?: string;
}

describe("Graph delta", () => {
  let server: TestServer;
  let ids: SeededIds;
  let token: string;

  beforeEach(async () => {
    ({ server, ids } = await startSeededDrive(TEST_USERS));
    token = (await signIn(server.url)).access_token;
  });

  afterEach(async () => {
    await server.close();
  });

  const get = (path: string) => graphGet(server.url, path, token);

  /** Follows nextLinks to the deltaLink; returns every entry and the page count. */
  async function round(
    start: string,
  ): Promise<{ entries: DeltaEntry[]; deltaLink: string; pages: number }> {
    const entries: DeltaEntry[] = [];
    let link = start;
    for (let pages = 1; ; pages++) {
      const response = await get(link);
      expect(response.status).toBe(200);
      const page = (await response.json()) as DeltaPage;
      entries.push(...page.value);
      if (page["@odata.deltaLink"] !== undefined) {
        expect(page["@odata.nextLink"]).toBeUndefined();
        return { entries, deltaLink: page["@odata.deltaLink"], pages };
      }
      link = page["@odata.nextLink"] ?? "";
      expect(link).toMatch(
        new RegExp(`^${server.url}/graph/v1.0/me/drive/root/delta\\?\\$top=3&token=`),
      );
    }
  }

  it("enumerates the whole visible drive in pages, then gives a deltaLink", async () => {
    const { entries, deltaLink, pages } = await round("/me/drive/root/delta?$top=3");
    expect(pages).toBe(3);
    expect(entries.map((entry) => entry.name)).toEqual([
      "root",
      "Music",
      "a.mp3",
      "b.mp3",
      "broken.flac",
      "Empty",
      "notes.txt",
    ]);
    expect(deltaLink).toMatch(
      new RegExp(`^${server.url}/graph/v1.0/me/drive/root/delta\\?\\$top=3&token=[\\w-]+$`),
    );
    for (const entry of entries) {
      expect(entry).not.toHaveProperty("deleted");
      expect((entry.parentReference as Record<string, unknown>).path).toBeUndefined();
    }
  });

  it("reports changed, added and deleted items since a deltaLink, once each", async () => {
    const { deltaLink } = await round("/me/drive/root/delta?$top=3");
    const library = server.context.library;
    library.rename(ids.songA, "a (remastered).mp3");
    library.rename(ids.songA, "a (2024).mp3"); // the same item again: one entry, the last state
    library.modify(ids.notes, new TextEncoder().encode("changed"));
    library.setTrashed(ids.songB, true);
    library.remove(ids.empty);
    const added = library.addFile({
      name: "new.mp3",
      parentId: ids.music,
      mimeType: "audio/mpeg",
      bytes: new Uint8Array(8),
    });

    const { entries } = await round(deltaLink);
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    expect(entries).toHaveLength(5);
    expect(byId.get(ids.songA)).toMatchObject({ name: "a (2024).mp3", audio: { title: "Alpha" } });
    expect(byId.get(ids.notes)).toMatchObject({ size: 7 });
    expect(byId.get(added.id)).toMatchObject({ name: "new.mp3", file: { mimeType: "audio/mpeg" } });
    expect(byId.get(ids.songB)).toEqual({
      id: ids.songB,
      name: "b.mp3",
      deleted: {},
      parentReference: expect.objectContaining({ id: ids.music, driveType: "personal" }),
    });
    expect(byId.get(ids.empty)).toEqual({
      id: ids.empty,
      deleted: {},
      parentReference: expect.objectContaining({ driveType: "personal" }),
    });
  });

  it("gives an empty page and a deltaLink for token=latest, which then sees later changes", async () => {
    const response = await get("/me/drive/root/delta?token=latest");
    const page = (await response.json()) as DeltaPage;
    expect(page.value).toEqual([]);
    expect(page["@odata.nextLink"]).toBeUndefined();
    const deltaLink = page["@odata.deltaLink"] ?? "";
    expect(deltaLink).toMatch(/token=/);
    expect((await round(deltaLink)).entries).toEqual([]);

    server.context.library.rename(ids.notes, "notes-2.txt");
    const { entries } = await round(deltaLink);
    expect(entries.map((entry) => [entry.id, entry.name])).toEqual([[ids.notes, "notes-2.txt"]]);
  });

  it("pages changes and leaves changes made mid-round to the next round", async () => {
    const latest = ((await (await get("/me/drive/root/delta?token=latest")).json()) as DeltaPage)[
      "@odata.deltaLink"
    ];
    server.context.library.rename(ids.songA, "1.mp3");
    server.context.library.rename(ids.songB, "2.mp3");
    const first = (await (await get(`${latest}&$top=1`)).json()) as DeltaPage;
    expect(first.value.map((entry) => entry.name)).toEqual(["1.mp3"]);
    server.context.library.rename(ids.songA, "1-again.mp3"); // after the round started
    const second = (await (await get(first["@odata.nextLink"] ?? "")).json()) as DeltaPage;
    expect(second.value.map((entry) => entry.name)).toEqual(["2.mp3"]);
    const next = await round(second["@odata.deltaLink"] ?? "");
    expect(next.entries.map((entry) => entry.name)).toEqual(["1-again.mp3"]);
  });

  it("answers 410 resyncRequired with a fresh enumeration Location for a malformed token", async () => {
    const response = await get("/me/drive/root/delta?token=stale");
    expect(response.status).toBe(410);
    expect(response.headers.get("location")).toBe(`${server.url}/graph/v1.0/me/drive/root/delta`);
    const body = (await response.json()) as {
      error: { code: string; innerError: { code: string } };
    };
    expect(body.error.code).toBe("resyncRequired");
    expect(body.error.innerError.code).toBe("resyncChangesApplyDifferences");
  });

  it("answers 410 for a deltaLink older than the retention window", async () => {
    const { deltaLink } = await round("/me/drive/root/delta?$top=3");
    server.context.clock.advance(DELTA_TOKEN_RETENTION_MS - 1_000);
    token = (await signIn(server.url)).access_token; // the first token has long expired
    expect((await get(deltaLink)).status).toBe(200);
    server.context.clock.advance(2_000);
    expect((await get(deltaLink)).status).toBe(410);
  });
});
