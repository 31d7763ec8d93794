import { PlayerError } from "@player/core-runtime";
import { type Collection, Dexie, type IndexableType } from "dexie";
import type { LibraryDatabase } from "./library-database.js";
import type { TrackRecord } from "./library-records.js";
import { filterSortIndex } from "./library-schema.js";
import { sortKey } from "./text-normalize.js";

/** Orders of {@link TrackQuery}. `artist` and `album` continue with disc and track number. */
export type TrackSort = "title" | "artist" | "album" | "dateAdded" | "duration" | "playCount";

/** Filters of {@link TrackQuery}; several are combined with AND. */
export interface TrackFilter {
  accountId?: string;
  artistId?: string;
  albumId?: string;
  /** Compared case- and accent-insensitively. */
  genre?: string;
  year?: number;
  folderId?: string;
  /** Only favourites. */
  favorite?: true;
}

/** A paged track query. */
export interface TrackQuery {
  /** Default `title`. */
  sort?: TrackSort;
  /** Default `asc`. */
  direction?: "asc" | "desc";
  filter?: TrackFilter;
  /** Page size, 1–1000. Default 50. */
  limit?: number;
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: string | null;
}

/** One page: its rows and the cursor of the next page (`null` after the last). */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

type Tuple = IndexableType[];

interface SortSpec {
  /** The index fields, `+`-joined; the index is `[fields]`. */
  fields: string;
  index: string;
  tuple: (row: TrackRecord) => Tuple;
}

function sortSpec(fields: string, tuple: (row: TrackRecord) => Tuple): SortSpec {
  return { fields, index: `[${fields}]`, tuple };
}

const SORTS: Readonly<Record<TrackSort, SortSpec>> = {
  title: sortSpec("titleSort+key", (r) => [r.titleSort, r.key]),
  artist: sortSpec("artistSort+albumSort+discSort+trackSort+key", (r) => [
    r.artistSort,
    r.albumSort,
    r.discSort,
    r.trackSort,
    r.key,
  ]),
  album: sortSpec("albumSort+albumId+discSort+trackSort+key", (r) => [
    r.albumSort,
    r.albumId,
    r.discSort,
    r.trackSort,
    r.key,
  ]),
  dateAdded: sortSpec("addedAt+key", (r) => [r.addedAt, r.key]),
  duration: sortSpec("durationSort+key", (r) => [r.durationSort, r.key]),
  playCount: sortSpec("playCount+key", (r) => [r.playCount, r.key]),
};

/**
 * A query filtered by one of `accountId`, `genre` or `year` alone reads one
 * range of that filter's sort index (`[genreSort+durationSort+key]`, schema
 * v2). With several filters, one whose most selective filter matches at most
 * this many tracks reads them through the filter index and sorts them in
 * memory; otherwise it reads the filter's sort index if one of the filters has
 * one, else the plain sort index, skipping rows that do not match until the
 * page is full.
 */
export const IN_MEMORY_SORT_LIMIT = 2000;

/** Default and largest page sizes. */
export const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 1000;

/** Reads one page of tracks; never more rows than the page (plus one) or a small filtered set. */
export async function queryTracks(
  db: LibraryDatabase,
  query: TrackQuery,
  inMemoryLimit: number = IN_MEMORY_SORT_LIMIT,
): Promise<Page<TrackRecord>> {
  const sort = SORTS[query.sort ?? "title"];
  if (sort === undefined) throw invalid(`Unknown sort ${JSON.stringify(query.sort)}.`);
  const descending = query.direction === "desc";
  const limit = pageSize(query.limit);
  const after = query.cursor == null ? undefined : decodeCursor(query.cursor);
  const filters = filterRanges(db, query.filter ?? {});
  const indexed = filters.filter((f) => hasIndex(db, f, sort));
  let rows: TrackRecord[];
  if (filters.length === 0) {
    rows = await sortedCollection(db, sort, descending, after)
      .limit(limit + 1)
      .toArray();
  } else if (filters.length === 1 && indexed.length === 1) {
    rows = await sortedCollection(db, sort, descending, after, indexed[0])
      .limit(limit + 1)
      .toArray();
  } else {
    // Probe each filter for at most `inMemoryLimit + 1` keys: keys only, never a count of a large range.
    const probed = await Promise.all(
      filters.map(async (f) => ({
        ...f,
        keys: await f
          .collection()
          .limit(inMemoryLimit + 1)
          .primaryKeys(),
      })),
    );
    probed.sort((a, b) => a.keys.length - b.keys.length);
    const smallest = probed[0];
    const predicate = (row: TrackRecord) => probed.every((f) => f.matches(row));
    if (smallest !== undefined && smallest.keys.length <= inMemoryLimit) {
      const found = await db.tracks.bulkGet(smallest.keys);
      const all = found.filter((row): row is TrackRecord => row !== undefined && predicate(row));
      const sign = descending ? -1 : 1;
      all.sort((a, b) => sign * compareTuples(sort.tuple(a), sort.tuple(b)));
      const start =
        after === undefined
          ? 0
          : all.findIndex((row) => sign * compareTuples(sort.tuple(row), after) > 0);
      rows = start < 0 ? [] : all.slice(start, start + limit + 1);
    } else {
      // All filters are large: walk the first one that has a sort index of its own.
      const through = probed.find((f) => hasIndex(db, f, sort));
      rows = await sortedCollection(db, sort, descending, after, through)
        .filter(predicate)
        .limit(limit + 1)
        .toArray();
    }
  }
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last !== undefined ? encodeCursor(sort.tuple(last)) : null;
  return { items, nextCursor };
}

