/**
 * The tag values every format writer takes: the subset of TrackFacts that
 * ends up inside the file, plus the cover picture already rendered.
 */
import type { TrackFacts, TrackTagValues } from "../library/library-types.js";

/** A picture to embed, with the facts FLAC's PICTURE block records about it. */
export interface EmbeddedPicture {
  mimeType: "image/png";
  data: Uint8Array;
  width: number;
  height: number;
  /** Bits per pixel. */
  colorDepth: number;
  /** Palette entries for an indexed image, else 0. */
  paletteSize: number;
}

/** What a format writer writes into a file's tags. */
export interface TrackTags extends TrackTagValues {
  /** The front cover, when the track has one. */
  cover?: EmbeddedPicture;
}

/** An encoded file and where its compressed audio lies, for the breakage writer. */
export interface TaggedAudio {
  bytes: Uint8Array;
  /** Offset of the first byte of audio payload (after every header and tag). */
  audioStart: number;
  /** Offset just past the last byte of audio payload. */
  audioEnd: number;
}

/**
 * Picks the tag values out of a track's facts, checking the numbers fit the
 * narrowest field any format stores them in (MP4's 16-bit `trkn`/`disk`).
 *
 * @throws RangeError when a number is out of range.
 */
export function tagsFromTrack(track: TrackFacts, cover?: EmbeddedPicture): TrackTags {
  for (const key of ["trackNumber", "trackCount", "discNumber", "discCount"] as const) {
    const value = track[key];
    if (!Number.isInteger(value) || value < 1 || value > 0xffff) {
      throw new RangeError(`${key} must be an integer from 1 to 65535, got ${String(value)}.`);
    }
  }
  if (!Number.isInteger(track.year) || track.year < 0 || track.year > 9999) {
    throw new RangeError(`year must be an integer from 0 to 9999, got ${String(track.year)}.`);
  }
  const tags: TrackTags = {
    title: track.title,
    artist: track.artist,
    albumArtist: track.albumArtist,
    album: track.album,
    trackNumber: track.trackNumber,
    trackCount: track.trackCount,
    discNumber: track.discNumber,
    discCount: track.discCount,
    year: track.year,
    genre: track.genre,
  };
  if (cover !== undefined) tags.cover = cover;
  return tags;
}
