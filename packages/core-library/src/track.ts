import type { TrackKey } from "./track-identity.js";

/**
 * Where a track's tags come from: its file name and folders (`file-name`), the
 * provider's listing (`provider`), or the file's own tags (`file`).
 */
export type TagSource = "file-name" | "provider" | "file";

/** What only a file's own tags and stream headers tell. Absent fields were not in the file. */
export interface TrackDetails {
  /** Composers, joined with `; `. */
  composer?: string;
  /** Part of a compilation (various artists). */
  compilation?: boolean;
  /** Tracks on the disc. */
  trackCount?: number;
  /** Discs in the release. */
  discCount?: number;
  /** Codec as the parser names it (`MPEG 1 Layer 3`, `FLAC`, `Opus`, `AAC`…). */
  codec?: string;
  sampleRate?: number;
  channels?: number;
  bitsPerSample?: number;
  /** Average bitrate in kilobits per second. */
  bitrateKbps?: number;
  replayGain?: {
    trackGainDb?: number;
    trackPeak?: number;
    albumGainDb?: number;
    albumPeak?: number;
  };
  musicBrainz?: { recordingId?: string; releaseId?: string; artistId?: string };
  /** The tags hold a picture (known without reading it); absent when unknown. */
  hasPicture?: boolean;
  /** The tags hold lyrics (stored with the track's lyrics). */
  hasLyrics?: boolean;
}

/**
 * One playable file in the library, as the page sees it (plain data). Its
 * identity is the pair (account, remote file id), folded into {@link Track.key};
 * renames, moves and tag changes never change it.
 */
export interface Track {
  /** Primary key, from `trackKey(accountId, remoteId)`. */
  key: TrackKey;
  /** The cloud account the file lives in. */
  accountId: string;
  /** The provider's id for the file (Drive file id, OneDrive item id). */
  remoteId: string;
  /** The file's name in the cloud. */
  fileName: string;
  /** Key of the containing folder (see `LibraryFolder.id`). */
  folderId: string;
  /** Path of the containing folder, e.g. `/Music/Artist/Album`. */
  folderPath: string;
  /** Title from the tags, or derived from the file name. */
  title: string;
  /** Track artist; empty when unknown. */
  artist: string;
  /** Album title; empty when unknown. */
  album: string;
  /** Album artist when the tags name one. */
  albumArtist?: string;
  /** Key of the track artist (see `LibraryArtist.id`). */
  artistId: string;
  /** Key of the album (see `LibraryAlbum.id`). */
  albumId: string;
  /** Position on the disc, from 1. */
  trackNumber?: number;
  /** Disc number, from 1. */
  discNumber?: number;
  /** Release year. */
  year?: number;
  /** Genre as written in the tags. */
  genre?: string;
  /** Duration in milliseconds, once known. */
  durationMs?: number;
  /** What the file's own tags and stream headers add, once they are read. */
  details?: TrackDetails;
  /**
   * Why the file's own tags could not be read (broken or hostile tags): the
   * track keeps its file-name fields until its bytes change.
   */
  tagWarning?: string;
  /** MIME type reported by the provider. */
  mimeType: string;
  /** File size in bytes, as reported by the provider. */
  sizeBytes: number;
  /** Last modification time in the cloud, in milliseconds since the epoch. */
  modifiedAt: number;
  /** The provider's content version; a new one means the bytes changed. */
  contentVersion: string;
  /** When the library first saw the file, in milliseconds since the epoch. */
  addedAt: number;
  /** Where the tags come from. */
  tagSource: TagSource;
  /** True while the file's own tags are still to be read (new file or changed bytes). */
  needsTags: boolean;
  /** How many times the track was played. */
  playCount: number;
  /** When the track was last played, in milliseconds since the epoch. */
  lastPlayedAt?: number;
  /** Marked as a favourite by the user. */
  favorite: boolean;
}
