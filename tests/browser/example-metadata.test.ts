import { trackKey } from "@player/core-library";
import { type AdminTrackSummary, type DevCloud, startDevCloud } from "@player/dev-cloud";
import type { LibraryApi, Player } from "@player/main-bridge";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ExampleApp, openExampleApp, signInAndSync } from "./fixtures/example-app.js";
import {
  cloudAlbums,
  expectedTrackCount,
  foldersWithImage,
  healthyAlbums,
  lrcLines,
  lyricsTrack,
} from "./fixtures/example-metadata/cloud-facts.js";
import { installRecorder, type Recorder } from "./fixtures/example-metadata/page-recorder.js";

const ACCOUNT = "google:alex";

let cloud: DevCloud;
let app: ExampleApp;
let page: Page;
let adminTracks: AdminTrackSummary[];
const pageErrors: string[] = [];

beforeAll(async () => {
  // The demo's library: it has a two-disc album with covered tracks that have lyrics.
  cloud = await startDevCloud({ port: 0, tracks: 60, seed: 1 });
  adminTracks = (await cloud.admin.library()).tracks;
  app = await openExampleApp(cloud.url, (opened) => {
    opened.on("pageerror", (error) => pageErrors.push(error.message));
  });
  page = app.page;
  await page.evaluate(installRecorder);
  await signInAndSync(page);
});

afterAll(async () => {
  await app?.close();
  await cloud?.close();
});

const recorded = () => page.evaluate(() => (window as unknown as { recorder: Recorder }).recorder);

const keyOf = (track: AdminTrackSummary) => trackKey(ACCOUNT, track.fileId as string);

