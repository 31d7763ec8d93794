import type { Transaction } from "dexie";

/** One step of the library schema: Dexie store definitions and an optional data upgrade. */
export interface SchemaVersion {
  version: number;
  /** Dexie `stores()` spec: only the tables that change (null deletes a table). */
  stores: Record<string, string | null>;
  /** Runs once when an older database is opened, inside the upgrade transaction. */
  upgrade?: (transaction: Transaction) => Promise<void>;
}

/** Fields of the track sort indexes, each ending with the primary key (see `track-query.ts`). */
export const TRACK_SORT_FIELDS: readonly string[] = Object.freeze([
  "titleSort+key",
  "artistSort+albumSort+discSort+trackSort+key",
  "albumSort+albumId+discSort+trackSort+key",
  "addedAt+key",
  "durationSort+key",
  "playCount+key",
]);

/**
 * Track fields whose equality filter can match many tracks; since v2 each is
 * indexed in front of every sort (`[genreSort+durationSort+key]`), so a filtered,
 * sorted page is one bounded range of one index. `genreSort` and `year` are
 * absent on rows without them, which leaves those rows out of the index: they
 * never match such a filter anyway.
 */
export const TRACK_FILTER_SORT_FIELDS: readonly string[] = Object.freeze([
  "accountId",
  "genreSort",
  "year",
]);

/** Name of the index sorting the tracks with `filterField` by `sortFields`. */
export function filterSortIndex(filterField: string, sortFields: string): string {
  return `[${filterField}+${sortFields}]`;
}

const TRACK_INDEXES_V1: readonly string[] = [
  "key",
  "[accountId+generation]",
  "[accountId+needsTags]",
  "[folderId+baseName]",
  "artistId",
  "albumId",
  "genreSort",
  "year",
  "favoriteAt",
  "[titleSort+key]",
  "[artistSort+albumSort+discSort+trackSort+key]",
  "[albumSort+albumId+discSort+trackSort+key]",
  "[addedAt+key]",
  "[durationSort+key]",
  "[playCount+key]",
];

/**
 * The schema, oldest first. Never edit a published step: append one. Sort
 * indexes end with the primary key so every page can continue after its last
 * row (keyset paging).
 */
export const LIBRARY_SCHEMA: readonly SchemaVersion[] = Object.freeze<SchemaVersion[]>([
  {
    version: 1,
    stores: {
      tracks: TRACK_INDEXES_V1.join(", "),
      albums: "id, [artistId+titleSort], [titleSort+id]",
      artists: "id, [nameSort+id]",
      folders: "id, accountId",
      playlists: "id, [nameSort+id]",
      playlistEntries: "id, [playlistId+position], trackKey",
      artwork: "id, trackKey, albumId",
      lyrics: "id, accountId, trackKey, [folderId+baseName], [accountId+generation]",
      syncState: "accountId",
      cacheEntries: "trackKey, accountId, lastAccessedAt",
      session: "id",
    },
  },
  {
    // v2: filter + sort compound indexes. Indexes only: every field is already on the rows.
    version: 2,
    stores: {
      tracks: [
        ...TRACK_INDEXES_V1,
        ...TRACK_FILTER_SORT_FIELDS.flatMap((filterField) =>
          TRACK_SORT_FIELDS.map((sortFields) => filterSortIndex(filterField, sortFields)),
        ),
      ].join(", "),
    },
  },
  {
    // v3: artwork stored once per distinct image (content hash) with resized
    // variants; `artwork` rows become links from a track or album to an image.
    // Cover images found beside the music (`cover.jpg`, `folder.png`, …) are listed by sync.
    version: 3,
    stores: {
      artwork: "id, trackKey, albumId, hash",
      artworkImages: "hash, storedAt",
      artworkVariants: "[hash+size], hash",
      folderImages: "id, accountId, folderId, [accountId+generation]",
    },
    // v2 rows held image bytes inline; nothing wrote them yet, and a link needs a hash.
    upgrade: async (transaction) => {
      await transaction.table("artwork").clear();
    },
  },
]);

/** The version a fresh database is created at. */
export const LIBRARY_SCHEMA_VERSION: number = LIBRARY_SCHEMA.at(-1)?.version ?? 1;
