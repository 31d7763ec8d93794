export { decodeLyricsText, MAX_LYRICS_FILE_BYTES } from "./lyrics/decode-lyrics-text.js";
export type { LrcDocument, LrcLine, LrcSinger, LrcWord } from "./lyrics/lrc-parser.js";
export { parseLrc } from "./lyrics/lrc-parser.js";
export type {
  Lyrics,
  LyricsLine,
  LyricsSource,
  LyricsWord,
  ToLyricsOptions,
} from "./lyrics/lyrics.js";
export { toLyrics } from "./lyrics/lyrics.js";
export type {
  LyricsFollowerOptions,
  LyricsLineEvent,
  PlaybackReport,
  TimerHandle,
} from "./lyrics/lyrics-follower.js";
export { LyricsFollower } from "./lyrics/lyrics-follower.js";
export type {
  LyricsSources,
  RemoteLyrics,
  ResolvedLyrics,
  ResolveLyricsOptions,
} from "./lyrics/resolve-lyrics.js";
export { resolveLyrics } from "./lyrics/resolve-lyrics.js";
export { fileTagsFrom } from "./scan/file-tags.js";
export {
  MetadataScanner,
  type MetadataScannerOptions,
  type ScanLibrary,
} from "./scan/metadata-scanner.js";
export { type ReadTagsOptions, readTags } from "./tags/read-tags.js";
export { type RangeClientStats, storageRangeClient } from "./tags/storage-range-client.js";
export type { TrackTags } from "./tags/track-tags.js";
