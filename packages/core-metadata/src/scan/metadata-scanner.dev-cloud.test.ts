import type { Track } from "@player/core-library";
import type { MetadataProgressData } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, describe, expect, it } from "vitest";
import { readTags } from "../tags/read-tags.js";
import { type SyncedLibrary, syncedLibrary } from "../test-support/synced-library.js";
import { MetadataScanner, type MetadataScannerOptions } from "./metadata-scanner.js";

let cloud: DevCloud | undefined;
afterEach(async () => {
  await cloud?.close();
  cloud = undefined;
});

function scannerFor(
  synced: SyncedLibrary,
  extra: Partial<MetadataScannerOptions> = {},
): { scanner: MetadataScanner; reads: string[]; progress: MetadataProgressData[] } {
  const reads: string[] = [];
  const progress: MetadataProgressData[] = [];
  synced.bus.on("metadata:progress", (data) => progress.push(data));
  const scanner = new MetadataScanner({
    bus: synced.bus,
    library: synced.library,
    accountIds: () => [synced.accountId],
    storageFor: () => synced.drive,
    read: (storage, remoteId, options) => {
      reads.push(remoteId);
      return readTags(storage, remoteId, options);
    },
    ...extra,
  });
  return { scanner, reads, progress };
}

async function allTracks(synced: SyncedLibrary): Promise<Track[]> {
  return (await synced.library.queryTracks({ limit: 1000 })).items;
}