/** Calls `player.library[method](...args)` in the page. */
function library<M extends keyof LibraryApi>(
  method: M,
  ...args: Parameters<LibraryApi[M]>
): Promise<Awaited<ReturnType<LibraryApi[M]>>> {
  return page.evaluate(
    ([name, list]) => {
      const api = (window as unknown as { player: Player }).player.library;
      return (api[name] as (...values: unknown[]) => Promise<unknown>).apply(api, list);
    },
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<LibraryApi[M]>>>;
}

/** The album id the library gave a cloud track. */
const albumIdOf = async (track: AdminTrackSummary) =>
  (await library("getTrack", keyOf(track)))?.albumId;

describe("the example's metadata panels in headless Chromium", () => {
  it("shows the tag scan's progress until every track's tags are read", async () => {
    const expected = expectedTrackCount(cloud);
    expect(expected).toBe(60);
    await page.waitForSelector(`#scan-status[data-state=idle][data-done="${expected}"]`, {
      timeout: 60_000,
    });
    const status = page.locator("#scan-status");
    expect(await status.getAttribute("data-remaining")).toBe("0");
    expect(await status.getAttribute("data-failed")).toBe("0");
    // Unreadable files keep a warning on their track: the page's count is the library's.
    const { items } = await library("queryTracks", { limit: 1000 });
    const unreadable = items.filter((track) => track.tagWarning !== undefined).length;
    expect(await status.getAttribute("data-unreadable")).toBe(String(unreadable));
    const done = `Tags read for all ${expected} tracks${unreadable === 0 ? "" : ` (${unreadable} unreadable)`}`;
    await page.waitForFunction(
      (text) => (document.getElementById("scan-status") as HTMLOutputElement).value === text,
      done,
    );

    const { progress, scanTexts } = await recorded();
    const scanning = progress.filter((event) => event.state === "scanning");
    expect(scanning.length).toBeGreaterThan(0);
    // While scanning, the line counts up as "Reading tags: done / done + remaining".
    const counting = scanTexts.filter((text) => text.startsWith("Reading tags: "));
    expect(counting.length).toBeGreaterThan(0);
    for (const text of counting) {
      const [read, total] = (/^Reading tags: (\d+) \/ (\d+)/.exec(text) ?? []).slice(1).map(Number);
      expect(read).toBeLessThanOrEqual(total as number);
      expect(total).toBeLessThanOrEqual(expected);
    }
    expect(progress.at(-1)).toEqual({
      state: "idle",
      done: expected,
      remaining: 0,
      unreadable,
      failed: 0,
    });
  });

  it("shows the albums built from the tags as tiles, with covers where the files have one", async () => {
    const albums = await library("listAlbums", { limit: 60 });
    const ids = albums.items.map((album) => album.id);
    expect(ids.length).toBeGreaterThan(3);
    await page.waitForFunction(
      (expectedIds) =>
        [...document.querySelectorAll<HTMLElement>("#albums .album-tile")]
          .map((tile) => tile.dataset.albumId)
          .join("\n") === expectedIds.join("\n"),
      ids,
    );
    const first = albums.items[0];
    const firstTile = page.locator("#albums .album-tile").first();
    expect(await firstTile.locator(".album-title").textContent()).toBe(first?.title);
    expect(await firstTile.locator(".album-artist").textContent()).toBe(first?.artist);
    expect(await firstTile.getAttribute("data-track-count")).toBe(String(first?.trackCount));

    // A two-disc album is one tile holding both discs.
    const twoDiscs = healthyAlbums(adminTracks).find((tracks) =>
      tracks.some((track) => track.discNumber > 1),
    );
    expect(twoDiscs).toBeDefined();
    const twoDiscId = await albumIdOf(twoDiscs?.[0] as AdminTrackSummary);
    const twoDiscTile = page.locator(`#albums .album-tile[data-album-id="${twoDiscId}"]`);
    expect(await twoDiscTile.getAttribute("data-track-count")).toBe(String(twoDiscs?.length));

    // Albums whose pictures can only be the files' own covers (no folder image
    // beside them) and with a covered track: at least one tile decodes its
    // cover. Embedded covers are 250 px; no 256 px variant is made from a
    // smaller picture, so the original comes back.
    const folderImages = foldersWithImage(cloud);
    const covered = adminTracks.filter(
      (track) => track.hasCover && track.fileId !== null && !folderImages.has(track.parentId),
    );
    const coveredTracks = await library("getTracks", covered.map(keyOf));
    const coveredAlbumIds = [...new Set(coveredTracks.map((track) => track?.albumId))].filter(
      (id) => id !== undefined && ids.includes(id),
    );
    expect(coveredAlbumIds.length).toBeGreaterThan(0);
    const width = await page.waitForFunction(
      (albumIds) => {
        for (const id of albumIds) {
          const image = document.querySelector<HTMLImageElement>(
            `#albums .album-tile[data-album-id="${id}"] img.cover`,
          );
          if (image?.complete && !image.hidden && image.naturalWidth > 0) return image.naturalWidth;
        }
        return false;
      },
      coveredAlbumIds,
      { timeout: 20_000 },
    );
    expect(await width.jsonValue()).toBe(250);

    // An album with no picture anywhere (no covered track, no folder image) shows the placeholder.
    const bare = cloudAlbums(adminTracks).find((tracks) =>
      tracks.every((track) => !track.hasCover && !folderImages.has(track.parentId)),
    );
    expect(bare).toBeDefined();
    const bareTile = `#albums .album-tile[data-album-id="${await albumIdOf(bare?.[0] as AdminTrackSummary)}"]`;
    await page.waitForSelector(`${bareTile}[data-artwork=none]`);
    expect(await page.locator(`${bareTile} img.cover`).isHidden()).toBe(true);
    expect(await page.locator(`${bareTile} .placeholder`).isVisible()).toBe(true);
  });

  it("opens an album: its tracks in disc and track order, each with a play button", async () => {
    const { album } = lyricsTrack(adminTracks);
    const albumId = await albumIdOf(album[0] as AdminTrackSummary);
    await page.click(`#albums .album-tile[data-album-id="${albumId}"]`);
    await page.waitForSelector(`#album-detail[data-album-id="${albumId}"][data-state=loaded]`);
    const rows = page.locator("#album-tracks li");
    expect(await rows.evaluateAll((items) => items.map((item) => item.dataset.key))).toEqual(
      album.map(keyOf),
    );
    expect(await rows.locator("button.play").allTextContents()).toEqual(
      album.map((track) => track.title),
    );
    expect(await page.locator("#album-heading").textContent()).toBe(
      `${album[0]?.album} — ${album[0]?.albumArtist} (${album[0]?.year})`,
    );
  });

  it("lists artists with their counts and shows an artist's albums", async () => {
    const { album } = lyricsTrack(adminTracks);
    const albumId = await albumIdOf(album[0] as AdminTrackSummary);
    // There is no getAlbum(id): find the album in the list.
    const albums = await library("listAlbums", { limit: 60 });
    const artistId = albums.items.find((item) => item.id === albumId)?.artistId as string;
    const artists = await library("listArtists", { limit: 100 });
    const artist = artists.items.find((item) => item.id === artistId);
    expect(artist?.name).toBe(album[0]?.albumArtist);
    await page.waitForFunction(
      (count) => document.querySelectorAll("#artists li").length === count,
      artists.items.length,
    );
    const row = page.locator(`#artists li[data-artist-id="${artistId}"]`);
    const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;
    expect(await row.textContent()).toBe(
      `${artist?.name} — ${plural(artist?.albumCount ?? -1, "album")} · ${plural(artist?.trackCount ?? -1, "track")}`,
    );

    await row.locator("button.artist").click();
    await page.waitForSelector(`#artist-albums[data-artist-id="${artistId}"]`);
    const theirs = await library("listAlbums", { artistId, limit: 200 });
    expect(theirs.items.length).toBe(artist?.albumCount);
    expect(
      await page
        .locator("#artist-albums .album-tile")
        .evaluateAll((tiles) => tiles.map((tile) => tile.dataset.albumId)),
    ).toEqual(theirs.items.map((item) => item.id));
    expect(await page.locator("#artist-albums-heading").textContent()).toBe(
      `Albums by ${artist?.name}`,
    );
  });

  it("plays a track with synced lyrics: each line is highlighted in turn, its cover beside the title", async () => {
    const { track } = lyricsTrack(adminTracks);
    const lines = lrcLines(cloud, track);
    expect(lines.map((line) => line.text)).toEqual([
      track.title,
      `by ${track.artist}`,
      `from ${track.album}`,
      `${track.frequencyHz} Hz, track ${track.trackNumber} of ${track.trackCount}`,
    ]);
    await page.click(`#album-tracks li[data-key="${keyOf(track)}"] button.play`);
    // Where the clicked row sits in the window: it stays there unless the page scrolls.
    const row = page.locator(`#album-tracks li[data-key="${keyOf(track)}"]`);
    const rowTop = () => row.evaluate((item) => item.getBoundingClientRect().top);
    const rowTopAfterClick = await rowTop();

    await page.waitForSelector(`#lyrics[data-track-id="${keyOf(track)}"][data-state=synced]`);
    expect(await page.locator("#lyrics li").allTextContents()).toEqual(
      lines.map((line) => line.text),
    );
    const last = lines.length - 1;
    await page.waitForSelector(`#lyrics[data-current-index="${last}"]`, { timeout: 20_000 });
    expect(await page.locator("#lyrics li.current").textContent()).toBe(lines[last]?.text);

    const { lyricsLines, highlighted } = await recorded();
    const events = lyricsLines.filter((event) => event.trackId === keyOf(track));
    const indices = events.map((event) => event.index);
    expect(indices.length).toBeGreaterThanOrEqual(2);
    expect(indices.at(-1)).toBe(last);
    // Strictly increasing: the play position only moves forward.
    for (let i = 1; i < indices.length; i++) {
      expect(indices[i]).toBeGreaterThan(indices[i - 1] as number);
    }
    for (const event of events) {
      expect(event.line).toEqual(lines[event.index]);
      // Entered at or after the line's start.
      expect(Math.round(event.position * 1000)).toBeGreaterThanOrEqual(event.line.timeMs);
    }
    // The box highlighted exactly those lines, each showing the .lrc text of its time.
    const shown = highlighted.filter((entry) => entry.index !== undefined);
    expect(shown.map((entry) => Number(entry.index))).toEqual(indices);
    expect(shown.map((entry) => entry.text)).toEqual(indices.map((index) => lines[index]?.text));
    // The box scrolls itself; the page stays where the click left it (the
    // browser's scroll anchoring absorbs the box growing above the row, to a
    // fraction of a pixel; centring a line in the window would move it by hundreds).
    expect(await rowTop()).toBeCloseTo(rowTopAfterClick, 0);

    // The track's cover, 96 px, next to its title.
    await page.waitForSelector(`#now-cover[data-track-id="${keyOf(track)}"][data-state=shown]`);
    expect(await page.locator("#now-title").textContent()).toBe(track.title);
    expect(
      await page
        .locator("#now-cover img")
        .evaluate((image: HTMLImageElement) => image.naturalWidth),
    ).toBe(96);

    // A track without lyrics (none beside it, none in its tags; remote lookups are off).
    const plain = keyOf(
      healthyAlbums(adminTracks)
        .flat()
        .find((candidate) => !candidate.hasLyrics) as AdminTrackSummary,
    );
    await page.evaluate((key) => (window as unknown as { player: Player }).player.play(key), plain);
    await page.waitForSelector(`#lyrics[data-track-id="${plain}"][data-state=none]`);
    expect(await page.locator("#lyrics").textContent()).toBe("No lyrics");
    expect(await page.locator("#lyrics").getAttribute("data-current-index")).toBeNull();
    expect(pageErrors).toEqual([]);
  });
});
