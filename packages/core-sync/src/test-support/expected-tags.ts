/**
 * The tags the library should show for a file before its bytes are read
 * ("files first"), worked out from the dev-cloud's own facts rather than by
 * calling the library's derivation: OneDrive's `audio` facet when the file
 * has one, else the dev-cloud's naming scheme (`NN Title.ext`,
 * `D-NN Title.ext`, `/Music/Artist/Album/`).
 */
import type { TagSource } from "@player/core-library";
import type { CloudFile } from "./ground-truth.js";
import type { ProviderName } from "./sync-harness.js";

/** Tag fields of a library track, and where they came from. */
export interface ExpectedTags {
  title: string;
  artist: string;
  album: string;
  albumArtist?: string;
  trackNumber?: number;
  discNumber?: number;
  year?: number;
  genre?: string;
  durationMs?: number;
  tagSource: TagSource;
}

// The one folder name the dev-cloud uses that holds music rather than naming an artist or album.
const GENERIC_FOLDER = "music";
// "03 Title" and "1-03 Title": how the dev-cloud numbers album tracks.
const NUMBERED = /^(?:(\d)-)?(\d\d) (.+)$/;

/** The tags of `file` (in `folderPath`) as listed by `provider`. */
export function expectedTags(
  provider: ProviderName,
  file: CloudFile,
  folderPath: string,
): ExpectedTags {
  const fromPath = pathTags(file.name, folderPath);
  // OneDrive reads tags of the generated tracks into the `audio` facet; Drive reports none.
  if (
    provider !== "microsoft" ||
    file.content.type !== "track" ||
    file.content.track.broken === "not-audio"
  ) {
    return fromPath;
  }
  const track = file.content.track;
  return {
    title: track.title || fromPath.title,
    artist: track.artist || track.albumArtist || fromPath.artist,
    album: track.album || fromPath.album,
    albumArtist: track.albumArtist,
    trackNumber: track.trackNumber,
    discNumber: track.discNumber,
    year: track.year,
    genre: track.genre,
    durationMs: track.durationMs,
    tagSource: "provider",
  };
}

function pathTags(name: string, folderPath: string): ExpectedTags {
  const dot = name.lastIndexOf(".");
  const base = dot > 0 ? name.slice(0, dot) : name;
  // The folder holding the file names the album, the one above it the artist.
  const folders = folderPath.split("/").filter((folder) => folder !== "");
  const named = (folder: string | undefined) =>
    folder === undefined || folder.toLowerCase() === GENERIC_FOLDER ? "" : folder;
  const album = named(folders.at(-1));
  const numbered = NUMBERED.exec(base);
  const tags: ExpectedTags = {
    title: numbered?.[3] ?? base,
    artist: album === "" ? "" : named(folders.at(-2)),
    album,
    tagSource: "file-name",
  };
  if (numbered?.[2] !== undefined) tags.trackNumber = Number(numbered[2]);
  if (numbered?.[1] !== undefined) tags.discNumber = Number(numbered[1]);
  // Loose files named "Artist - Title" give both when no folder names the artist.
  const dashed = tags.artist === "" ? /^(.+?)\s+[-\u2013]\s+(.+)$/.exec(tags.title) : null;
  if (dashed !== null) {
    tags.artist = (dashed[1] ?? "").trim();
    tags.title = (dashed[2] ?? "").trim();
  }
  return tags;
}
