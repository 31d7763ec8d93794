import type { SeededRandom } from "../context.js";
import { NOTES_FILE_NAME } from "./extra-files.js";
import type { TrackTagValues } from "./library-types.js";
import { createNameGenerator, type NameGenerator, uniqueName } from "./name-generator.js";
import { GENRES } from "./name-words.js";
import { randomUuidV4 } from "./random-uuid.js";

/** The top folder holding the whole library. */
export const MUSIC_FOLDER_NAME = "Music";

/** The folder of loose tracks, next to the artist folders. */
export const SINGLES_FOLDER_NAME = "Singles";

/** Where one track goes and what its tags say, before formats and ids are drawn. */
export interface TrackDraft extends TrackTagValues {
  releaseId: string;
  artistId: string;
  /** Folder path from the drive root, e.g. `["Music", "The Crows", "Amber Sky"]`. */
  folder: readonly string[];
  /** File name without extension; the audio file and its `.lrc` share it. */
  baseName: string;
  /** Upload time, ms since the epoch. */
  time: number;
  /** A `folder.jpg` follows this track (the last of an album that has one). */
  lastInFolderWithImage: boolean;
}

interface ArtistPlan {
  name: string;
  genre: string;
  artistId: string;
  albumNames: Set<string>;
  singleTitles: Set<string>;
  albums: AlbumPlan[];
  singles: AlbumPlan[];
}

interface AlbumPlan {
  name: string;
  size: number;
  discCount: number;
  year: number;
  genre: string;
  releaseId: string;
  time: number;
  hasImage: boolean;
}

const FIVE_YEARS_S = 5 * 365 * 86_400;

/**
 * Decides artists, albums, singles and every track's tags and file name, in
 * the order the files are laid out: artists by name, their albums by year,
 * tracks by disc and number, then the singles.
 *
 * Artists number about `tracks / 12` (at least 2 once there are 2 tracks);
 * about 8% of tracks are singles; albums hold 6–14 tracks (fewer only when
 * the whole library is smaller), and some of 10+ tracks span two discs.
 */
export function createTrackDrafts(
  random: SeededRandom,
  trackCount: number,
  now: number,
): TrackDraft[] {
  if (trackCount === 0) return [];
  const names = createNameGenerator(random);
  const nowSeconds = Math.floor(now / 1000);
  const uploadTime = () => (nowSeconds - random.integer(86_400, FIVE_YEARS_S)) * 1000;

  const singleCount = trackCount >= 2 ? Math.max(1, Math.round(trackCount * 0.08)) : 0;
  const albumSizes = splitIntoAlbums(random, trackCount - singleCount);
  const artistCount = Math.min(trackCount, Math.max(2, Math.round(trackCount / 12)));

  // Artist folders share "Music" with these two, so their names are taken.
  const artistNames = new Set([SINGLES_FOLDER_NAME.toLowerCase(), NOTES_FILE_NAME]);
  const artists: ArtistPlan[] = Array.from({ length: artistCount }, () => ({
    name: uniqueName(artistNames, names.artist),
    genre: names.pick(GENRES),
    artistId: randomUuidV4(random),
    albumNames: new Set<string>(),
    singleTitles: new Set<string>(),
    albums: [],
    singles: [],
  }));

  albumSizes.forEach((size, index) => {
    // Every artist gets an album before any gets a second one.
    const artist = artists[index] ?? names.pick(artists);
    artist.albums.push({
      name: uniqueName(artist.albumNames, names.album),
      size,
      discCount: size >= 10 && random.next() < 0.15 ? 2 : 1,
      year: random.integer(1965, 2025),
      genre: random.next() < 0.85 ? artist.genre : names.pick(GENRES),
      releaseId: randomUuidV4(random),
      time: uploadTime(),
      hasImage: random.next() < 0.35,
    });
  });
  const withoutAlbum = artists.filter((artist) => artist.albums.length === 0);
  for (let index = 0; index < singleCount; index++) {
    const artist = withoutAlbum[index] ?? names.pick(artists);
    artist.singles.push({
      // A single's album tag is its own title, as on most digital singles.
      name: uniqueName(artist.singleTitles, names.title),
      size: 1,
      discCount: 1,
      year: random.integer(1965, 2025),
      genre: random.next() < 0.85 ? artist.genre : names.pick(GENRES),
      releaseId: randomUuidV4(random),
      time: uploadTime(),
      hasImage: false,
    });
  }

  const byName = (a: { name: string }, b: { name: string }) =>
    compareText(a.name.toLowerCase(), b.name.toLowerCase());
  artists.sort(byName);
  for (const artist of artists) {
    artist.albums.sort((a, b) => a.year - b.year || byName(a, b));
  }
  const firstAlbum = artists.find((artist) => artist.albums.length > 0)?.albums[0];
  if (firstAlbum !== undefined && !artists.some((a) => a.albums.some((album) => album.hasImage))) {
    firstAlbum.hasImage = true;
  }

  const drafts: TrackDraft[] = [];
  for (const artist of artists) {
    for (const album of artist.albums)
      drafts.push(...albumDrafts(random, names, artists, artist, album));
  }
  const singles = artists.flatMap((artist) =>
    artist.singles.map((single) =>
      draftOf(artist, single, {
        title: single.name,
        artist: artist.name,
        trackNumber: 1,
        trackCount: 1,
        discNumber: 1,
        folder: [MUSIC_FOLDER_NAME, SINGLES_FOLDER_NAME],
        baseName: `${artist.name} - ${single.name}`,
        time: single.time,
        lastInFolderWithImage: false,
      }),
    ),
  );
  singles.sort((a, b) => compareText(a.baseName.toLowerCase(), b.baseName.toLowerCase()));
  drafts.push(...singles);
  return drafts;
}

