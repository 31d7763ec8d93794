/**
 * "The library equals the cloud", for either target. For the real library it
 * is checked field by field on the tracks read back through `queryTracks`:
 * key and account, remote id, name, folder id and path, size, MIME type,
 * modification time, content version and the files-first tags; `.lrc` files
 * as sidecars; and the folder and album rows counting those tracks.
 */
import { parseTrackKey, type Track, trackKey } from "@player/core-library";
import type { DevCloud } from "@player/dev-cloud";
import { expect } from "vitest";
import { audioFileKind } from "../audio-file-kind.js";
import type { ExpectedTags } from "./expected-tags.js";
import { type ComparableFile, comparable, type ExpectedFile, groundTruth } from "./ground-truth.js";
import type { LibrarySyncTarget } from "./library-sync-target.js";
import type { SyncHarness } from "./sync-harness.js";

/** Asserts that the harness's target holds exactly the cloud's live music, lyrics and cover files. */
export async function expectInSync(cloud: DevCloud, harness: SyncHarness): Promise<void> {
  const truth = groundTruth(cloud, harness.provider);
  const accountId = harness.account.accountId;
  const target = harness.target;
  if (target.kind === "memory") {
    const synced = target.list(accountId);
    expect(new Set(synced.map((file) => file.remoteId)).size).toBe(synced.length);
    expect(comparable(synced)).toEqual(comparable(truth));
    return;
  }
  const tracks = await target.tracks(accountId);
  expect(new Set(tracks.map((track) => track.key)).size, "a track read twice").toBe(tracks.length);
  expect(await target.library.countTracks()).toBe(tracks.length);
  const music = truth.filter((file) => !file.lyrics && !file.cover);
  expect(tracks.map(trackFacts)).toEqual(music.map((file) => expectedTrack(accountId, file)));
  expect(await target.sidecars(accountId)).toEqual(
    truth
      .filter((file) => file.lyrics)
      .map((file) => ({
        remoteId: file.remoteId,
        folderId: trackKey(accountId, file.parentId),
        contentVersion: file.contentVersion,
      })),
  );
  expect(await target.covers(accountId), "cover images").toEqual(
    truth
      .filter((file) => file.cover)
      .map((file) => file.remoteId)
      .sort(),
  );
  await expectCatalogCounts(target, tracks);
}

/**
 * The music files the target holds, in the compared form, sorted by id
 * (lyrics are left out: the library keeps them as sidecars without names).
 */
export async function syncedMusic(harness: SyncHarness): Promise<ComparableFile[]> {
  const accountId = harness.account.accountId;
  const target = harness.target;
  if (target.kind === "memory") {
    const files = target.list(accountId);
    return comparable(
      files.filter((file) => {
        const kind = audioFileKind(file.name, file.mimeType);
        return kind !== "lrc" && kind !== "cover";
      }),
    );
  }
  return (await target.tracks(accountId)).map((track) => ({
    remoteId: track.remoteId,
    name: track.fileName,
    parentId: parseTrackKey(track.folderId).remoteFileId,
    folderPath: track.folderPath,
    size: track.sizeBytes,
    mimeType: track.mimeType,
    modifiedAt: track.modifiedAt,
    contentVersion: track.contentVersion,
  }));
}

/** Everything the target holds for the harness's account: music, lyrics, covers (0 after sign-out). */
export async function syncedCount(harness: SyncHarness): Promise<number> {
  const accountId = harness.account.accountId;
  const target = harness.target;
  if (target.kind === "memory") return target.list(accountId).length;
  const [tracks, sidecars, covers] = await Promise.all([
    target.tracks(accountId),
    target.sidecars(accountId),
    target.covers(accountId),
  ]);
  return tracks.length + sidecars.length + covers.length;
}

type TrackFacts = Pick<
  Track,
  | "key"
  | "accountId"
  | "remoteId"
  | "fileName"
  | "folderId"
  | "folderPath"
  | "sizeBytes"
  | "mimeType"
  | "modifiedAt"
  | "contentVersion"
> &
  ExpectedTags;

const TAG_FIELDS = [
  "albumArtist",
  "trackNumber",
  "discNumber",
  "year",
  "genre",
  "durationMs",
] as const;

function trackFacts(track: Track): TrackFacts {
  const facts: TrackFacts = {
    key: track.key,
    accountId: track.accountId,
    remoteId: track.remoteId,
    fileName: track.fileName,
    folderId: track.folderId,
    folderPath: track.folderPath,
    sizeBytes: track.sizeBytes,
    mimeType: track.mimeType,
    modifiedAt: track.modifiedAt,
    contentVersion: track.contentVersion,
    title: track.title,
    artist: track.artist,
    album: track.album,
    tagSource: track.tagSource,
  };
  for (const field of TAG_FIELDS) {
    const value = track[field];
    if (value !== undefined) Object.assign(facts, { [field]: value });
  }
  return facts;
}

function expectedTrack(accountId: string, file: ExpectedFile): TrackFacts {
  return {
    key: trackKey(accountId, file.remoteId),
    accountId,
    remoteId: file.remoteId,
    fileName: file.name,
    folderId: trackKey(accountId, file.parentId),
    folderPath: file.folderPath,
    sizeBytes: file.size,
    mimeType: file.mimeType,
    modifiedAt: file.modifiedAt,
    contentVersion: file.contentVersion,
    ...file.tags,
  };
}

/** The `folders` and `albums` rows agree with the tracks they count. */
async function expectCatalogCounts(
  target: LibrarySyncTarget,
  tracks: readonly Track[],
): Promise<void> {
  const database = target.library.database;
  const tally = (ids: string[]) => {
    const counts = new Map<string, number>();
    for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  };
  const folders = await database.folders.toArray();
  expect(
    folders.map((row) => [row.id, row.trackCount] as [string, number]).sort(byFirst),
    "folder track counts",
  ).toEqual(tally(tracks.map((track) => track.folderId)));
  const paths = new Map(tracks.map((track) => [track.folderId, track.folderPath]));
  for (const row of folders) expect(row.path, "folder path").toBe(paths.get(row.id));
  const albums = await database.albums.toArray();
  expect(
    albums.map((row) => [row.id, row.trackCount] as [string, number]).sort(byFirst),
    "album track counts",
  ).toEqual(tally(tracks.map((track) => track.albumId)));
}

function byFirst(a: [string, number], b: [string, number]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}
