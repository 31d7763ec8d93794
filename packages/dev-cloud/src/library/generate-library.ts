import type { SeededRandom } from "../context.js";
import {
  AUDIO_FORMAT_NAMES,
  AUDIO_FORMATS,
  LYRICS_EXTENSION,
  LYRICS_MIME_TYPE,
} from "./audio-formats.js";
import { FOLDER_IMAGE_NAME, folderImageBytes, NOTES_FILE_NAME, notesBytes } from "./extra-files.js";
import { createTrackDrafts, MUSIC_FOLDER_NAME, type TrackDraft } from "./library-layout.js";
import type { AudioFormat, BrokenKind, FileContent, TrackFacts } from "./library-types.js";
import { randomUuidV4 } from "./random-uuid.js";
import { createSeededRandom } from "./seeded-random.js";
import { TONE_DURATION_MS, toneForTrack } from "./tone-plan.js";

/** What {@link generateLibrary} builds. */
export interface GenerateLibraryOptions {
  /** How many tracks; 0 or more. */
  tracks: number;
  /** Same seed, same library (names, facts, layout and times). */
  seed: number;
  /** Milliseconds since the epoch; every generated time lies before it. */
  now: number;
}

/** A folder to create under the drive root. */
export interface PlannedFolder {
  kind: "folder";
  /** Names from the drive root down to this folder, e.g. `["Music", "The Crows"]`. */
  path: readonly string[];
  /** Its created and modified time (ms since the epoch). */
  time: number;
}

/** A file to create under the drive root. */
export interface PlannedFile {
  kind: "file";
  /** Names from the drive root down to this file; its folder is planned before it. */
  path: readonly string[];
  time: number;
  mimeType: string;
  content: FileContent;
}

/** A planned folder or file. */
export type PlannedItem = PlannedFolder | PlannedFile;

/** A generated library: the tracks' facts and the tree of folders and files holding them. */
export interface GeneratedLibrary {
  readonly seed: number;
  /** Every track, `tracks[i].index === i`, in the order their files are planned. */
  readonly tracks: readonly TrackFacts[];
  /** Folders and files, each folder before anything inside it. Names are unique per folder. */
  readonly items: readonly PlannedItem[];
}

/** Below this many tracks the library has no broken files and no guaranteed variety. */
export const MIN_TRACKS_FOR_VARIETY = 10;

/** Picks the generator's own sequence so it never mirrors the server's random draws. */
const LIBRARY_STREAM = 0x11b1;

/** Share of tracks per format, in percent. */
const FORMAT_WEIGHTS: Readonly<Record<AudioFormat, number>> = {
  mp3: 40,
  flac: 20,
  m4a: 15,
  "ogg-vorbis": 10,
  "ogg-opus": 10,
  wav: 5,
};

const BROKEN_KINDS: readonly BrokenKind[] = ["truncated", "corrupt", "not-audio"];

/** Per-track draws that are adjusted after the fact to guarantee variety. */
interface TrackTraits {
  format: AudioFormat;
  hasCover: boolean;
  hasLyrics: boolean;
  broken?: BrokenKind;
}

/**
 * Generates a music library deterministically from a seed, without rendering
 * any audio: 10,000 tracks take about a tenth of a second.
 *
 * Layout: `Music/<Artist>/<Album>/<NN> <Title>.<ext>` (`<D>-<NN> …` on
 * two-disc albums), loose tracks in `Music/Singles/<Artist> - <Title>.<ext>`,
 * an `.lrc` sidecar with the same base name next to each track with lyrics,
 * `Music/notes.txt`, and `folder.jpg` in some album folders.
 *
 * From {@link MIN_TRACKS_FOR_VARIETY} tracks on, the healthy tracks include
 * every format, tracks with and without covers and at least one with lyrics,
 * and about 1 track in 40 (at least one of each kind) is deliberately broken.
 * Smaller libraries have no broken files, so a one-track test library plays.
 *
 * @throws RangeError for a negative or fractional track count, a seed that is
 *   not a safe integer, or a non-finite `now`.
 *
 * @example
 * ```ts
 * const library = generateLibrary({ tracks: 200, seed: 7, now: Date.now() });
 * library.tracks[0]?.frequencyHz; // 220
 * ```
 */
