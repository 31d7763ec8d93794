/**
 * Vorbis comments → TrackTags, the way music-metadata 11 maps them (its
 * VorbisTagMapper and MetadataCollector), so a file reads the same whether
 * our Ogg/FLAC readers or music-metadata parsed it.
 */
import type { TrackTags } from "../track-tags.js";
import type { CommentField } from "./comment-list-reader.js";

/** The TrackTags a comment list gives; stream facts come from elsewhere. */
export type CommentTags = Pick<
  TrackTags,
  | "title"
  | "artists"
  | "album"
  | "albumArtist"
  | "trackNumber"
  | "trackTotal"
  | "discNumber"
  | "discTotal"
  | "year"
  | "genres"
  | "composers"
  | "compilation"
  | "replayGain"
  | "musicBrainz"
  | "lyrics"
>;

interface Position {
  no: number | null;
  of: number | null;
}

/** music-metadata's `CommonTagMapper.normalizeTrack`: "3/12" → 3 of 12; 0 and junk → null. */
function normalizePosition(value: string): Position {
  const [no = "", of = ""] = value.split("/");
  return { no: Number.parseInt(no, 10) || null, of: Number.parseInt(of, 10) || null };
}

function intOrNull(value: string): number | null {
  const parsed = Number.parseInt(value, 10);
  return Number.isNaN(parsed) ? null : parsed;
}

/** music-metadata's `toRatio`: "-6.5 dB" is a gain in dB, a bare number a ratio. */
function toRatio(value: string): { dB: number; ratio: number } {
  const parts = value.split(" ").map((part) => part.trim().toLowerCase());
  const number = Number.parseFloat(parts[0] ?? "");
  return parts.length === 2 && parts[1] === "db"
    ? { dB: number, ratio: 10 ** (number / 10) }
    : { dB: 10 * Math.log10(number), ratio: number };
}

const LRC_TIMESTAMP = /\[(\d{2}):(\d{2})\.(\d{2,3})]/;

/** music-metadata's `parseLyrics(...).text`: LRC lines lose their time stamps. */
function lyricsText(value: string): string {
  if (!LRC_TIMESTAMP.test(value)) return value.trim();
  return value
    .split("\n")
    .filter((line) => LRC_TIMESTAMP.test(line))
    .map((line) => line.replace(LRC_TIMESTAMP, "").trim())
    .join("\n");
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

const PLURAL_ARTIST_KEYS = new Set(["ARTISTS", "DISCOGS_ARTISTS", "DISCOGS_ARTIST_NAME"]);
const ALBUM_ARTIST_KEYS = new Set(["ALBUMARTIST", "ALBUM ARTIST", "DISCOGS_ALBUM_ARTISTS"]);

/** Drops undefined, null and NaN entries. */
export function definedEntries<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(
      ([, entry]) => entry !== undefined && entry !== null && !Number.isNaN(entry),
    ),
  ) as T;
}

/**
 * Maps comments in file order. Single-valued names keep the last value
 * (album artist the first, as music-metadata's artist handling does), lists
 * keep each distinct value once. `YEAR` counts only when no `DATE` gives a year.
 */
export function tagsFromVorbisComments(fields: readonly CommentField[]): CommentTags {
  const single = new Map<string, string>();
  let albumArtist: string | undefined;
  const artists: string[] = [];
  const pluralArtists: string[] = [];
  const genres: string[] = [];
  const composers: string[] = [];
  const lyrics: string[] = [];
  const artistIds: string[] = [];
  let track: Position = { no: null, of: null };
  let disc: Position = { no: null, of: null };
  let year: number | undefined;
  let yearFallback: number | undefined;

  for (const { key, value } of fields) {
    if (key === "ARTIST") pushUnique(artists, value);
    else if (PLURAL_ARTIST_KEYS.has(key)) pushUnique(pluralArtists, value);
    else if (ALBUM_ARTIST_KEYS.has(key)) albumArtist ??= value;
    else if (key === "GENRE" || key === "STYLE") pushUnique(genres, value);
    else if (key === "COMPOSER") pushUnique(composers, value);
    else if (key === "LYRICS" || key === "UNSYNCEDLYRICS") lyrics.push(value);
    else if (key === "MUSICBRAINZ_ARTISTID") artistIds.push(value);
    else if (key === "TRACKNUMBER") track = withPosition(track, value);
    else if (key === "DISCNUMBER") disc = withPosition(disc, value);
    else if (key === "TRACKTOTAL" || key === "TOTALTRACKS")
      track = { ...track, of: intOrNull(value) };
    else if (key === "DISCTOTAL" || key === "TOTALDISCS") disc = { ...disc, of: intOrNull(value) };
    else if (key === "DATE" || key === "DISCOGS_RELEASED") {
      const parsed = Number.parseInt(value.substring(0, 4), 10);
      if (!Number.isNaN(parsed)) year = parsed;
    } else if (key === "YEAR") {
      const parsed = Number.parseInt(value.substring(0, 4), 10);
      if (!Number.isNaN(parsed)) yearFallback = parsed;
    } else single.set(key, value);
  }

  const trackGain = single.get("REPLAYGAIN_TRACK_GAIN");
  const trackPeak = single.get("REPLAYGAIN_TRACK_PEAK");
  const albumGain = single.get("REPLAYGAIN_ALBUM_GAIN");
  const albumPeak = single.get("REPLAYGAIN_ALBUM_PEAK");
  const firstLyrics = lyrics[0];
  return {
    ...definedEntries({
      title: single.get("TITLE"),
      album: single.get("ALBUM"),
      albumArtist,
      trackNumber: track.no ?? undefined,
      trackTotal: track.of ?? undefined,
      discNumber: disc.no ?? undefined,
      discTotal: disc.of ?? undefined,
      year: year ?? yearFallback,
      lyrics: firstLyrics === undefined ? undefined : lyricsText(firstLyrics),
    }),
    artists: pluralArtists.length > 0 ? pluralArtists : artists,
    genres,
    composers,
    compilation: single.get("COMPILATION") === "1",
    replayGain: definedEntries({
      trackGainDb: trackGain === undefined ? undefined : toRatio(trackGain).dB,
      trackPeak: trackPeak === undefined ? undefined : toRatio(trackPeak).ratio,
      albumGainDb: albumGain === undefined ? undefined : toRatio(albumGain).dB,
      albumPeak: albumPeak === undefined ? undefined : toRatio(albumPeak).ratio,
    }),
    musicBrainz: definedEntries({
      recordingId: single.get("MUSICBRAINZ_TRACKID"),
      releaseId: single.get("MUSICBRAINZ_ALBUMID"),
      artistId: artistIds[0],
    }),
  };
}

/** A TRACKNUMBER/DISCNUMBER value: a total seen before it wins over its own "/N". */
function withPosition(previous: Position, value: string): Position {
  const parsed = normalizePosition(value);
  return { no: parsed.no, of: previous.of ?? parsed.of };
}
