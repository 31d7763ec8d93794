export type { LrcDocument, LrcLine } from "./lrc-parser.js";
export { parseLrc } from "./lrc-parser.js";
