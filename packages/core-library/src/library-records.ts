/**
 * The rows of the library database. Rows carry extra, derived fields for
 * indexes (folded sort keys, numbers instead of booleans, 0 for unknown
 * numbers), because IndexedDB leaves a row out of a compound index when any
 * part of the key is missing and cannot index booleans.
 */
import type { AuthProviderId } from "@player/core-runtime";
import type { SyncCursor } from "./sync-contract.js";
import type { TagSource, Track } from "./track.js";
import type { TrackKey } from "./track-identity.js";

/** A row of `tracks`. */
export interface TrackRecord extends Omit<Track, "needsTags" | "favorite"> {
  /** 1 while the file's tags are to be read, else 0 (indexed with the account). */
  needsTags: 0 | 1;
  /** When it was marked a favourite; absent when it is not (a sparse index). */
  favoriteAt?: number;
  /** The full listing that last saw the file. */
  generation: number;
  /** Folded file name without extension, to link `.lrc` sidecars. */
  baseName: string;
  titleSort: string;
  artistSort: string;
  albumSort: string;
  /** Folded genre; absent when unknown. */
  genreSort?: string;
  discSort: number;
  trackSort: number;
  durationSort: number;
  tagSource: TagSource;
}

/** A row of `albums`, kept in step with the tracks. */
export interface AlbumRecord {
  id: string;
  title: string;
  titleSort: string;
  /** Album artist, or the track artist when the tags name none. */
  artist: string;
  artistId: string;
  trackCount: number;
  year?: number;
}

/** A row of `artists`: track artists and album artists. */
export interface ArtistRecord {
  id: string;
  name: string;
  nameSort: string;
  trackCount: number;
  albumCount: number;
}

/** A row of `folders`: a folder that directly holds tracks. */
export interface FolderRecord {
  id: string;
  accountId: string;
  remoteId: string;
  path: string;
  name: string;
  trackCount: number;
}

/** A row of `playlists`. */
export interface PlaylistRecord {
  id: string;
  name: string;
  nameSort: string;
  entryCount: number;
  createdAt: number;
  updatedAt: number;
}

/** What a playlist entry remembers of its track, to show it once the file is gone. */
export interface TrackSnapshot {
  title: string;
  artist: string;
  album: string;
  durationMs?: number;
}

/** A row of `playlistEntries`: ordered by `position` within its playlist. */
export interface PlaylistEntryRecord {
  id: string;
  playlistId: string;
  /** Sparse integers, so an insertion between two entries usually moves nothing else. */
  position: number;
  trackKey: TrackKey;
  snapshot: TrackSnapshot;
  addedAt: number;
}

/** Where a picture came from, best first. */
export type ArtworkSource = "embedded" | "folder" | "remote";

/**
 * A row of `artwork`: links a track (`track:<key>`) or an album
 * (`album:<albumId>`) to an image, or records that none was found
 * (`hash` absent) so the sources are not asked again until `checkedAt` is old.
 */
export interface ArtworkRecord {
  id: string;
  trackKey?: TrackKey;
  albumId?: string;
  /** SHA-256 (hex) of the image bytes; absent when no source had a picture. */
  hash?: string;
  source?: ArtworkSource;
  /** Milliseconds since the epoch of the last lookup. */
  checkedAt: number;
}

/** A row of `artworkImages`: one distinct image, as found. */
export interface ArtworkImageRecord {
  /** SHA-256 (hex) of `data`. */
  hash: string;
  mimeType: string;
  width: number;
  height: number;
  byteLength: number;
  data: Blob | ArrayBuffer;
  storedAt: number;
}

/** A row of `artworkVariants`: an image resized to fit `size`×`size` pixels. */
export interface ArtworkVariantRecord {
  hash: string;
  /** Edge length in pixels the variant was made for (96, 256, 512…). */
  size: number;
  mimeType: string;
  width: number;
  height: number;
  data: Blob | ArrayBuffer;
}

/** A row of `folderImages`: an image file beside the music (`cover.jpg`, `folder.png`, `front.webp`). */
export interface FolderImageRecord {
  /** Key of the file (`trackKey(accountId, remoteId)`). */
  id: string;
  accountId: string;
  remoteId: string;
  /** Key of the folder it sits in (the same scheme as `TrackRecord.folderId`). */
  folderId: string;
  name: string;
  mimeType: string;
  sizeBytes: number;
  contentVersion: string;
  generation: number;
}

/** A row of `lyrics`: a `.lrc` sidecar listed by sync, or lyrics text stored for a track. */
export interface LyricsRecord {
  /** `sidecar:<key of the .lrc file>` or `track:<track key>`. */
  id: string;
  accountId: string;
  kind: "sidecar" | "text";
  /** For `text`: the track; for `sidecar`: absent (linked by folder and base name). */
  trackKey?: TrackKey;
  /** For sidecars: the `.lrc` file. */
  remoteId?: string;
  folderId?: string;
  baseName?: string;
  contentVersion?: string;
  generation?: number;
  text?: string;
  /** True when the text has LRC time tags. */
  synced?: boolean;
  source?: "sidecar" | "embedded" | "remote";
  updatedAt: number;
}

/** A row of `syncState`: one account's stored sync cursor. */
export interface SyncStateRecord {
  accountId: string;
  provider: AuthProviderId;
  cursor: SyncCursor;
}

/** A row of `cacheEntries`: a track (or part of one) kept offline. */
export interface CacheEntryRecord {
  trackKey: TrackKey;
  accountId: string;
  contentVersion: string;
  sizeBytes: number;
  complete: boolean;
  storedAt: number;
  lastAccessedAt: number;
}

/** A row of `session`: the last saved playback session. */
export interface SessionRecord {
  id: "current";
  snapshot: SessionSnapshot;
  savedAt: number;
}

/** What the player restores after a restart. Plain data. */
export interface SessionSnapshot {
  queue: TrackKey[];
  currentIndex: number;
  positionMs: number;
  shuffle?: boolean;
  repeat?: "off" | "all" | "one";
  volume?: number;
}
