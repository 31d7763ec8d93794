import type { TrackFacts } from "../library/library-types.js";

/** One term of a search query: `field:"a phrase"`, `field:word`, `"a phrase"` or `word`. */
export interface QueryTerm {
  /** Lower-cased field name, absent for a term that may match any name. */
  field?: string;
  value: string;
  /** Quoted: the whole phrase must occur, not just its words. */
  phrase: boolean;
}

/** A query the emulation does not understand. */
export class QueryParseError extends Error {
  override readonly name = "QueryParseError";
}

/** Fields the recording search understands, mapped to the track facts they read. */
const FIELDS: Readonly<Record<string, (track: TrackFacts) => string>> = {
  recording: (track) => track.title,
  artist: (track) => track.artist,
  artistname: (track) => track.artist,
  creditname: (track) => track.artist,
  release: (track) => track.album,
  arid: (track) => track.musicBrainz.artistId,
  reid: (track) => track.musicBrainz.releaseId,
  rid: (track) => track.musicBrainz.recordingId,
  date: (track) => String(track.year),
  tnum: (track) => String(track.trackNumber),
};
/** Fields compared whole: ids and numbers have no words to match partly. */
const EXACT_FIELDS = new Set(["arid", "reid", "rid", "date", "tnum"]);
/** Bare terms look in these. */
const DEFAULT_FIELDS = ["recording", "artist", "release"] as const;

/**
 * Parses the subset of Lucene syntax the emulation supports: fielded and bare
 * terms, quoted phrases, backslash escapes, and `AND` (`&&`) between terms.
 * Every term must match (AND is the only operator); parentheses are ignored.
 *
 * @param query - The `query` parameter of `/ws/2/recording`.
 * @throws QueryParseError for `OR`, `NOT`, `-`/`+` prefixes, an unknown field
 *   or an unterminated phrase, which the emulation would otherwise silently misread.
 */
export function parseRecordingQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let position = 0;
  const atEnd = (): boolean => position >= query.length;
  const peek = (): string => query[position] ?? "";

  const readWord = (): string => {
    let word = "";
    while (!atEnd() && !/[\s()"]/.test(peek())) {
      if (peek() === "\\" && position + 1 < query.length) position++;
      word += peek();
      position++;
    }
    return word;
  };
  const readPhrase = (): string => {
    position++; // opening quote
    let phrase = "";
    while (!atEnd() && peek() !== '"') {
      if (peek() === "\\" && position + 1 < query.length) position++;
      phrase += peek();
      position++;
    }
    if (atEnd()) throw new QueryParseError("Unterminated phrase in query.");
    position++; // closing quote
    return phrase;
  };

  while (!atEnd()) {
    const char = peek();
    if (/[\s()]/.test(char)) {
      position++;
      continue;
    }
    if (char === '"') {
      terms.push({ value: readPhrase(), phrase: true });
      continue;
    }
    const fieldMatch = /^([A-Za-z_]+):/.exec(query.slice(position));
    if (fieldMatch?.[1] !== undefined) {
      const field = fieldMatch[1].toLowerCase();
      if (FIELDS[field] === undefined) throw new QueryParseError(`Unsupported field "${field}".`);
      position += fieldMatch[0].length;
      if (peek() === '"') terms.push({ field, value: readPhrase(), phrase: true });
      else terms.push({ field, value: readWord(), phrase: false });
      continue;
    }
    // An escaped first character (`\-`, `\!`) makes a literal word, never an operator.
    const escaped = char === "\\";
    const word = readWord();
    if (escaped) {
      terms.push({ value: word, phrase: false });
      continue;
    }
    if (word === "AND" || word === "&&") continue;
    if (word === "OR" || word === "||" || word === "NOT" || /^[-+!]/.test(word)) {
      throw new QueryParseError(`Unsupported operator "${word}": only AND is emulated.`);
    }
    terms.push({ value: word, phrase: false });
  }
  const meaningful = terms.filter((term) => normalize(term.value) !== "");
  if (meaningful.length === 0) throw new QueryParseError("The query has no search terms.");
  return meaningful;
}

/**
 * Scores a track against parsed terms the way MusicBrainz ranks results:
 * 100 when every term equals its field exactly, lower for partial matches.
 *
 * @returns The score from 1 to 100, or `undefined` when some term does not match.
 */
export function scoreRecording(terms: readonly QueryTerm[], track: TrackFacts): number | undefined {
  let total = 0;
  let allExact = true;
  for (const term of terms) {
    const fields = term.field === undefined ? DEFAULT_FIELDS : [term.field];
    let best = 0;
    for (const field of fields) {
      const read = FIELDS[field];
      if (read !== undefined) best = Math.max(best, termScore(term, field, read(track)));
    }
    if (best === 0) return undefined;
    if (best < 1) allExact = false;
    total += best;
  }
  if (allExact) return 100;
  return Math.max(1, Math.min(99, Math.round((100 * total) / terms.length)));
}

/** 1 for an exact match, a share of the field's length for a partial one, 0 for none. */
function termScore(term: QueryTerm, field: string, fieldValue: string): number {
  const value = normalize(fieldValue);
  const wanted = normalize(term.value);
  if (value === wanted) return 1;
  if (EXACT_FIELDS.has(field)) return 0;
  const found = term.phrase
    ? ` ${value} `.includes(` ${wanted} `)
    : value.split(" ").includes(wanted);
  return found ? wanted.length / value.length : 0;
}

/** Lucene's analyser ignores case and punctuation; so does this. */
function normalize(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
