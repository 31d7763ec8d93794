/**
 * Where the music starts and how long it lasts on an MP4 track's timeline:
 * AAC encoders put a priming delay before the first real sample and pad the
 * last frame. The edit list says so (ffmpeg, Apple), else iTunes' `iTunSMPB`
 * tag, else the usual AAC delay is assumed.
 */

/** AAC's one-frame MDCT delay, which is what most encoders without metadata add. */
export const DEFAULT_AAC_PRIMING_FRAMES = 1024;
/** The `iTunSMPB` text is ~100 bytes; this bounds the copy out of a hostile tag. */
const MAX_SMPB_TEXT_BYTES = 256;

/** One `elst` entry, in mp4box's field names (segment in movie units, media time in track units). */
export interface EditListEntry {
  segment_duration: number;
  media_time: number;
}

/** What the trim is computed from; durations in output frames unless said otherwise. */
export interface GaplessTrimInput {
  edits: readonly EditListEntry[] | undefined;
  movieTimescale: number;
  trackTimescale: number;
  sampleRate: number;
  /** Where the sample table ends on the track's timeline. */
  tableEndFrame: number;
  /** The text of the `iTunSMPB` tag, when the file has one. */
  iTunSmpb: string | undefined;
  /** Whether the codec is AAC (the default delay applies only to it). */
  isAac: boolean;
}

/** The playable span of the track's timeline. */
export interface GaplessTrim {
  /** Timeline frame of the music's first frame (frames before it are priming). */
  startFrame: number;
  /** Frames of music after trimming priming and padding. */
  totalFrames: number;
  source: "edit-list" | "itunes-smpb" | "aac-default" | "none";
}

/** Computes the priming and padding trim; see the module comment for the order of sources. */
export function gaplessTrim(input: GaplessTrimInput): GaplessTrim {
  const fromEdits = trimFromEditList(input);
  if (fromEdits !== undefined) return fromEdits;
  const fromSmpb = input.iTunSmpb === undefined ? undefined : trimFromSmpb(input.iTunSmpb, input);
  if (fromSmpb !== undefined) return fromSmpb;
  const startFrame = input.isAac ? Math.min(DEFAULT_AAC_PRIMING_FRAMES, input.tableEndFrame) : 0;
  return {
    startFrame,
    totalFrames: input.tableEndFrame - startFrame,
    source: input.isAac ? "aac-default" : "none",
  };
}

function trimFromEditList(input: GaplessTrimInput): GaplessTrim | undefined {
  // An empty edit (media_time -1) only delays the presentation: skip it.
  const edit = input.edits?.find((entry) => entry.media_time >= 0);
  if (edit === undefined || input.trackTimescale <= 0) return undefined;
  const startFrame = Math.round((edit.media_time * input.sampleRate) / input.trackTimescale);
  if (startFrame > input.tableEndFrame) return undefined;
  const rest = input.tableEndFrame - startFrame;
  if (edit.segment_duration <= 0 || input.movieTimescale <= 0) {
    return { startFrame, totalFrames: rest, source: "edit-list" };
  }
  const segment = Math.round((edit.segment_duration * input.sampleRate) / input.movieTimescale);
  // The segment is in coarse movie units (often ms); the sample table is exact
  // when the muxer trimmed the last sample's duration, as ffmpeg does.
  const movieUnitFrames = Math.ceil(input.sampleRate / input.movieTimescale);
  const totalFrames = Math.abs(segment - rest) <= movieUnitFrames ? rest : Math.min(segment, rest);
  return { startFrame, totalFrames, source: "edit-list" };
}

function trimFromSmpb(text: string, input: GaplessTrimInput): GaplessTrim | undefined {
  const words = text.trim().split(/\s+/);
  const priming = Number.parseInt(words[1] ?? "", 16);
  const padding = Number.parseInt(words[2] ?? "", 16);
  const length = Number.parseInt(words[3] ?? "", 16);
  if (!(priming >= 0 && priming <= input.tableEndFrame)) return undefined;
  const rest = input.tableEndFrame - priming;
  let totalFrames = rest;
  if (length > 0 && length <= rest) totalFrames = length;
  else if (padding >= 0 && padding <= rest) totalFrames = rest - padding;
  return { startFrame: priming, totalFrames, source: "itunes-smpb" };
}

/**
 * The text of the `iTunSMPB` freeform tag (`----` item with name
 * `iTunSMPB`) inside a `moov`, when there is one.
 */
export function findITunSmpb(moov: Uint8Array): string | undefined {
  const name = indexOfAscii(moov, "iTunSMPB", 0, moov.length);
  if (name < 0) return undefined;
  // The `data` box follows the `name` box: size, "data", type, locale, text.
  const data = indexOfAscii(moov, "data", name, Math.min(moov.length, name + 64));
  if (data < 4) return undefined;
  const size = new DataView(moov.buffer, moov.byteOffset + data - 4, 4).getUint32(0);
  const textStart = data + 12;
  const textEnd = Math.min(data - 4 + size, moov.length, textStart + MAX_SMPB_TEXT_BYTES);
  if (textEnd <= textStart) return undefined;
  return String.fromCharCode(...moov.subarray(textStart, textEnd));
}

function indexOfAscii(bytes: Uint8Array, text: string, from: number, to: number): number {
  const first = text.charCodeAt(0);
  for (let i = from; i + text.length <= to; i++) {
    if (bytes[i] !== first) continue;
    let j = 1;
    while (j < text.length && bytes[i + j] === text.charCodeAt(j)) j++;
    if (j === text.length) return i;
  }
  return -1;
}
