import { HttpClient } from "@player/core-runtime";
import { type DevCloud, startDevCloud } from "@player/dev-cloud";
import { afterEach, describe, expect, it } from "vitest";
import { parseLrc } from "../lyrics/lrc-parser.js";
import { lazyRemoteEnrichment } from "../remote/lazy-remote-enrichment.js";
import { readEmbeddedPicture } from "../tags/read-embedded-picture.js";
import { type SyncedLibrary, syncedLibrary } from "../test-support/synced-library.js";
import { MetadataService, type RemoteEnrichment } from "./metadata-service.js";

let cloud: DevCloud | undefined;
const services: MetadataService[] = [];
afterEach(async () => {
  for (const service of services.splice(0)) service.dispose();
  await cloud?.close();
  cloud = undefined;
});

function serviceFor(synced: SyncedLibrary, remote?: RemoteEnrichment): MetadataService {
  const service = new MetadataService({
    bus: synced.bus,
    library: synced.library,
    accountIds: () => [synced.accountId],
    storageFor: () => synced.drive,
    readEmbeddedPicture,
    ...(remote === undefined ? {} : { remote }),
  });
  services.push(service);
  return service;
}

function remoteFor(devCloud: DevCloud): RemoteEnrichment {
  // As the worker builds it: options checked now, the clients loaded on first use.
  return lazyRemoteEnrichment(new HttpClient(), {
    userAgent: "PlayerTests/1.0 ( https://player.test )",
    musicBrainzUrl: `${devCloud.url}/musicbrainz/ws/2`,
    coverArtUrl: `${devCloud.url}/coverartarchive`,
    lrclibUrl: `${devCloud.url}/lrclib/api`,
  });
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const bytesOf = async (blob: Blob | undefined) =>
  blob === undefined ? undefined : new Uint8Array(await blob.arrayBuffer());

async function trackOf(synced: SyncedLibrary, remoteId: string | null) {
  const page = await synced.library.queryTracks({ limit: 1000 });
  const track = page.items.find((item) => item.remoteId === remoteId);
  if (track === undefined) throw new Error(`no track for ${String(remoteId)}`);
  return track;
}

describe("artwork through MetadataService", () => {
  it("takes the embedded picture first, a folder.jpg next, and stores each distinct image once", async () => {
    cloud = await startDevCloud({ tracks: 40, seed: 21 });
    const truth = (await cloud.admin.library()).tracks.filter(
      (track) => track.broken === undefined,
    );
    // A track without a picture, copied into a folder of its own with a Cover.JPG beside it.
    const coveredAlbums = new Set(truth.filter((fact) => fact.hasCover).map((fact) => fact.album));
    const source = truth.find((fact) => !fact.hasCover && !coveredAlbums.has(fact.album));
    const sourceItem = cloud.context.library.get(source?.fileId ?? "");
    const folderJpeg = cloud.context.library.all().find((entry) => entry.name === "folder.jpg");
    if (source?.path == null || sourceItem?.kind !== "file" || folderJpeg?.kind !== "file") {
      throw new Error("library lacks the case");
    }
    const folder = cloud.context.library.addFolder({
      name: "Bare copy",
      parentId: sourceItem.parentId,
    });
    const copy = await cloud.admin.addFile({
      name: `01 Copy${source.path.slice(source.path.lastIndexOf("."))}`,
      parentId: folder.id,
      content: cloud.context.library.bytes(sourceItem),
    });
    const coverBytes = cloud.context.library.bytes(folderJpeg);
    await cloud.admin.addFile({ name: "Cover.JPG", parentId: folder.id, content: coverBytes });
    const synced = await syncedLibrary(cloud, "google");
    const service = serviceFor(synced);
    service.start();
    await service.whenScanIdle();
    const bare = await trackOf(synced, copy.id);

    const embedded = truth.find((track) => track.hasCover && track.album !== source.album);
    if (embedded === undefined) throw new Error("no track with a cover");
    const track = await trackOf(synced, embedded.fileId);
    const original = await bytesOf(await service.getArtwork(track.key, 4096));
    const picture = await readEmbeddedPicture(synced.drive, track.remoteId);
    expect(original).toEqual(picture?.data);
    const link = await synced.library.artwork.getLink(`album:${track.albumId}`);
    expect(link?.source).toBe("embedded");

    // Every track of the album shows that one stored image.
    const albumTracks = (await synced.library.queryTracks({ filter: { albumId: track.albumId } }))
      .items;
    for (const other of albumTracks) {
      expect(await bytesOf(await service.getArtwork(other.key, 4096))).toEqual(original);
    }
    const images = await synced.library.database.artworkImages.count();

    // An album whose files carry no picture: the Cover.JPG beside its track.
    const blob = await service.getArtwork(bare.key, 4096);
    expect(blob?.type).toBe("image/jpeg");
    expect(await bytesOf(blob)).toEqual(coverBytes);
    expect((await synced.library.artwork.getLink(`album:${bare.albumId}`))?.source).toBe("folder");
    expect(await synced.library.database.artworkImages.count()).toBe(images + 1);
  });

  it("looks an album up again once the scan has found a track of it with a picture", async () => {
    cloud = await startDevCloud({ tracks: 30, seed: 25 });
    const synced = await syncedLibrary(cloud, "google");
    const service = serviceFor(synced);
    service.start();
    await service.whenScanIdle();
    const truth = (await cloud.admin.library()).tracks.filter((fact) => fact.broken === undefined);
    const covered = await trackOf(synced, truth.find((fact) => fact.hasCover)?.fileId ?? null);
    expect(covered.details?.hasPicture).toBe(true);
    // An earlier lookup (say, before the scan knew of the picture) found nothing.
    await synced.library.artwork.link(`album:${covered.albumId}`, { checkedAt: 1 });
    const blob = await service.getAlbumArtwork(covered.albumId, 256);
    expect(blob?.type).toBe("image/png");
    expect((await synced.library.artwork.getLink(`album:${covered.albumId}`))?.source).toBe(
      "embedded",
    );
  });

  it("drops the pictures of albums that are gone once the scan is idle again", async () => {
    cloud = await startDevCloud({ tracks: 30, seed: 26 });
    const synced = await syncedLibrary(cloud, "google");
    const service = serviceFor(synced);
    service.start();
    await service.whenScanIdle();
    const truth = (await cloud.admin.library()).tracks.filter((fact) => fact.broken === undefined);
    const fact = truth.find((candidate) => candidate.hasCover);
    const track = await trackOf(synced, fact?.fileId ?? null);
    expect(await service.getAlbumArtwork(track.albumId, 96)).toBeDefined();
    const images = await synced.library.database.artworkImages.count();
    expect(images).toBeGreaterThan(0);
    // Every track of that album leaves the cloud.
    const albumTracks = (await synced.library.queryTracks({ filter: { albumId: track.albumId } }))
      .items;
    for (const gone of albumTracks) await cloud.admin.deleteFile(gone.remoteId);
    await synced.sync();
    await until(async () => (await synced.library.database.artworkImages.count()) < images);
    await service.whenTidy();
    expect(await synced.library.artwork.getLink(`album:${track.albumId}`)).toBeUndefined();
    const kept = new Set(await synced.library.database.artworkImages.toCollection().primaryKeys());
    const variants = await synced.library.database.artworkVariants.toArray();
    expect(variants.every((variant) => kept.has(variant.hash))).toBe(true);
  });

  it("asks the Cover Art Archive through MusicBrainz only when the host enabled it, within its rate limit", async () => {
    cloud = await startDevCloud({ tracks: 30, seed: 22 });
    const synced = await syncedLibrary(cloud, "google");
    const truth = (await cloud.admin.library()).tracks.filter(
      (track) => track.broken === undefined,
    );
    const covered = truth.filter((track) => track.hasCover);
    // Files without pictures: the embedded source finds nothing, as with untagged rips.
    const withoutPictures = new MetadataService({
      bus: synced.bus,
      library: synced.library,
      accountIds: () => [synced.accountId],
      storageFor: () => synced.drive,
      readEmbeddedPicture: async () => undefined,
      remote: remoteFor(cloud),
    });
    services.push(withoutPictures);
    withoutPictures.start();
    await withoutPictures.whenScanIdle();
    const albums = new Map<string, Awaited<ReturnType<typeof trackOf>>>();
    for (const fact of covered) {
      const track = await trackOf(synced, fact.fileId);
      if ((await synced.library.coverImagesIn(track.folderId)).length === 0)
        albums.set(track.albumId, track);
    }
    const targets = [...albums.values()].slice(0, 3);
    expect(targets.length).toBeGreaterThan(0);
    await cloud.admin.clearRequests();
    const blobs = await Promise.all(
      targets.map((track) => withoutPictures.getAlbumArtwork(track.albumId, 4096)),
    );
    for (const [index, blob] of blobs.entries()) {
      expect(blob?.type, `album ${index}`).toBe("image/png");
      expect(
        (await synced.library.artwork.getLink(`album:${targets[index]?.albumId}`))?.source,
      ).toBe("remote");
    }
    const searches = await cloud.admin.requests({ path: "/musicbrainz/" });
    expect(searches.map((entry) => entry.status)).toEqual(targets.map(() => 200));
  });
});

describe("lyrics through MetadataService", () => {
  it("reads the .lrc beside a track, and LRCLIB only when enabled, storing what it found", async () => {
    cloud = await startDevCloud({ tracks: 30, seed: 23 });
    const synced = await syncedLibrary(cloud, "google");
    const truth = (await cloud.admin.library()).tracks.filter(
      (track) => track.broken === undefined,
    );
    const local = serviceFor(synced);
    const withLyrics = truth.find((track) => track.hasLyrics && track.lyricsFileId !== null);
    if (withLyrics?.lyricsFileId == null) throw new Error("no track with lyrics");
    const track = await trackOf(synced, withLyrics.fileId);
    const item = cloud.context.library.get(withLyrics.lyricsFileId);
    if (item?.kind !== "file") throw new Error("no .lrc file");
    const lrc = parseLrc(new TextDecoder().decode(cloud.context.library.bytes(item)));
    const lyrics = await local.getLyrics(track.key);
    expect(lyrics).toMatchObject({ synced: true, source: "sidecar" });
    if (lyrics?.synced !== true) throw new Error("not synced");
    expect(lyrics.lines.map((line) => [line.timeMs, line.text])).toEqual(
      lrc.lines.map((line) => [line.timeMs, line.text]),
    );

    // Without its .lrc, the track has no lyrics locally; LRCLIB has them.
    await cloud.admin.deleteFile(withLyrics.lyricsFileId);
    await synced.sync();
    expect(await local.getLyrics(track.key)).toBeUndefined();
    local.setRemote(remoteFor(cloud));
    await cloud.admin.clearRequests();
    const remote = await local.getLyrics(track.key);
    expect(remote).toMatchObject({ synced: true, source: "remote" });
    if (remote?.synced !== true) throw new Error("not synced");
    expect(remote.lines.map((line) => line.text)).toEqual(lrc.lines.map((line) => line.text));
    // Stored: asked once.
    expect(await local.getLyrics(track.key)).toEqual(remote);
    expect((await cloud.admin.requests({ path: "/lrclib/" })).length).toBe(1);

    // A track LRCLIB does not know: a 404, no lyrics, and it is not asked again this session.
    const without = truth.find((fact) => !fact.hasLyrics);
    const plain = await trackOf(synced, without?.fileId ?? null);
    expect(await local.getLyrics(plain.key)).toBeUndefined();
    expect(await local.getLyrics(plain.key)).toBeUndefined();
    const asked = (await cloud.admin.requests({ path: "/lrclib/" })).filter(
      (entry) => entry.status === 404,
    );
    expect(asked).toHaveLength(1);
  });
});

describe("OneDrive's audio facet", () => {
  it("reads no audio bytes for tracks the facet describes, and reads the ones it does not", async () => {
    cloud = await startDevCloud({ tracks: 24, seed: 24 });
    const truth = (await cloud.admin.library()).tracks;
    const source = truth.find((track) => track.broken === undefined && track.format === "flac");
    if (source?.fileId == null || source.parentId === null) throw new Error("no flac track");
    const item = cloud.context.library.get(source.fileId);
    if (item?.kind !== "file") throw new Error("no file");
    // An uploaded copy has no facet (the emulator, like OneDrive for files it cannot parse, gives none).
    const copy = await cloud.admin.addFile({
      name: "Uploaded copy.flac",
      parentId: source.parentId,
      mimeType: "audio/flac",
      content: cloud.context.library.bytes(item),
    });
    const synced = await syncedLibrary(cloud, "microsoft");
    await cloud.admin.clearRequests();
    const service = serviceFor(synced);
    service.start();
    await service.whenScanIdle();
    // Reads go to each item's pre-authenticated download URL (one per file, known from sync).
    const downloads = await cloud.admin.requests({ path: "/graph-download/" });
    const readIds = new Set(downloads.map((entry) => entry.path));
    const notAudio = truth.filter((track) => track.broken === "not-audio").length;
    // The copy, and the files OneDrive could not describe (not audio at all).
    expect(readIds.size).toBe(1 + notAudio);
    const uploaded = await trackOf(synced, copy.id);
    expect(uploaded).toMatchObject({ title: source.title, album: source.album, tagSource: "file" });
    const described = await trackOf(synced, source.fileId);
    expect(described).toMatchObject({ title: source.title, tagSource: "provider" });
  });
});
