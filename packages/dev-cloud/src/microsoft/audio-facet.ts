import type { AudioFormat, FileItem } from "../library/library-types.js";

/** Graph's `audio` facet. */
export interface AudioFacet {
  album: string;
  albumArtist: string;
  artist: string;
  /** kbps. */
  bitrate: number;
  disc: number;
  discCount: number;
  /** Milliseconds. */
  duration: number;
  genre: string;
  hasDrm: false;
  isVariableBitrate: boolean;
  title: string;
  track: number;
  trackCount: number;
  year: number;
}

/** Formats whose encoders in the generator use a variable bitrate. */
const VARIABLE_BITRATE: ReadonlySet<AudioFormat> = new Set([
  "flac",
  "ogg-vorbis",
  "ogg-opus",
  "m4a",
]);

/**
 * The `audio` facet OneDrive extracts from a track's tags. Files that are
 * not audio at all (the "not-audio" broken kind) get none, like any file
 * OneDrive cannot parse; truncated or corrupt ones still have readable tags.
 *
 * @param file - A library file.
 * @param size - Its byte length, for the average bitrate.
 */
export function audioFacetFor(file: FileItem, size: number): AudioFacet | undefined {
  if (file.content.type !== "track") return undefined;
  const track = file.content.track;
  if (track.broken === "not-audio") return undefined;
  return {
    album: track.album,
    albumArtist: track.albumArtist,
    artist: track.artist,
    // Bits per millisecond is kilobits per second.
    bitrate: track.durationMs > 0 ? Math.round((size * 8) / track.durationMs) : 0,
    disc: track.discNumber,
    discCount: track.discCount,
    duration: track.durationMs,
    genre: track.genre,
    hasDrm: false,
    isVariableBitrate: VARIABLE_BITRATE.has(track.format),
    title: track.title,
    track: track.trackNumber,
    trackCount: track.trackCount,
    year: track.year,
  };
}
