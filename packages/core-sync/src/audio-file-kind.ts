import { isCoverImageName } from "@player/core-library";

/**
 * What a cloud file is to the player: a music file of a given format, an LRC
 * lyrics sidecar, or a cover image beside the music (`cover.jpg`, `folder.png`,
 * `front.webp`).
 */
export type AudioFileKind = "mp3" | "flac" | "ogg" | "opus" | "m4a" | "wav" | "lrc" | "cover";

const KIND_BY_EXTENSION: Readonly<Record<string, AudioFileKind>> = {
  mp3: "mp3",
  flac: "flac",
  ogg: "ogg",
  oga: "ogg",
  opus: "opus",
  m4a: "m4a",
  wav: "wav",
  wave: "wav",
  lrc: "lrc",
};

/** Every file extension (lower case, no dot) that {@link audioFileKind} recognises. */
export const AUDIO_FILE_EXTENSIONS: readonly string[] = Object.freeze(
  Object.keys(KIND_BY_EXTENSION),
);

const KIND_BY_MIME_TYPE: Readonly<Record<string, AudioFileKind>> = {
  "audio/mpeg": "mp3",
  "audio/mp3": "mp3",
  "audio/flac": "flac",
  "audio/x-flac": "flac",
  "audio/ogg": "ogg",
  "application/ogg": "ogg",
  "audio/opus": "opus",
  "audio/mp4": "m4a",
  "audio/x-m4a": "m4a",
  "audio/aac": "m4a",
  "audio/wav": "wav",
  "audio/x-wav": "wav",
  "audio/wave": "wav",
  "audio/vnd.wave": "wav",
};

/**
 * Decides from a cloud file's name and MIME type whether it is music (and in
 * which format), an LRC lyrics sidecar or a cover image (by its name alone). The extension wins when it is known
 * (providers often report a generic MIME type); the MIME type decides
 * otherwise, and refines `.ogg` to `opus` when it says `codecs=opus`.
 *
 * @param name - The file's name, e.g. `01 Intro.FLAC`.
 * @param mimeType - The MIME type the provider reports, parameters allowed.
 * @returns The kind, or `undefined` for files the player ignores.
 *
 * @example
 * ```ts
 * audioFileKind("Song.MP3"); // "mp3"
 * audioFileKind("track", "audio/x-flac"); // "flac"
 * audioFileKind("Cover.JPG", "image/jpeg"); // "cover"
 * audioFileKind("scan.jpg", "image/jpeg"); // undefined
 * ```
 */
export function audioFileKind(name: string, mimeType?: string): AudioFileKind | undefined {
  // macOS leaves "._name.mp3" AppleDouble files next to real ones on synced
  // drives; they hold Finder metadata, not audio.
  if (name.startsWith("._")) return undefined;
  if (isCoverImageName(name)) return "cover";
  const fromExtension = kindFromExtension(name);
  const fromMimeType = mimeType === undefined ? undefined : kindFromMimeType(mimeType);
  if (fromExtension === "ogg" && fromMimeType === "opus") return "opus";
  return fromExtension ?? fromMimeType;
}

function kindFromExtension(name: string): AudioFileKind | undefined {
  const dot = name.lastIndexOf(".");
  if (dot < 0 || dot === name.length - 1) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  return Object.hasOwn(KIND_BY_EXTENSION, extension) ? KIND_BY_EXTENSION[extension] : undefined;
}

function kindFromMimeType(mimeType: string): AudioFileKind | undefined {
  const [essence = "", ...parameters] = mimeType.toLowerCase().split(";");
  const type = essence.trim();
  if (!Object.hasOwn(KIND_BY_MIME_TYPE, type)) return undefined;
  const kind = KIND_BY_MIME_TYPE[type];
  // "audio/ogg; codecs=opus" is Opus in an Ogg container, as a .opus file is.
  if (kind === "ogg" && parameters.some((p) => /^\s*codecs="?opus"?\s*$/.test(p))) return "opus";
  return kind;
}