export function generateLibrary(options: GenerateLibraryOptions): GeneratedLibrary {
  const { tracks: trackCount, seed, now } = options;
  if (!Number.isSafeInteger(trackCount) || trackCount < 0) {
    throw new RangeError(`tracks must be a non-negative integer, got ${String(trackCount)}.`);
  }
  if (!Number.isFinite(now)) throw new RangeError(`now must be a finite number, got ${now}.`);
  const random = createSeededRandom(seed, LIBRARY_STREAM);

  const drafts = createTrackDrafts(random, trackCount, now);
  const traits = drawTraits(random, drafts.length);
  if (drafts.length >= MIN_TRACKS_FOR_VARIETY) ensureVariety(random, traits);

  const lrclibIds = new Set<number>();
  const tracks = drafts.map((draft, index) => {
    const trait = traits[index] as TrackTraits;
    let lrclibId = random.integer(1, 99_999_999);
    while (lrclibIds.has(lrclibId)) lrclibId = random.integer(1, 99_999_999);
    lrclibIds.add(lrclibId);
    const facts: TrackFacts = {
      index,
      title: draft.title,
      artist: draft.artist,
      albumArtist: draft.albumArtist,
      album: draft.album,
      trackNumber: draft.trackNumber,
      trackCount: draft.trackCount,
      discNumber: draft.discNumber,
      discCount: draft.discCount,
      year: draft.year,
      genre: draft.genre,
      durationMs: TONE_DURATION_MS,
      frequencyHz: toneForTrack(index),
      format: trait.format,
      hasCover: trait.hasCover,
      hasLyrics: trait.hasLyrics,
      musicBrainz: Object.freeze({
        recordingId: randomUuidV4(random),
        releaseId: draft.releaseId,
        artistId: draft.artistId,
      }),
      lrclibId,
    };
    // Added afterwards rather than spread in: `broken` is absent, not undefined, on healthy tracks.
    if (trait.broken !== undefined) facts.broken = trait.broken;
    return Object.freeze(facts);
  });

  return Object.freeze({
    seed,
    tracks: Object.freeze(tracks),
    items: Object.freeze(planItems(drafts, tracks, now)),
  });
}

function drawTraits(random: SeededRandom, count: number): TrackTraits[] {
  const totalWeight = AUDIO_FORMAT_NAMES.reduce((sum, format) => sum + FORMAT_WEIGHTS[format], 0);
  const drawFormat = (): AudioFormat => {
    let roll = random.next() * totalWeight;
    for (const format of AUDIO_FORMAT_NAMES) {
      roll -= FORMAT_WEIGHTS[format];
      if (roll < 0) return format;
    }
    return "mp3";
  };
  return Array.from({ length: count }, () => ({
    format: drawFormat(),
    hasCover: random.next() < 0.5,
    hasLyrics: random.next() < 0.3,
  }));
}

/**
 * Breaks about 1 track in 40 (at least one of each kind), then nudges the
 * healthy tracks so that every format, a track with and one without a cover,
 * and a track with lyrics are present: tests can count on them.
 */
