import { type LrcSinger, parseLrc } from "./lrc-parser.js";

/** Where lyrics came from: the file's tags, a `.lrc` file next to it, or a lyrics service. */
export type LyricsSource = "embedded" | "sidecar" | "remote";

/** One word (or syllable) of a synced line, for karaoke-style highlighting. */
export interface LyricsWord {
  /** Milliseconds from the start of the track. */
  timeMs: number;
  /** The word with the space that follows it: joining a line's words gives its text. */
  text: string;
}

/** One line of synced lyrics. */
export interface LyricsLine {
  /** When the line starts, in milliseconds from the start of the track. */
  timeMs: number;
  /** The text; an empty line clears the display (an instrumental break). */
  text: string;
  /** Word timings, when the source had them (enhanced LRC). */
  words?: LyricsWord[];
  /** Who sings the line, when the source said so (Walaoke duets). */
  singer?: LrcSinger;
}

/**
 * A track's lyrics: timed lines, or plain text when the source has no timing.
 * Plain data, safe to structured-clone across the worker boundary.
 */
export type Lyrics =
  | { synced: true; lines: LyricsLine[]; source: LyricsSource; language?: string }
  | { synced: false; text: string; source: LyricsSource };

/** Options of {@link toLyrics}. */
export interface ToLyricsOptions {
  /** Language of synced lyrics (e.g. from an ID3 `USLT` frame); else the LRC `[la:]` tag, if any. */
  language?: string;
}

// ID tags that may head a file whose lines carry no time tag.
const KNOWN_ID_TAG_LINE = /^\[(?:ti|ar|al|au|by|length|offset|re|ve|la|lr|#):[^\]]*\]$/i;
const HAS_TIME_TAG = /^\[\d{1,4}:\d{1,2}(?:[.:]\d{1,3})?\]/;

/**
 * Turns lyrics text (LRC or plain) into {@link Lyrics}. The text is synced when
 * it has at least one timed line with text; otherwise it is plain text, trimmed,
 * with line breaks normalised to `\n` and LRC ID-tag lines removed.
 *
 * @returns `undefined` when there is nothing to show.
 *
 * @example
 * ```ts
 * toLyrics("[00:17.12] I feel…", "remote");
 * // { synced: true, lines: [{ timeMs: 17120, text: "I feel…" }], source: "remote" }
 * toLyrics("  Just words\n", "embedded");
 * // { synced: false, text: "Just words", source: "embedded" }
 * ```
 */
export function toLyrics(
  text: string,
  source: LyricsSource,
  options: ToLyricsOptions = {},
): Lyrics | undefined {
  const document = parseLrc(text);
  if (document.lines.some((line) => line.text !== "")) {
    const lyrics: Lyrics = { synced: true, lines: document.lines, source };
    const language = options.language ?? document.tags.la;
    if (language !== undefined && language !== "") lyrics.language = language;
    return lyrics;
  }
  const plain = text
    .replace(/^\uFEFF/, "")
    .split(/\r\n|\r|\n/)
    .filter((line) => !KNOWN_ID_TAG_LINE.test(line.trim()) && !HAS_TIME_TAG.test(line.trim()))
    .join("\n")
    .trim();
  return plain === "" ? undefined : { synced: false, text: plain, source };
}
