import type { AudioFormat } from "./library-types.js";

/** How one audio format is named and served. */
export interface AudioFormatInfo {
  format: AudioFormat;
  /** File extension without the dot. */
  extension: string;
  /** The MIME type the emulated clouds report for such a file. */
  mimeType: string;
}

/**
 * Every audio format of the generated library with its extension and MIME
 * type, as Drive and OneDrive report them for uploaded files.
 */
export const AUDIO_FORMATS: Readonly<Record<AudioFormat, Readonly<AudioFormatInfo>>> =
  Object.freeze({
    mp3: Object.freeze({ format: "mp3", extension: "mp3", mimeType: "audio/mpeg" }),
    flac: Object.freeze({ format: "flac", extension: "flac", mimeType: "audio/flac" }),
    m4a: Object.freeze({ format: "m4a", extension: "m4a", mimeType: "audio/x-m4a" }),
    "ogg-vorbis": Object.freeze({ format: "ogg-vorbis", extension: "ogg", mimeType: "audio/ogg" }),
    "ogg-opus": Object.freeze({ format: "ogg-opus", extension: "opus", mimeType: "audio/ogg" }),
    wav: Object.freeze({ format: "wav", extension: "wav", mimeType: "audio/x-wav" }),
  });

/** The audio formats in a fixed order (the generator draws from it). */
export const AUDIO_FORMAT_NAMES: readonly AudioFormat[] = Object.freeze([
  "mp3",
  "flac",
  "m4a",
  "ogg-vorbis",
  "ogg-opus",
  "wav",
]);

/** Extension of lyrics sidecars. */
export const LYRICS_EXTENSION = "lrc";

/** MIME type of lyrics sidecars. */
export const LYRICS_MIME_TYPE = "text/plain";

/** MIME type of files whose kind is unknown (the clouds' own fallback). */
export const FALLBACK_MIME_TYPE = "application/octet-stream";

const MIME_BY_EXTENSION: ReadonlyMap<string, string> = new Map([
  ...AUDIO_FORMAT_NAMES.map((format) => {
    const info = AUDIO_FORMATS[format];
    return [info.extension, info.mimeType] as const;
  }),
  [LYRICS_EXTENSION, LYRICS_MIME_TYPE],
  ["txt", "text/plain"],
  ["jpg", "image/jpeg"],
  ["jpeg", "image/jpeg"],
  ["png", "image/png"],
]);

/**
 * The MIME type a cloud would guess from a file name's extension, for uploads
 * that do not state one.
 *
 * @returns The MIME type, or `application/octet-stream` for unknown extensions.
 */
export function mimeTypeForFileName(name: string): string {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return FALLBACK_MIME_TYPE;
  return MIME_BY_EXTENSION.get(name.slice(dot + 1).toLowerCase()) ?? FALLBACK_MIME_TYPE;
}

/**
 * The audio format of a file name's extension (`.ogg` is Vorbis, `.opus` is Opus).
 *
 * @returns The format, or `undefined` when the extension is not one of the library's.
 */
export function audioFormatForFileName(name: string): AudioFormat | undefined {
  const dot = name.lastIndexOf(".");
  if (dot <= 0) return undefined;
  const extension = name.slice(dot + 1).toLowerCase();
  return AUDIO_FORMAT_NAMES.find((format) => AUDIO_FORMATS[format].extension === extension);
}