function ensureVariety(random: SeededRandom, traits: TrackTraits[]): void {
  const brokenCount = Math.max(BROKEN_KINDS.length, Math.round(traits.length / 40));
  const order = traits.map((_, index) => index);
  for (let slot = 0; slot < brokenCount; slot++) {
    // Partial Fisher–Yates: distinct indices without shuffling all 10,000.
    const swap = random.integer(slot, order.length - 1);
    const chosen = order[swap] as number;
    order[swap] = order[slot] as number;
    order[slot] = chosen;
    // The first three cover every kind; later ones are drawn.
    const kind = BROKEN_KINDS[slot < BROKEN_KINDS.length ? slot : random.integer(0, 2)];
    (traits[chosen] as TrackTraits).broken = kind as BrokenKind;
  }

  const healthy = traits.filter((trait) => trait.broken === undefined);
  const pickHealthy = (where: (trait: TrackTraits) => boolean): TrackTraits | undefined => {
    const candidates = healthy.filter(where);
    return candidates[random.integer(0, candidates.length - 1)];
  };
  for (const format of AUDIO_FORMAT_NAMES) {
    if (healthy.some((trait) => trait.format === format)) continue;
    const counts = new Map<AudioFormat, number>();
    for (const trait of healthy) counts.set(trait.format, (counts.get(trait.format) ?? 0) + 1);
    // Take from the most common format so the others stay present.
    const donor = [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
    const track = pickHealthy((trait) => trait.format === donor);
    if (track !== undefined) track.format = format;
  }
  if (!healthy.some((trait) => trait.hasCover)) {
    const track = pickHealthy(() => true);
    if (track !== undefined) track.hasCover = true;
  }
  if (healthy.every((trait) => trait.hasCover)) {
    const track = pickHealthy(() => true);
    if (track !== undefined) track.hasCover = false;
  }
  if (!healthy.some((trait) => trait.hasLyrics)) {
    const track = pickHealthy(() => true);
    if (track !== undefined) track.hasLyrics = true;
  }
}

/** Lays the tracks out as folders and files, parents first. */
function planItems(
  drafts: readonly TrackDraft[],
  tracks: readonly TrackFacts[],
  now: number,
): PlannedItem[] {
  const folderTimes = new Map<string, { path: readonly string[]; time: number }>();
  const files: PlannedFile[] = [];
  const notesTime = Math.floor(now / 1000) * 1000 - 3_600_000;
  files.push({
    kind: "file",
    path: [MUSIC_FOLDER_NAME, NOTES_FILE_NAME],
    time: notesTime,
    mimeType: "text/plain",
    content: { type: "bytes", bytes: notesBytes(tracks.length) },
  });
  const noteFolder = (path: readonly string[], time: number) => {
    // Each folder takes the time of its oldest file, as if created on the first upload.
    for (let depth = 1; depth <= path.length; depth++) {
      const folderPath = path.slice(0, depth);
      const key = folderPath.join("/");
      const known = folderTimes.get(key);
      if (known === undefined || time < known.time)
        folderTimes.set(key, { path: folderPath, time });
    }
  };
  noteFolder([MUSIC_FOLDER_NAME], notesTime);

  drafts.forEach((draft, index) => {
    const track = tracks[index] as TrackFacts;
    noteFolder(draft.folder, draft.time);
    const { extension, mimeType } = AUDIO_FORMATS[track.format];
    files.push({
      kind: "file",
      path: [...draft.folder, `${draft.baseName}.${extension}`],
      time: draft.time,
      mimeType,
      content: { type: "track", track },
    });
    if (track.hasLyrics) {
      files.push({
        kind: "file",
        path: [...draft.folder, `${draft.baseName}.${LYRICS_EXTENSION}`],
        time: draft.time + 1000,
        mimeType: LYRICS_MIME_TYPE,
        content: { type: "lyrics", track },
      });
    }
    if (draft.lastInFolderWithImage) {
      files.push({
        kind: "file",
        path: [...draft.folder, FOLDER_IMAGE_NAME],
        time: draft.time + 2000,
        mimeType: "image/jpeg",
        content: { type: "bytes", bytes: folderImageBytes() },
      });
    }
  });

  // Folders in first-use order, each immediately before the files that first needed it.
  const items: PlannedItem[] = [];
  const emitted = new Set<string>();
  for (const file of files) {
    for (let depth = 1; depth < file.path.length; depth++) {
      const key = file.path.slice(0, depth).join("/");
      if (emitted.has(key)) continue;
      emitted.add(key);
      const folder = folderTimes.get(key);
      if (folder !== undefined) {
        items.push(
          Object.freeze({ kind: "folder", path: Object.freeze(folder.path), time: folder.time }),
        );
      }
    }
    Object.freeze(file.path);
    Object.freeze(file.content);
    items.push(Object.freeze(file));
  }
  return items;
}
