import { baseNameOf, type FileNameTags, type FileTags, fileNameTags } from "./file-name-tags.js";
import type { TrackRecord, TrackSnapshot } from "./library-records.js";
import type { RemoteFile } from "./sync-contract.js";
import { foldText, sortKey } from "./text-normalize.js";
import type { TagSource, Track } from "./track.js";
import { trackKey } from "./track-identity.js";

/** The id of an artist: its folded name (`""` for unknown). */
export function artistIdOf(name: string): string {
  return sortKey(name);
}

// "Title (Disc 2)", "Title [CD1]", "Title - Disc 1": the discs of one album.
const DISC_SUFFIX =
  /\s*(?:[([]\s*(?:cd|dis[ck])\s*\d{1,2}\s*[)\]]|-\s*(?:cd|dis[ck])\s*\d{1,2})\s*$/i;

/** The name under which the compilations of many artists are grouped. */
export const VARIOUS_ARTISTS = "Various Artists";

/**
 * The id of an album: folded album artist (else artist) and title, so the
 * spelling variants `Beyoncé`/`BEYONCE ` meet; a disc suffix of the title
 * (`(Disc 2)`, `[CD1]`) is left out so a multi-disc album is one album.
 */
export function albumIdOf(albumArtist: string | undefined, artist: string, title: string): string {
  const owner = albumArtist === undefined || albumArtist === "" ? artist : albumArtist;
  const grouped = title.replace(DISC_SUFFIX, "");
  return `${sortKey(owner)}\u0001${sortKey(grouped === "" ? title : grouped)}`;
}

/** The id of a folder: the same length-prefixed scheme as track keys. */
export function folderIdOf(accountId: string, remoteFolderId: string): string {
  return trackKey(accountId, remoteFolderId);
}

/**
 * The row for a listed file. Keeps what the library knows that the listing
 * does not: when it was added, play statistics, favourite, and tags read from
 * the file while its content is unchanged.
 */
export function trackRecordFromFile(
  accountId: string,
  file: RemoteFile,
  existing: TrackRecord | undefined,
  generation: number,
  now: number,
): TrackRecord {
  const sameContent = existing !== undefined && existing.contentVersion === file.contentVersion;
  const keepFileTags = sameContent && existing.tagSource === "file";
  const tags: FileNameTags = keepFileTags ? tagsOf(existing) : fileNameTags(file);
  const tagSource: TagSource = keepFileTags
    ? "file"
    : file.tags === undefined
      ? "file-name"
      : "provider";
  const needsTags: 0 | 1 = sameContent ? existing.needsTags : providerTagsComplete(file) ? 0 : 1;
  const base: TrackFields = {
    key: trackKey(accountId, file.remoteId),
    accountId,
    remoteId: file.remoteId,
    fileName: file.name,
    folderId: folderIdOf(accountId, file.parentId),
    folderPath: file.folderPath,
    ...tags,
    artistId: artistIdOf(tags.artist),
    albumId: albumIdOf(tags.albumArtist, tags.artist, tags.album),
    mimeType: file.mimeType,
    sizeBytes: file.size,
    modifiedAt: file.modifiedAt,
    contentVersion: file.contentVersion,
    addedAt: existing?.addedAt ?? now,
    tagSource,
    needsTags,
    playCount: existing?.playCount ?? 0,
    generation: Math.max(generation, existing?.generation ?? generation),
    baseName: foldText(baseNameOf(file.name)),
  };
  if (existing?.lastPlayedAt !== undefined) base.lastPlayedAt = existing.lastPlayedAt;
  if (existing?.favoriteAt !== undefined) base.favoriteAt = existing.favoriteAt;
  // Same bytes: what reading them found still holds (the same objects, so an unchanged row stays equal).
  if (keepFileTags && existing.details !== undefined) base.details = existing.details;
  if (sameContent && existing.tagWarning !== undefined) base.tagWarning = existing.tagWarning;
  return withSortFields(base);
}

/**
 * True when the provider's tags (OneDrive's `audio` facet) name the title,
 * artist, album and duration: the file's own bytes are then not read for tags.
 * Pictures and lyrics are read on demand, when they are wanted.
 */
export function providerTagsComplete(file: RemoteFile): boolean {
  const tags = file.tags;
  if (tags === undefined) return false;
  const named = (value: string | undefined) => value !== undefined && value.trim() !== "";
  return (
    named(tags.title) &&
    (named(tags.artist) || named(tags.albumArtist)) &&
    named(tags.album) &&
    tags.durationMs !== undefined &&
    tags.durationMs > 0
  );
}

/**
 * Applies tags read from the file itself; the row keeps its identity and
 * statistics. Names are stored in Unicode NFC and trimmed (ids fold case and
 * accents, so spellings still meet); a compilation without an album artist
 * is filed under {@link VARIOUS_ARTISTS}; an empty title keeps the file-name one.
 */
