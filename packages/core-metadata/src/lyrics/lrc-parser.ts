import { LINE_TIME_TAG, timeTagToMs } from "./lrc-time-tag.js";
import { type LrcWord, splitTimedWords } from "./lrc-word-timing.js";

export type { LrcWord } from "./lrc-word-timing.js";

/** Who sings a line, from the Walaoke `M:`, `F:`, `D:` prefixes. */
export type LrcSinger = "male" | "female" | "duet";

/** One timed lyric line. */
export interface LrcLine {
  /** When the line starts, in milliseconds from the start of the track, offset applied. */
  timeMs: number;
  /** The lyric text without word tags; empty for a time tag that only clears the previous line. */
  text: string;
  /** Enhanced-LRC (A2) word timings, offset applied; absent when the line has no word tag. */
  words?: LrcWord[];
  /** From a Walaoke prefix; it holds for the following lines until the next prefix. */
  singer?: LrcSinger;
}

/** A parsed LRC file. */
export interface LrcDocument {
  /** ID tags by lower-cased name (`ti`, `ar`, `al`, `au`, `by`, `length`, `offset`, `re`, `ve`...), values trimmed. */
  tags: Record<string, string>;
  /** Timed lines sorted by time; lines with equal times keep their order in the file. */
  lines: LrcLine[];
}

const ID_TAG = /^\[([A-Za-z][A-Za-z0-9_-]*):([^\]]*)\]/;
const OFFSET_VALUE = /^[+-]?\d{1,9}$/;
const SINGER_PREFIX = /^([MFD]):\s*/;
const SINGERS: Record<string, LrcSinger> = { M: "male", F: "female", D: "duet" };

/**
 * Parses LRC lyrics as found in the wild: ID tags, lines with one or several
 * time tags (`[00:21.10][00:45.10]chorus`), 1- to 3-digit fractions and
 * `[mm:ss:xx]`, minutes past 59, enhanced-LRC word tags (`<mm:ss.xx>`), Walaoke
 * singer prefixes, and the `[offset:±ms]` tag (effective time = tag time −
 * offset, clamped at zero). Accepts CRLF, CR or LF and a leading BOM; blank
 * lines and text lines without a time tag are ignored. Never throws.
 *
 * @param text - The LRC file's contents.
 * @returns The tags and the timed lines, sorted by time.
 *
 * @example
 * ```ts
 * parseLrc("[ti:Song]\n[00:12.00][00:45.50]La la");
 * // { tags: { ti: "Song" }, lines: [{ timeMs: 12000, text: "La la" }, { timeMs: 45500, text: "La la" }] }
 * ```
 */
export function parseLrc(text: string): LrcDocument {
  const tags = new Map<string, string>();
  const lines: LrcLine[] = [];
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  let singer: LrcSinger | undefined;

  for (const rawLine of source.split(/\r\n|\r|\n/)) {
    let rest = rawLine.trim();
    const times: number[] = [];
    for (let match = LINE_TIME_TAG.exec(rest); match !== null; match = LINE_TIME_TAG.exec(rest)) {
      times.push(timeTagToMs(match[1], match[2], match[3]));
      rest = rest.slice(match[0].length).trimStart();
    }
    const firstTime = times[0];
    if (firstTime === undefined) {
      const idTag = ID_TAG.exec(rest);
      if (idTag !== null) tags.set((idTag[1] ?? "").toLowerCase(), (idTag[2] ?? "").trim());
      continue;
    }
    const prefix = SINGER_PREFIX.exec(rest);
    if (prefix !== null) {
      singer = SINGERS[prefix[1] ?? ""];
      rest = rest.slice(prefix[0].length);
    }
    const lyric = splitTimedWords(rest, firstTime);
    for (const timeMs of times) {
      const line: LrcLine = { timeMs, text: lyric.text };
      // Word tags hold absolute times for the first occurrence; a repeat shifts them along.
      if (lyric.words !== undefined) {
        line.words = lyric.words.map((word) => ({
          ...word,
          timeMs: word.timeMs + timeMs - firstTime,
        }));
      }
      if (singer !== undefined) line.singer = singer;
      lines.push(line);
    }
  }

  const offset = tags.get("offset")?.replace(/\s+/g, "");
  if (offset !== undefined && OFFSET_VALUE.test(offset)) {
    const offsetMs = Number.parseInt(offset, 10);
    for (const line of lines) {
      line.timeMs = Math.max(0, line.timeMs - offsetMs);
      for (const word of line.words ?? []) word.timeMs = Math.max(0, word.timeMs - offsetMs);
    }
  }
  // Array.prototype.sort is stable, so equal times keep file order.
  lines.sort((a, b) => a.timeMs - b.timeMs);
  // fromEntries defines own properties, so a "__proto__" tag cannot touch the prototype.
  return { tags: Object.fromEntries(tags), lines };
}
