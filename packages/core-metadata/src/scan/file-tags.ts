import type { FileTags, Track, TrackDetails } from "@player/core-library";
import type { TrackTags } from "../tags/track-tags.js";

/**
 * The library's form of the tags read from a file. Fields the file leaves
 * empty keep what the library had (provider tags, or the file name and
 * folders), so a file without tags never loses its title.
 */
export function fileTagsFrom(tags: TrackTags, track: Track): FileTags {
  const artist = tags.artists.filter((name) => name.trim() !== "").join(", ");
  const result: FileTags = {
    title: nonEmpty(tags.title) ?? track.title,
    artist: nonEmpty(artist) ?? track.artist,
    album: nonEmpty(tags.album) ?? track.album,
  };
  const albumArtist = nonEmpty(tags.albumArtist);
  if (albumArtist !== undefined) result.albumArtist = albumArtist;
  const trackNumber = tags.trackNumber ?? track.trackNumber;
  if (trackNumber !== undefined) result.trackNumber = trackNumber;
  const discNumber = tags.discNumber ?? track.discNumber;
  if (discNumber !== undefined) result.discNumber = discNumber;
  const year = tags.year ?? track.year;
  if (year !== undefined) result.year = year;
  const genre = nonEmpty(tags.genres[0]) ?? track.genre;
  if (genre !== undefined) result.genre = genre;
  const durationMs =
    tags.duration !== undefined && Number.isFinite(tags.duration) && tags.duration > 0
      ? Math.round(tags.duration * 1000)
      : track.durationMs;
  if (durationMs !== undefined) result.durationMs = durationMs;
  const details = detailsOf(tags);
  if (Object.keys(details).length > 0) result.details = details;
  return result;
}

function detailsOf(tags: TrackTags): TrackDetails {
  const details: TrackDetails = {};
  const composer = tags.composers.filter((name) => name.trim() !== "").join("; ");
  if (composer !== "") details.composer = composer;
  if (tags.compilation) details.compilation = true;
  if (tags.trackTotal !== undefined) details.trackCount = tags.trackTotal;
  if (tags.discTotal !== undefined) details.discCount = tags.discTotal;
  if (tags.codec !== undefined) details.codec = tags.codec;
  if (tags.sampleRate !== undefined) details.sampleRate = tags.sampleRate;
  if (tags.channels !== undefined) details.channels = tags.channels;
  if (tags.bitsPerSample !== undefined) details.bitsPerSample = tags.bitsPerSample;
  if (tags.bitrate !== undefined && Number.isFinite(tags.bitrate)) {
    details.bitrateKbps = Math.round(tags.bitrate / 1000);
  }
  if (Object.keys(tags.replayGain).length > 0) details.replayGain = { ...tags.replayGain };
  if (Object.keys(tags.musicBrainz).length > 0) details.musicBrainz = { ...tags.musicBrainz };
  if (tags.lyrics !== undefined && tags.lyrics.trim() !== "") details.hasLyrics = true;
  if (tags.hasPicture !== undefined) details.hasPicture = tags.hasPicture;
  return details;
}

function nonEmpty(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  return value.trim() === "" ? undefined : value;
}
