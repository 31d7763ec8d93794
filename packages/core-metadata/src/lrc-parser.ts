/** One timed lyric line. */
export interface LrcLine {
  /** When the line starts, in milliseconds from the start of the track, offset applied. */
  timeMs: number;
  /** The lyric text; empty for a timestamp that only clears the previous line. */
  text: string;
}

/** A parsed LRC file. */
export interface LrcDocument {
  /** ID tags by lower-cased name (`ti`, `ar`, `al`, `by`, `offset`, `length`...), values trimmed. */
  tags: Record<string, string>;
  /** Timed lines sorted by time; lines with equal times keep their order in the file. */
  lines: LrcLine[];
}

// [mm:ss], [mm:ss.x], [mm:ss.xx], [mm:ss.xxx]; some tools write ":" before the fraction.
const TIME_TAG = /^\[(\d{1,4}):([0-5]?\d)(?:[.:](\d{1,3}))?\]/;
const ID_TAG = /^\[([A-Za-z][A-Za-z0-9_-]*):([^\]]*)\]/;
// Enhanced LRC (A2) word timings inside the text: <mm:ss.xx>.
const WORD_TIME_TAG = /<\d{1,4}:\d{1,2}(?:[.:]\d{1,3})?>/g;
const OFFSET_VALUE = /^[+-]?\d+$/;

/**
 * Parses LRC lyrics: ID tags, lines with one or several timestamps, and the
 * `[offset:±ms]` tag (a positive offset makes lyrics appear sooner). Accepts
 * CRLF or LF, a leading BOM, and ignores blank or unparseable lines.
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

  for (const rawLine of source.split(/\r\n|\r|\n/)) {
    let rest = rawLine.trim();
    const times: number[] = [];
    for (let match = TIME_TAG.exec(rest); match !== null; match = TIME_TAG.exec(rest)) {
      times.push(toMilliseconds(match[1] ?? "0", match[2] ?? "0", match[3]));
      rest = rest.slice(match[0].length).trimStart();
    }
    if (times.length > 0) {
      const lyric = rest.replace(WORD_TIME_TAG, "").replace(/\s+/g, " ").trim();
      for (const timeMs of times) lines.push({ timeMs, text: lyric });
      continue;
    }
    const idTag = ID_TAG.exec(rest);
    if (idTag !== null) tags.set((idTag[1] ?? "").toLowerCase(), (idTag[2] ?? "").trim());
  }

  const offset = tags.get("offset");
  if (offset !== undefined && OFFSET_VALUE.test(offset)) {
    const offsetMs = Number.parseInt(offset, 10);
    for (const line of lines) line.timeMs = Math.max(0, line.timeMs - offsetMs);
  }
  // Array.prototype.sort is stable, so equal times keep file order.
  lines.sort((a, b) => a.timeMs - b.timeMs);
  // fromEntries defines own properties, so a "__proto__" tag cannot touch the prototype.
  return { tags: Object.fromEntries(tags), lines };
}

function toMilliseconds(minutes: string, seconds: string, fraction: string | undefined): number {
  // ".5" is half a second, ".50" too, ".500" too: scale the fraction by its digit count.
  const fractionMs = fraction === undefined ? 0 : Number(fraction.padEnd(3, "0"));
  return Number(minutes) * 60_000 + Number(seconds) * 1000 + fractionMs;
}
