/** `[ar:Artist]`, `[length:03:00]`, …: ID tags before the lyrics. */
const ID_TAG_LINE = /^\[[A-Za-z#]+:[^\]]*\]\s*$/;
/** One or more leading time tags, `[mm:ss.xx]` (also `.xxx` and `:ss` without fraction). */
const LINE_TIME_TAGS = /^(?:\[\d{1,3}:\d{1,2}(?:[.:]\d{1,3})?\]\s*)+/;
/** Enhanced-LRC word tags, `<mm:ss.xx>`. */
const WORD_TIME_TAG = /<\d{1,3}:\d{1,2}(?:[.:]\d{1,3})?>\s*/g;

/**
 * Turns LRC text into LRCLIB's `plainLyrics`: the lyric lines without time
 * tags, word tags or ID tags; leading and trailing blank lines dropped.
 *
 * @param lrc - LRC text, as in a `.lrc` file or LRCLIB's `syncedLyrics`.
 *
 * @example
 * ```ts
 * plainLyricsFromLrc("[ti:Song]\n[00:01.00]Hello\n[00:02.50]<00:02.50>big <00:03.00>world\n");
 * // "Hello\nbig world"
 * ```
 */
export function plainLyricsFromLrc(lrc: string): string {
  const lines: string[] = [];
  for (const rawLine of lrc.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    if (ID_TAG_LINE.test(rawLine)) continue;
    lines.push(rawLine.replace(LINE_TIME_TAGS, "").replace(WORD_TIME_TAG, "").trim());
  }
  while (lines.length > 0 && lines[0] === "") lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === "") lines.pop();
  return lines.join("\n");
}
