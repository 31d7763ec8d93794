/**
 * The emulated drive's content: a seeded library generator, the store both
 * cloud emulations read and mutate, and the shared data-model contracts.
 */

export type { AudioFormatInfo } from "./audio-formats.js";
export {
  AUDIO_FORMAT_NAMES,
  AUDIO_FORMATS,
  audioFormatForFileName,
  FALLBACK_MIME_TYPE,
  LYRICS_EXTENSION,
  LYRICS_MIME_TYPE,
  mimeTypeForFileName,
} from "./audio-formats.js";
export { FOLDER_IMAGE_NAME, NOTES_FILE_NAME } from "./extra-files.js";
export type {
  GeneratedLibrary,
  GenerateLibraryOptions,
  PlannedFile,
  PlannedFolder,
  PlannedItem,
} from "./generate-library.js";
export { generateLibrary, MIN_TRACKS_FOR_VARIETY } from "./generate-library.js";
export type { LibraryErrorReason } from "./library-error.js";
export { LibraryError } from "./library-error.js";
export { MUSIC_FOLDER_NAME, SINGLES_FOLDER_NAME } from "./library-layout.js";
export type { LibraryStoreOptions } from "./library-store.js";
export {
  createLibraryStore,
  DEFAULT_CACHE_BYTES,
  ITEM_ID_LENGTH,
  ROOT_FOLDER_NAME,
} from "./library-store.js";
export type {
  AudioFormat,
  BrokenKind,
  ChangeRecord,
  CloudItem,
  ContentRenderer,
  FileContent,
  FileItem,
  FolderItem,
  LibraryStore,
  TrackFacts,
  TrackTagValues,
} from "./library-types.js";
export { randomUuidV4 } from "./random-uuid.js";
export { createSeededRandom, TOKEN_ALPHABET } from "./seeded-random.js";
export { TONE_DURATION_MS, TONE_FREQUENCIES_HZ, toneForTrack } from "./tone-plan.js";