/** Album sizes adding up to `count`: 6–14 each, unless `count` itself is below 6. */
function splitIntoAlbums(random: SeededRandom, count: number): number[] {
  const sizes: number[] = [];
  let remaining = count;
  while (remaining > 0) {
    // Leave at least 6 for the next album, so no album ends up tiny.
    const size = remaining <= 14 ? remaining : random.integer(6, Math.min(14, remaining - 6));
    sizes.push(size);
    remaining -= size;
  }
  return sizes;
}

function albumDrafts(
  random: SeededRandom,
  names: NameGenerator,
  artists: readonly ArtistPlan[],
  artist: ArtistPlan,
  album: AlbumPlan,
): TrackDraft[] {
  const titles = new Set<string>();
  const firstDiscSize = Math.ceil(album.size / album.discCount);
  const folder = [MUSIC_FOLDER_NAME, artist.name, album.name];
  return Array.from({ length: album.size }, (_, position): TrackDraft => {
    const title = uniqueName(titles, names.title);
    const discNumber = position < firstDiscSize ? 1 : 2;
    const trackNumber = discNumber === 1 ? position + 1 : position + 1 - firstDiscSize;
    const trackCount = discNumber === 1 ? firstDiscSize : album.size - firstDiscSize;
    const number = String(trackNumber).padStart(2, "0");
    let performer = artist.name;
    if (artists.length >= 2 && random.next() < 0.06) {
      // A guest makes `artist` differ from `albumArtist`, as tags often do.
      const draw = random.integer(0, artists.length - 2);
      const guest = artists[draw >= artists.indexOf(artist) ? draw + 1 : draw] ?? artist;
      performer = `${artist.name} feat. ${guest.name}`;
    }
    return draftOf(artist, album, {
      title,
      artist: performer,
      trackNumber,
      trackCount,
      discNumber,
      folder,
      baseName: album.discCount > 1 ? `${discNumber}-${number} ${title}` : `${number} ${title}`,
      time: album.time + position * 5000,
      lastInFolderWithImage: album.hasImage && position === album.size - 1,
    });
  });
}

/** The fields a track takes from its release and artist. */
type ReleaseFields =
  | "albumArtist"
  | "album"
  | "discCount"
  | "year"
  | "genre"
  | "releaseId"
  | "artistId";

/** A draft with its release's tags; one literal, since spreads made 10,000 drafts slow. */
function draftOf(
  artist: ArtistPlan,
  release: AlbumPlan,
  own: Omit<TrackDraft, ReleaseFields>,
): TrackDraft {
  return {
    title: own.title,
    artist: own.artist,
    albumArtist: artist.name,
    album: release.name,
    trackNumber: own.trackNumber,
    trackCount: own.trackCount,
    discNumber: own.discNumber,
    discCount: release.discCount,
    year: release.year,
    genre: release.genre,
    releaseId: release.releaseId,
    artistId: artist.artistId,
    folder: own.folder,
    baseName: own.baseName,
    time: own.time,
    lastInFolderWithImage: own.lastInFolderWithImage,
  };
}

/** Code-unit order: unlike `localeCompare`, the same on every machine. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
