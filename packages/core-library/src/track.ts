import type { TrackKey } from "./track-identity.js";

/**
 * One playable file in the library. Its identity is the pair (account, remote
 * file id), folded into {@link Track.key}; tags may change without changing it.
 */
export interface Track {
  /** Primary key, from `trackKey(accountId, remoteId)`. */
  key: TrackKey;
  /** The cloud account the file lives in. */
  accountId: string;
  /** The provider's id for the file (Drive file id, OneDrive item id). */
  remoteId: string;
  /** The file's name in the cloud, used for the title until tags are read. */
  fileName: string;
  /** Title from the tags, or derived from the file name. */
  title: string;
  /** Track artist; empty when unknown. */
  artist: string;
  /** Album title; empty when unknown. */
  album: string;
  /** Album artist when it differs from the track artist. */
  albumArtist?: string;
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
  /** MIME type reported by the provider. */
  mimeType?: string;
  /** File size in bytes, as reported by the provider. */
  sizeBytes?: number;
  /** Last modification time in the cloud, in milliseconds since the epoch. */
  modifiedAt?: number;
}
