export type { AudioFileKind } from "./audio-file-kind.js";
export { audioFileKind } from "./audio-file-kind.js";