export function trackRecordWithTags(record: TrackRecord, tags: FileTags): TrackRecord {
  const {
    albumArtist: _1,
    trackNumber: _2,
    discNumber: _3,
    year: _4,
    genre: _5,
    durationMs: _6,
    details: _7,
    tagWarning: _8,
    ...rest
  } = record;
  const clean = (text: string) => text.normalize("NFC").trim();
  const normalized: FileTags = {
    ...tags,
    title: clean(tags.title),
    artist: clean(tags.artist),
    album: clean(tags.album),
  };
  const albumArtist = tags.albumArtist === undefined ? "" : clean(tags.albumArtist);
  if (albumArtist !== "") normalized.albumArtist = albumArtist;
  else if (tags.details?.compilation === true) normalized.albumArtist = VARIOUS_ARTISTS;
  else delete normalized.albumArtist;
  const genre = tags.genre === undefined ? "" : clean(tags.genre);
  if (genre !== "") normalized.genre = genre;
  else delete normalized.genre;
  const title = normalized.title === "" ? record.title : normalized.title;
  const merged = {
    ...rest,
    ...normalized,
    title,
    tagSource: "file" as const,
    needsTags: 0 as const,
  };
  return withSortFields({
    ...merged,
    artistId: artistIdOf(merged.artist),
    albumId: albumIdOf(merged.albumArtist, merged.artist, merged.album),
  });
}

type SortFieldName =
  | "titleSort"
  | "artistSort"
  | "albumSort"
  | "discSort"
  | "trackSort"
  | "durationSort"
  | "genreSort";

/** A row without its derived index fields. */
export type TrackFields = Omit<TrackRecord, SortFieldName>;

/** Recomputes the derived index fields of a row. */
export function withSortFields(
  fields: TrackFields & Partial<Pick<TrackRecord, SortFieldName>>,
): TrackRecord {
  const {
    titleSort: _title,
    artistSort: _artist,
    albumSort: _album,
    discSort: _disc,
    trackSort: _track,
    durationSort: _duration,
    genreSort: _genre,
    ...rest
  } = fields;
  const record: TrackRecord = {
    ...rest,
    titleSort: sortKey(rest.title),
    artistSort: sortKey(rest.albumArtist ?? rest.artist),
    albumSort: sortKey(rest.album),
    discSort: rest.discNumber ?? 0,
    trackSort: rest.trackNumber ?? 0,
    durationSort: rest.durationMs ?? 0,
  };
  if (rest.genre !== undefined) record.genreSort = sortKey(rest.genre);
  return record;
}

/** The page's view of a row: plain data without the index fields. */
export function toTrack(record: TrackRecord): Track {
  const track: Track = {
    key: record.key,
    accountId: record.accountId,
    remoteId: record.remoteId,
    fileName: record.fileName,
    folderId: record.folderId,
    folderPath: record.folderPath,
    title: record.title,
    artist: record.artist,
    album: record.album,
    artistId: record.artistId,
    albumId: record.albumId,
    mimeType: record.mimeType,
    sizeBytes: record.sizeBytes,
    modifiedAt: record.modifiedAt,
    contentVersion: record.contentVersion,
    addedAt: record.addedAt,
    tagSource: record.tagSource,
    needsTags: record.needsTags === 1,
    playCount: record.playCount,
    favorite: record.favoriteAt !== undefined,
  };
  if (record.albumArtist !== undefined) track.albumArtist = record.albumArtist;
  if (record.trackNumber !== undefined) track.trackNumber = record.trackNumber;
  if (record.discNumber !== undefined) track.discNumber = record.discNumber;
  if (record.year !== undefined) track.year = record.year;
  if (record.genre !== undefined) track.genre = record.genre;
  if (record.durationMs !== undefined) track.durationMs = record.durationMs;
  if (record.details !== undefined) track.details = record.details;
  if (record.tagWarning !== undefined) track.tagWarning = record.tagWarning;
  if (record.lastPlayedAt !== undefined) track.lastPlayedAt = record.lastPlayedAt;
  return track;
}

/** What a playlist entry keeps of a track. */
export function snapshotOf(record: TrackRecord): TrackSnapshot {
  const snapshot: TrackSnapshot = {
    title: record.title,
    artist: record.artist,
    album: record.album,
  };
  if (record.durationMs !== undefined) snapshot.durationMs = record.durationMs;
  return snapshot;
}

/** True when two rows hold the same data (so a write would change nothing). */
export function sameRecord(left: TrackRecord, right: TrackRecord): boolean {
  const leftKeys = Object.keys(left) as (keyof TrackRecord)[];
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) => Object.is(left[key], right[key]));
}

function tagsOf(record: TrackRecord): FileNameTags {
  const tags: FileNameTags = { title: record.title, artist: record.artist, album: record.album };
  if (record.albumArtist !== undefined) tags.albumArtist = record.albumArtist;
  if (record.trackNumber !== undefined) tags.trackNumber = record.trackNumber;
  if (record.discNumber !== undefined) tags.discNumber = record.discNumber;
  if (record.year !== undefined) tags.year = record.year;
  if (record.genre !== undefined) tags.genre = record.genre;
  if (record.durationMs !== undefined) tags.durationMs = record.durationMs;
  return tags;
}
