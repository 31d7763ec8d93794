import type { LibraryDatabase } from "./library-database.js";
import type { TrackRecord } from "./library-records.js";
import { type MatchKind, SearchIndex } from "./search-index.js";
import type { Track } from "./track.js";
import { pageSize } from "./track-query.js";
import { toTrack } from "./track-records.js";

/** One search result. */
export interface SearchHit {
  track: Track;
  /** The weakest way a query word matched this track. */
  match: MatchKind;
}

/** One page of search results, best first. */
export interface SearchPage {
  items: SearchHit[];
  /** How many tracks match in all. */
  total: number;
}

/** Rows read per step while the index is built from the database. */
const BUILD_CHUNK = 5000;

type Change = { upsert: TrackRecord } | { remove: string };

/**
 * Keeps a {@link SearchIndex} in step with the database: built once, in
 * chunks, on the first search (or `ready()`), then updated with every write
 * this library makes. Writes that land during the build are replayed after it.
 */
export class SearchCoordinator {
  readonly #db: LibraryDatabase;
  readonly #index = new SearchIndex();
  #building: Promise<void> | undefined;
  #built = false;
  #queued: Change[] = [];

  constructor(db: LibraryDatabase) {
    this.#db = db;
  }

  /** Resolves once the index holds every track. */
  ready(): Promise<void> {
    this.#building ??= this.#build().catch((error: unknown) => {
      this.#building = undefined;
      this.#queued = [];
      this.#index.clear();
      throw error;
    });
    return this.#building;
  }

  /** Applies committed writes. */
  apply(written: readonly TrackRecord[], removedKeys: readonly string[]): void {
    if (this.#building === undefined) return; // the build will read them
    if (!this.#built) {
      for (const key of removedKeys) this.#queued.push({ remove: key });
      for (const row of written) this.#queued.push({ upsert: row });
      return;
    }
    for (const key of removedKeys) this.#index.remove(key);
    for (const row of written) this.#index.upsert(row);
  }

  /** Forgets the index (it is rebuilt on the next search). */
  clear(): void {
    this.#index.clear();
    this.#building = undefined;
    this.#built = false;
    this.#queued = [];
  }

  /** A page of results with their tracks. */
  async search(query: string, offset: number, limit: number): Promise<SearchPage> {
    const size = pageSize(limit);
    await this.ready();
    const found = this.#index.search(query, Math.max(0, Math.floor(offset)), size);
    const rows = await this.#db.tracks.bulkGet(found.keys);
    const items: SearchHit[] = [];
    rows.forEach((row, i) => {
      if (row !== undefined)
        items.push({ track: toTrack(row), match: found.matches[i] ?? "inside" });
    });
    return { items, total: found.total };
  }

  async #build(): Promise<void> {
    let last: string | undefined;
    for (;;) {
      const rows = await (last === undefined
        ? this.#db.tracks.orderBy(":id")
        : this.#db.tracks.where(":id").above(last)
      )
        .limit(BUILD_CHUNK)
        .toArray();
      this.#index.addAll(rows);
      const end = rows.at(-1);
      if (end === undefined || rows.length < BUILD_CHUNK) break;
      last = end.key;
    }
    for (const change of this.#queued) {
      if ("remove" in change) this.#index.remove(change.remove);
      else this.#index.upsert(change.upsert);
    }
    this.#queued = [];
    this.#built = true;
  }
}
