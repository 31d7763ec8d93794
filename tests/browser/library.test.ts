import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import type { Player } from "@player/main-bridge";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveGoogleSignIn, type ExampleApp, openExampleApp } from "./fixtures/example-app.js";
import { expectedTrackCount as tracksInCloud } from "./fixtures/example-metadata/cloud-facts.js";

let cloud: DevCloud;
let app: ExampleApp;
let page: Page;

beforeAll(async () => {
  cloud = await startDevCloud({ port: 0, tracks: 40, seed: 5 });
  app = await openExampleApp(cloud.url);
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  await cloud?.close();
});

const expectedTrackCount = () => tracksInCloud(cloud);

const withoutAccents = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "");

describe("the example's library after signing in against the local cloud", () => {
  it("fills in with sync progress shown, and the count matches the cloud", async () => {
    await approveGoogleSignIn(page);

    await page.waitForSelector("#sync-status[data-state=done]", { timeout: 30_000 });
    expect(await page.locator("#sync-status").getAttribute("data-progress-seen")).toBe("true");
    expect(await page.locator("#sync-status").textContent()).toMatch(/^Synced google:alex: \+\d+/);

    const expected = expectedTrackCount();
    expect(expected).toBeGreaterThan(30);
    await page.waitForSelector(`#library-counts[data-tracks="${expected}"]`);
    const counts = await page.evaluate(() =>
      (window as unknown as { player: Player }).player.library.counts(),
    );
    expect(counts.tracks).toBe(expected);
    await page.waitForFunction(
      (rows) => document.querySelectorAll("#tracks tbody tr").length === rows,
      Math.min(50, expected),
    );
    const titles = await page.locator("#tracks tbody tr td:first-child").allTextContents();
    expect(titles).toEqual(
      [...titles].sort((a, b) => a.localeCompare(b, "en", { sensitivity: "base" })),
    );
  });

  it("searches as you type, ignoring accents", async () => {
    const { tracks } = await cloud.admin.library();
    const track = tracks.find((t) => /[^\x20-\x7e]/.test(t.title)) ?? tracks[0];
    if (track === undefined) throw new Error("the cloud has no tracks");
    // Every word typed, the accented one without its accent: words may be incomplete.
    const prefix = withoutAccents(track.title).toLowerCase();
    await page.click("#search");
    await page.keyboard.type(prefix, { delay: 30 });
    await page.waitForFunction(
      (query) => document.querySelector("#search-results")?.getAttribute("data-query") === query,
      prefix,
    );
    const results = await page.locator("#search-results li").allTextContents();
    expect(results.length).toBeGreaterThan(0);
    // Files-first titles match the cloud's: loose "Artist - Title" files are split too.
    expect(results.some((line) => line.startsWith(`${track.title} — `))).toBe(true);
  });

  it("creates a playlist, adds a track from the table, and lists the entry", async () => {
    await page.fill("#playlist-name", "Road trip");
    await page.click("#create-playlist");
    await page.waitForSelector("#playlists[data-count='1']");
    expect(await page.locator("#playlists option").allTextContents()).toEqual(["Road trip"]);

    const first = page.locator("#tracks tbody tr").first();
    const key = await first.getAttribute("data-key");
    const title = await first.locator("td").first().textContent();
    await first.locator("button.add-to-playlist").click();
    await page.waitForSelector("#playlist-entries[data-count='1']");
    expect(await page.locator("#playlist-entries li").getAttribute("data-key")).toBe(key);
    expect(await page.locator("#playlist-entries li").textContent()).toContain(title ?? "?");

    // A search result can be added too.
    await page.locator("#search-results li button.add-to-playlist").first().click();
    await page.waitForSelector("#playlist-entries[data-count='2']");
  });
});
