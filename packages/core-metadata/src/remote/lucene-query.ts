/** Lucene's special characters (its query parser syntax); `&&` and `||` are covered by `&` and `|`. */
const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * Escapes every Lucene special character of `value` with a backslash, so a
 * title such as `Help! (Live)` or `AC/DC: "Back in Black"` is searched as text.
 *
 * @example
 * ```ts
 * escapeLucene('Help! (Live)'); // 'Help\\! \\(Live\\)'
 * ```
 */
export function escapeLucene(value: string): string {
  return value.replace(LUCENE_SPECIAL, (char) => `\\${char}`);
}

/**
 * A fielded phrase term, `field:"value"`, with the value escaped; line breaks
 * and other control characters become spaces (they mean nothing to a search).
 */
export function phraseTerm(field: string, value: string): string {
  const text = value.replace(/\p{Cc}+/gu, " ").trim();
  return `${field}:"${escapeLucene(text)}"`;
}

/** What a recording search looks for. */
export interface RecordingQueryParts {
  title: string;
  artist: string;
  album?: string;
}

/**
 * The MusicBrainz recording search for a track:
 * `recording:"…" AND artist:"…"`, plus `AND release:"…"` when the album is known.
 *
 * @example
 * ```ts
 * recordingQuery({ title: "Help!", artist: "The Beatles" });
 * // 'recording:"Help\\!" AND artist:"The Beatles"'
 * ```
 */
export function recordingQuery(parts: RecordingQueryParts): string {
  const terms = [phraseTerm("recording", parts.title), phraseTerm("artist", parts.artist)];
  if (parts.album !== undefined && parts.album.trim() !== "") {
    terms.push(phraseTerm("release", parts.album));
  }
  return terms.join(" AND ");
}
