export type { LrcDocument, LrcLine } from "./lrc-parser.js";
export { parseLrc } from "./lrc-parser.js";
export { type ReadTagsOptions, readTags } from "./tags/read-tags.js";
export { type RangeClientStats, storageRangeClient } from "./tags/storage-range-client.js";
export type { TrackTags } from "./tags/track-tags.js";