/** Counts the tracks matching a filter, through indexes. */
export async function countTracks(db: LibraryDatabase, filter: TrackFilter = {}): Promise<number> {
  const filters = filterRanges(db, filter);
  if (filters.length === 0) return db.tracks.count();
  if (filters.length === 1) return (filters[0] as FilterRange).collection().count();
  const counted = await Promise.all(
    filters.map(async (f) => ({ ...f, count: await f.collection().count() })),
  );
  counted.sort((a, b) => a.count - b.count);
  const [smallest, ...rest] = counted;
  if (smallest === undefined) return 0;
  return smallest
    .collection()
    .filter((row) => rest.every((f) => f.matches(row)))
    .count();
}

interface FilterRange {
  collection: () => Collection<TrackRecord, string>;
  matches: (row: TrackRecord) => boolean;
  /** The field and value of an equality filter with sort indexes (schema v2). */
  sortIndexed?: { field: string; value: IndexableType };
}

/** Whether the filter has an index for this sort in the database as opened (a v1 database has none). */
function hasIndex(db: LibraryDatabase, filter: FilterRange, sort: SortSpec): boolean {
  const field = filter.sortIndexed?.field;
  return (
    field !== undefined &&
    db.tracks.schema.idxByName[filterSortIndex(field, sort.fields)] !== undefined
  );
}

function filterRanges(db: LibraryDatabase, filter: TrackFilter): FilterRange[] {
  const ranges: FilterRange[] = [];
  const { accountId, artistId, albumId, genre, year, folderId, favorite } = filter;
  if (accountId !== undefined) {
    ranges.push({
      collection: () =>
        db.tracks
          .where("[accountId+generation]")
          .between([accountId, Dexie.minKey], [accountId, Dexie.maxKey]),
      matches: (row) => row.accountId === accountId,
      sortIndexed: { field: "accountId", value: accountId },
    });
  }
  if (artistId !== undefined) {
    ranges.push({
      collection: () => db.tracks.where("artistId").equals(artistId),
      matches: (row) => row.artistId === artistId,
    });
  }
  if (albumId !== undefined) {
    ranges.push({
      collection: () => db.tracks.where("albumId").equals(albumId),
      matches: (row) => row.albumId === albumId,
    });
  }
  if (genre !== undefined) {
    const folded = sortKey(genre);
    ranges.push({
      collection: () => db.tracks.where("genreSort").equals(folded),
      matches: (row) => row.genreSort === folded,
      sortIndexed: { field: "genreSort", value: folded },
    });
  }
  if (year !== undefined) {
    ranges.push({
      collection: () => db.tracks.where("year").equals(year),
      matches: (row) => row.year === year,
      sortIndexed: { field: "year", value: year },
    });
  }
  if (folderId !== undefined) {
    ranges.push({
      collection: () =>
        db.tracks
          .where("[folderId+baseName]")
          .between([folderId, Dexie.minKey], [folderId, Dexie.maxKey]),
      matches: (row) => row.folderId === folderId,
    });
  }
  if (favorite === true) {
    ranges.push({
      collection: () => db.tracks.where("favoriteAt").aboveOrEqual(Number.NEGATIVE_INFINITY),
      matches: (row) => row.favoriteAt !== undefined,
    });
  }
  return ranges;
}

/**
 * The tracks in sort order after the cursor; with a filter that has sort
 * indexes, only its tracks, as one range of `[field+sort fields]`.
 */
function sortedCollection(
  db: LibraryDatabase,
  sort: SortSpec,
  descending: boolean,
  after: Tuple | undefined,
  through?: FilterRange,
): Collection<TrackRecord, string> {
  const indexed = through?.sortIndexed;
  if (indexed !== undefined) {
    const { field, value } = indexed;
    const clause = db.tracks.where(filterSortIndex(field, sort.fields));
    const first = [value, Dexie.minKey];
    const last = [value, Dexie.maxKey];
    if (after === undefined) {
      const all = clause.between(first, last, true, true);
      return descending ? all.reverse() : all;
    }
    const cursor = [value, ...after];
    return descending
      ? clause.between(first, cursor, true, false).reverse()
      : clause.between(cursor, last, false, true);
  }
  if (after === undefined) {
    const ordered = db.tracks.orderBy(sort.index);
    return descending ? ordered.reverse() : ordered;
  }
  const clause = db.tracks.where(sort.index);
  return descending ? clause.below(after).reverse() : clause.above(after);
}

/** Compares two index keys the way IndexedDB does for the types used here (numbers < strings). */
export function compareTuples(left: Tuple, right: Tuple): number {
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const a = left[i];
    const b = right[i];
    if (a === b) continue;
    if (a === undefined) return -1;
    if (b === undefined) return 1;
    if (typeof a !== typeof b) return typeof a === "number" ? -1 : 1;
    return (a as string | number) < (b as string | number) ? -1 : 1;
  }
  return 0;
}

/** Page size from the caller's `limit`. */
export function pageSize(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw invalid(`limit must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${limit}.`);
  }
  return limit;
}

/** An opaque cursor: the sort key of the last row of a page. */
export function encodeCursor(tuple: Tuple): string {
  return JSON.stringify(tuple);
}

/** Reads a cursor made by {@link encodeCursor}. */
export function decodeCursor(cursor: string): Tuple {
  try {
    const tuple: unknown = JSON.parse(cursor);
    if (
      Array.isArray(tuple) &&
      tuple.every((part) => typeof part === "string" || typeof part === "number")
    ) {
      return tuple;
    }
  } catch {
    // reported below
  }
  throw invalid(`Malformed cursor ${JSON.stringify(cursor)}.`);
}

function invalid(message: string): PlayerError {
  return new PlayerError("runtime/invalid-argument", message);
}
