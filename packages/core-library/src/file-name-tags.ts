import type { ProviderTags, RemoteFile } from "./sync-contract.js";
import type { TrackDetails } from "./track.js";

/** Tags read from the file itself: the common fields and the details only a file tells. */
export interface FileTags extends FileNameTags {
  details?: TrackDetails;
}

/** The tags of a track before its file is read: from the provider, else from its name and path. */
export interface FileNameTags {
  title: string;
  artist: string;
  album: string;
  albumArtist?: string;
  trackNumber?: number;
  discNumber?: number;
  year?: number;
  genre?: string;
  durationMs?: number;
}

// "03 ", "03 - ", "03. ", "1-03 ", "1.03 ", "03_": an optional disc, then up to three digits.
const LEADING_NUMBER = /^\s*(?:(\d{1,2})[-.](?=\d))?(\d{1,3})(?:\s*[-._)]\s*|\s+)/;
// Folders that hold music rather than name an artist or album.
const GENERIC_FOLDERS = new Set([
  "music",
  "my music",
  "musik",
  "musique",
  "musica",
  "música",
  "audio",
  "songs",
  "mp3",
  "itunes",
  "itunes media",
  "media",
]);
const DISC_FOLDER = /^(?:cd|dis[ck])\s*[-_]?\s*(\d{1,2})$/i;
// "Artist - Title" (hyphen or en dash with spaces around it), as loose files are often named.
const ARTIST_DASH_TITLE = /^(.+?)\s+[-\u2013]\s+(.+)$/;

/** The file name without its extension (`.hidden` names keep their dot). */
export function baseNameOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/**
 * Tags for a file whose bytes were not read yet. Provider tags win field by
 * field; the rest comes from the name (`1-03 Song.mp3` → disc 1, track 3,
 * "Song") and the folders (`/Music/Artist/Album/…`).
 */
export function fileNameTags(file: RemoteFile): FileNameTags {
  const derived = deriveFromPath(file.name, file.folderPath);
  const tags: ProviderTags = file.tags ?? {};
  const result: FileNameTags = {
    title: nonEmpty(tags.title) ?? derived.title,
    artist: nonEmpty(tags.artist) ?? nonEmpty(tags.albumArtist) ?? derived.artist,
    album: nonEmpty(tags.album) ?? derived.album,
  };
  const albumArtist = nonEmpty(tags.albumArtist);
  if (albumArtist !== undefined) result.albumArtist = albumArtist;
  const trackNumber = tags.trackNumber ?? derived.trackNumber;
  if (trackNumber !== undefined) result.trackNumber = trackNumber;
  const discNumber = tags.discNumber ?? derived.discNumber;
  if (discNumber !== undefined) result.discNumber = discNumber;
  if (tags.year !== undefined) result.year = tags.year;
  const genre = nonEmpty(tags.genre);
  if (genre !== undefined) result.genre = genre;
  if (tags.durationMs !== undefined) result.durationMs = tags.durationMs;
  return result;
}

function deriveFromPath(fileName: string, folderPath: string): FileNameTags {
  const base = baseNameOf(fileName);
  const number = LEADING_NUMBER.exec(base);
  const stripped = number === null ? base : base.slice(number[0].length).trim();
  const result: FileNameTags = {
    title: stripped === "" ? base.trim() : stripped,
    artist: "",
    album: "",
  };
  if (number !== null && stripped !== "") {
    result.trackNumber = Number(number[2]);
    if (number[1] !== undefined) result.discNumber = Number(number[1]);
  }
  const folders = folderPath.split("/").filter((segment) => segment !== "");
  const last = folders.at(-1);
  const disc = last === undefined ? null : DISC_FOLDER.exec(last);
  if (disc !== null) {
    folders.pop();
    result.discNumber ??= Number(disc[1]);
  }
  const album = folders.at(-1);
  if (album === undefined || isGeneric(album)) return splitArtistFromTitle(result);
  result.album = album;
  const artist = folders.at(-2);
  if (artist !== undefined && !isGeneric(artist)) result.artist = artist;
  return splitArtistFromTitle(result);
}

/** With no artist folder, `Artist - Title` names give both. */
function splitArtistFromTitle(result: FileNameTags): FileNameTags {
  if (result.artist !== "") return result;
  const parts = ARTIST_DASH_TITLE.exec(result.title);
  if (parts === null) return result;
  result.artist = (parts[1] ?? "").trim();
  result.title = (parts[2] ?? "").trim();
  return result;
}

function isGeneric(folder: string): boolean {
  return GENERIC_FOLDERS.has(folder.trim().toLowerCase());
}

function nonEmpty(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}