describe("MetadataScanner against the dev-cloud", () => {
  it("fills in every track's tags from its file; broken files keep their file-name fields with a warning", async () => {
    cloud = await startDevCloud({ tracks: 40, seed: 5 });
    const synced = await syncedLibrary(cloud, "google");
    const { scanner, progress } = scannerFor(synced);
    scanner.start();
    await scanner.whenIdle();

    const truth = (await cloud.admin.library()).tracks;
    const tracks = await allTracks(synced);
    expect(tracks).toHaveLength(truth.length);
    for (const fact of truth) {
      const track = tracks.find((candidate) => candidate.remoteId === fact.fileId);
      if (track === undefined) throw new Error(`track ${fact.title} not synced`);
      expect(track.needsTags).toBe(false);
      if (fact.broken === "not-audio") {
        expect(track.tagSource).toBe("file-name");
        expect(track.tagWarning).toMatch(/tags could not be read/);
        continue;
      }
      if (fact.broken !== undefined) continue;
      expect(track).toMatchObject({
        title: fact.title,
        artist: fact.artist,
        album: fact.album,
        albumArtist: fact.albumArtist,
        trackNumber: fact.trackNumber,
        discNumber: fact.discNumber,
        year: fact.year,
        genre: fact.genre,
        tagSource: "file",
      });
      expect(track.details?.discCount).toBe(fact.discCount);
      expect(Math.abs((track.durationMs ?? 0) - fact.durationMs)).toBeLessThan(100);
    }
    const last = progress.at(-1);
    expect(last).toMatchObject({ state: "idle", remaining: 0, failed: 0, done: truth.length });
    expect(last?.unreadable).toBe(truth.filter((fact) => fact.broken === "not-audio").length);
    expect(progress[0]?.state).toBe("scanning");
    expect(progress[0]?.remaining).toBe(truth.length);
    scanner.dispose();
  });

  it("starts no read while an account's sync runs, and reads everything once it ends", async () => {
    cloud = await startDevCloud({ tracks: 12, seed: 8 });
    const synced = await syncedLibrary(cloud, "google");
    const { scanner, reads } = scannerFor(synced);
    const sync = { accountId: synced.accountId, provider: "google" as const };
    scanner.start();
    synced.bus.emit("sync:start", { ...sync, phase: "incremental", resumed: false });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(reads).toEqual([]);
    synced.bus.emit("sync:end", {
      ...sync,
      outcome: "completed",
      added: 0,
      updated: 0,
      removed: 0,
      needsTags: 0,
      fullListing: false,
      durationMs: 1,
    });
    await scanner.whenIdle();
    expect(reads).toHaveLength((await allTracks(synced)).length);
    scanner.dispose();
  });

  it("reads the tracks the page asks for first", async () => {
    cloud = await startDevCloud({ tracks: 30, seed: 6 });
    const synced = await syncedLibrary(cloud, "google");
    const pending = await synced.library.tracksNeedingTags(synced.accountId, 1000);
    const wanted = pending.slice(-3);
    const { scanner, reads } = scannerFor(synced, { concurrency: 1 });
    scanner.start();
    scanner.prioritize(wanted.map((track) => track.key));
    await scanner.whenIdle();
    expect(reads).toHaveLength(pending.length);
    // The first read may have started before the request; the wanted ones come right after.
    const positions = wanted.map((track) => reads.indexOf(track.remoteId));
    for (const position of positions) expect(position).toBeLessThanOrEqual(3);
    scanner.dispose();
  });

  it("resumes after a restart without reading a file twice, and re-reads a file whose bytes changed", async () => {
    cloud = await startDevCloud({ tracks: 24, seed: 7 });
    const indexedDB = new IDBFactory();
    const first = await syncedLibrary(cloud, "google", indexedDB);
    const total = (await allTracks(first)).length;
    const before = scannerFor(first, {
      concurrency: 2,
      batchSize: 5,
      // Slow reads, so the "restart" comes mid-scan.
      read: async (storage, remoteId, options) => {
        await new Promise((resolve) => setTimeout(resolve, 40));
        return readTags(storage, remoteId, options);
      },
    });
    before.scanner.start();
    // Stop once some results are stored.
    await new Promise<void>((resolve) => {
      first.bus.on("metadata:progress", (data) => {
        if (data.done >= 5) resolve();
      });
    });
    before.scanner.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const stored = total - (await first.library.countTracksNeedingTags(first.accountId));
    expect(stored).toBeGreaterThanOrEqual(5);
    expect(stored).toBeLessThan(total);
    first.library.destroy();

    // "Restart": a new library on the same database, a new scanner.
    const second = await syncedLibrary(cloud, "google", indexedDB);
    const after = scannerFor(second);
    after.scanner.start();
    await after.scanner.whenIdle();
    expect(new Set(after.reads).size).toBe(after.reads.length);
    expect(after.reads.length).toBe(total - stored);
    expect(await second.library.countTracksNeedingTags(second.accountId)).toBe(0);

    // A file changes in the cloud: sync marks it, the scan reads it again.
    const truth = (await cloud.admin.library()).tracks;
    const source = truth.find((fact) => fact.broken === undefined && fact.format === "mp3");
    const target = truth.find(
      (fact) => fact.fileId !== source?.fileId && fact.broken === undefined,
    );
    if (source?.fileId == null || target?.fileId == null) throw new Error("library too small");
    const item = cloud.context.library.get(source.fileId);
    if (item?.kind !== "file") throw new Error("source file missing");
    const bytes = cloud.context.library.bytes(item);
    await cloud.admin.updateFile(target.fileId, { content: bytes });
    const readsBefore = after.reads.length;
    // The sync's change event starts a pass; wait for that pass to end.
    const rescanned = new Promise<void>((resolve) => {
      second.bus.on("metadata:progress", (data) => {
        if (data.state === "idle" && data.done > total - stored) resolve();
      });
    });
    await second.sync();
    await rescanned;
    expect(after.reads.slice(readsBefore)).toEqual([target.fileId]);
    const changed = (await allTracks(second)).find((track) => track.remoteId === target.fileId);
    // The new bytes are an MP3, whatever the file name says: the bytes decide.
    expect(changed).toMatchObject({ title: source.title, album: source.album, needsTags: false });
    after.scanner.dispose();
  });
});
