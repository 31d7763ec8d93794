import type { TrackSort } from "@player/core-library";

/** The fields of a stored track row the naive reference reads. */
export interface RawTrackRow {
  key: string;
  title: string;
  artist: string;
  album: string;
  albumArtist?: string;
  titleSort: string;
  artistSort: string;
  albumSort: string;
  addedAt: number;
  durationSort: number;
}

const MARKS = /\p{M}+/gu;
const fold = (text: string) => text.normalize("NFKD").replace(MARKS, "").toLowerCase();

type Comparable = string | number;
const SORT_FIELDS: Record<Exclude<TrackSort, "playCount">, (row: RawTrackRow) => Comparable[]> = {
  title: (r) => [r.titleSort, r.key],
  artist: (r) => [r.artistSort, r.albumSort, r.key],
  album: (r) => [r.albumSort, r.key],
  dateAdded: (r) => [r.addedAt, r.key],
  duration: (r) => [r.durationSort, r.key],
};

function compare(left: Comparable[], right: Comparable[]): number {
  for (let i = 0; i < left.length; i++) {
    const a = left[i] as Comparable;
    const b = right[i] as Comparable;
    if (a !== b) return a < b ? -1 : 1;
  }
  return 0;
}

/**
 * The reference: what an app without the library's indexes would do. Every
 * row is read once (`getAll`) and its searchable text folded up front; then
 * each query filters all rows in JS, and each sorted page sorts all rows.
 */
export class NaiveScan {
  readonly #rows: RawTrackRow[];
  readonly #texts: string[];

  constructor(rows: RawTrackRow[]) {
    this.#rows = rows;
    this.#texts = rows.map((r) => fold(`${r.title} ${r.artist} ${r.album} ${r.albumArtist ?? ""}`));
  }

  /** Rows where every query word appears; the first `limit` in stored order, and the total. */
  search(query: string, limit: number): { keys: string[]; total: number } {
    const words = fold(query)
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    const keys: string[] = [];
    let total = 0;
    this.#texts.forEach((text, i) => {
      if (!words.every((word) => text.includes(word))) return;
      total++;
      if (keys.length < limit) keys.push((this.#rows[i] as RawTrackRow).key);
    });
    return { keys, total };
  }

  /** The first page of `limit` rows in a sort order. */
  page(sort: keyof typeof SORT_FIELDS, limit: number): RawTrackRow[] {
    const key = SORT_FIELDS[sort];
    return [...this.#rows].sort((a, b) => compare(key(a), key(b))).slice(0, limit);
  }
}

/** Reads every row of the library's `tracks` store with one `getAll`. */
export function readAllTracks(factory: IDBFactory, name: string): Promise<RawTrackRow[]> {
  return new Promise((resolve, reject) => {
    const open = factory.open(name);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const request = db.transaction("tracks", "readonly").objectStore("tracks").getAll();
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        db.close();
        resolve(request.result as RawTrackRow[]);
      };
    };
  });
}
