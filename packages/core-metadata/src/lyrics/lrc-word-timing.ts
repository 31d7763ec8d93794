import { timeTagToMs, WORD_TIME_TAG } from "./lrc-time-tag.js";

/** One word (or syllable) of an enhanced-LRC line and when it starts. */
export interface LrcWord {
  /** Milliseconds from the start of the track. */
  timeMs: number;
  /** The word with the space that follows it, so that joining the words gives the line's text. */
  text: string;
}

/** The text of a line with its word tags removed, and its words when it had word tags. */
export interface TimedWords {
  text: string;
  /** Absent when the line has no word tag. */
  words?: LrcWord[];
}

/**
 * Splits the text of an enhanced-LRC (A2) line, `Joy <00:01.66>beautiful <00:03.14>spark`,
 * into timed words. Text before the first word tag starts at the line's time. Runs of
 * white space become one space; a tag followed by nothing (the end of the last word) is
 * dropped. Joining the words' texts always gives the returned `text`.
 *
 * @param lyric - The line after its line time tags.
 * @param lineTimeMs - The line's time, used for text before the first word tag.
 */
export function splitTimedWords(lyric: string, lineTimeMs: number): TimedWords {
  const segments: LrcWord[] = [];
  let segmentStart = 0;
  let segmentTime = lineTimeMs;
  let hasWordTag = false;
  for (const match of lyric.matchAll(WORD_TIME_TAG)) {
    segments.push({ timeMs: segmentTime, text: lyric.slice(segmentStart, match.index) });
    segmentTime = timeTagToMs(match[1], match[2], match[3]);
    segmentStart = match.index + match[0].length;
    hasWordTag = true;
  }
  segments.push({ timeMs: segmentTime, text: lyric.slice(segmentStart) });

  const words: LrcWord[] = [];
  let text = "";
  for (const segment of segments) {
    let piece = segment.text.replace(/\s+/g, " ");
    if (piece.startsWith(" ")) {
      piece = piece.slice(1);
      // A space before a word ends the previous word; at the start of the line it is dropped.
      const previous = words.at(-1);
      if (previous !== undefined && !previous.text.endsWith(" ")) {
        previous.text += " ";
        text += " ";
      }
    }
    if (piece === "") continue;
    words.push({ timeMs: segment.timeMs, text: piece });
    text += piece;
  }
  const last = words.at(-1);
  if (last !== undefined) last.text = last.text.trimEnd();
  text = text.trimEnd();
  return hasWordTag && words.length > 0 ? { text, words } : { text };
}
