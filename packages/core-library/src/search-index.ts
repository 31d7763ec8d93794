import { foldedWords } from "./text-normalize.js";

/** The searchable text of one track. */
export interface SearchDocument {
  key: string;
  title: string;
  artist: string;
  album: string;
  albumArtist?: string;
}

/** How a query word matched a track: the whole word, its start, or inside it. */
export type MatchKind = "exact" | "prefix" | "inside";

/** One page of search results, best first. */
export interface SearchIndexResult {
  keys: string[];
  /** Worst match kind of each result, by position. */
  matches: MatchKind[];
  /** How many tracks match in all. */
  total: number;
}

const NO_MATCH = 255;
const MATCH_KINDS: readonly MatchKind[] = ["exact", "prefix", "inside"];
/** Words shorter than this match only whole words and word starts, not inside words. */
const MIN_INSIDE_LENGTH = 3;
const MAX_TITLE_WORDS = 31;

/**
 * An in-memory inverted index over title, artist, album and album artist,
 * updated track by track as the library changes. Words are folded (case and
 * accents), every query word must match (AND), and the last one may be
 * incomplete. Results are ranked exact > prefix > inside-word, then by the
 * fewest title words, without sorting the candidates: they are bucketed by
 * rank in one pass, so a one-letter query over 100,000 tracks stays cheap.
 */
export class SearchIndex {
  readonly #ids = new Map<string, number>();
  readonly #keys: (string | undefined)[] = [];
  readonly #words: (readonly string[] | undefined)[] = [];
  readonly #titleWords: number[] = [];
  readonly #free: number[] = [];
  readonly #postings = new Map<string, Set<number>>();
  /** Every indexed word, sorted, for prefix ranges. */
  #vocabulary: string[] = [];

  /** Number of indexed tracks. */
  get size(): number {
    return this.#ids.size;
  }

  /** Adds many documents at once (faster than {@link upsert} one by one on an empty index). */
  addAll(documents: readonly SearchDocument[]): void {
    const before = this.#postings.size;
    for (const document of documents) this.#upsert(document, false);
    if (this.#postings.size !== before) this.#vocabulary = [...this.#postings.keys()].sort();
  }

  /** Adds or replaces one document. */
  upsert(document: SearchDocument): void {
    this.#upsert(document, true);
  }

  /** Removes a document; unknown keys are ignored. */
  remove(key: string): void {
    const id = this.#ids.get(key);
    if (id === undefined) return;
    for (const word of this.#words[id] ?? []) {
      const posting = this.#postings.get(word);
      posting?.delete(id);
      if (posting?.size === 0) {
        this.#postings.delete(word);
        const at = lowerBound(this.#vocabulary, word);
        if (this.#vocabulary[at] === word) this.#vocabulary.splice(at, 1);
      }
    }
    this.#ids.delete(key);
    this.#keys[id] = undefined;
    this.#words[id] = undefined;
    this.#free.push(id);
  }

  /** Forgets everything. */
  clear(): void {
    this.#ids.clear();
    this.#keys.length = 0;
    this.#words.length = 0;
    this.#titleWords.length = 0;
    this.#free.length = 0;
    this.#postings.clear();
    this.#vocabulary = [];
  }

  /** The matching keys, best first, from `offset`. */
  search(query: string, offset: number, limit: number): SearchIndexResult {
    const terms = [...new Set(foldedWords(query))];
    if (terms.length === 0) return { keys: [], matches: [], total: 0 };
    const perTerm = terms
      .map((term) => this.#match(term))
      .sort((a, b) => a.docs.length - b.docs.length);
    const first = perTerm[0];
    if (first === undefined || first.docs.length === 0) return { keys: [], matches: [], total: 0 };
    // rank = (worst kind, sum of kinds, title length): smaller is better.
    const sums = 2 * terms.length + 1;
    const buckets: number[][] = [];
    for (const doc of first.docs) {
      let worst = 0;
      let sum = 0;
      let matched = true;
      for (const term of perTerm) {
        const kind = term.kinds[doc] ?? NO_MATCH;
        if (kind === NO_MATCH) {
          matched = false;
          break;
        }
        if (kind > worst) worst = kind;
        sum += kind;
      }
      if (!matched) continue;
      const length = Math.min(this.#titleWords[doc] ?? 0, MAX_TITLE_WORDS);
      const rank = (worst * sums + sum) * (MAX_TITLE_WORDS + 1) + length;
      let bucket = buckets[rank];
      if (bucket === undefined) {
        bucket = [];
        buckets[rank] = bucket;
      }
      bucket.push(doc);
    }
    const keys: string[] = [];
    const matches: MatchKind[] = [];
    let total = 0;
    for (let rank = 0; rank < buckets.length; rank++) {
      const bucket = buckets[rank];
      if (bucket === undefined) continue;
      const kind = MATCH_KINDS[Math.floor(rank / (MAX_TITLE_WORDS + 1) / sums)] ?? "inside";
      for (const doc of bucket) {
        if (total >= offset && keys.length < limit) {
          const key = this.#keys[doc];
          if (key !== undefined) {
            keys.push(key);
            matches.push(kind);
          }
        }
        total++;
      }
    }
    return { keys, matches, total };
  }

  #upsert(document: SearchDocument, keepSorted: boolean): void {
    const words = [
      ...new Set([
        ...foldedWords(document.title),
        ...foldedWords(document.artist),
        ...foldedWords(document.album),
        ...foldedWords(document.albumArtist),
      ]),
    ];
    const existing = this.#ids.get(document.key);
    if (existing !== undefined) {
      const before = this.#words[existing] ?? [];
      if (before.length === words.length && before.every((word, i) => word === words[i])) {
        this.#titleWords[existing] = foldedWords(document.title).length;
        return;
      }
      this.remove(document.key);
    }
    const id = this.#free.pop() ?? this.#keys.length;
    this.#ids.set(document.key, id);
    this.#keys[id] = document.key;
    this.#words[id] = words;
    this.#titleWords[id] = foldedWords(document.title).length;
    for (const word of words) {
      let posting = this.#postings.get(word);
      if (posting === undefined) {
        posting = new Set();
        this.#postings.set(word, posting);
        if (keepSorted) this.#vocabulary.splice(lowerBound(this.#vocabulary, word), 0, word);
      }
      posting.add(id);
    }
  }

  #match(term: string): { docs: number[]; kinds: Uint8Array } {
    const kinds = new Uint8Array(this.#keys.length).fill(NO_MATCH);
    const docs: number[] = [];
    const mark = (word: string, kind: number) => {
      for (const doc of this.#postings.get(word) ?? []) {
        const current = kinds[doc] ?? NO_MATCH;
        if (current === NO_MATCH) docs.push(doc);
        if (kind < current) kinds[doc] = kind;
      }
    };
    const vocabulary = this.#vocabulary;
    for (let at = lowerBound(vocabulary, term); at < vocabulary.length; at++) {
      const word = vocabulary[at];
      if (word === undefined || !word.startsWith(term)) break;
      mark(word, word === term ? 0 : 1);
    }
    if (term.length >= MIN_INSIDE_LENGTH) {
      for (const word of vocabulary) {
        if (word.length > term.length && !word.startsWith(term) && word.includes(term))
          mark(word, 2);
      }
    }
    return { docs, kinds };
  }
}

function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? "") < value) low = middle + 1;
    else high = middle;
  }
  return low;
}
