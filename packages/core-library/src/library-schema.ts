import type { Transaction } from "dexie";

/** One step of the library schema: Dexie store definitions and an optional data upgrade. */
export interface SchemaVersion {
  version: number;
  /** Dexie `stores()` spec: only the tables that change (null deletes a table). */
  stores: Record<string, string | null>;
  /** Runs once when an older database is opened, inside the upgrade transaction. */
  upgrade?: (transaction: Transaction) => Promise<void>;
}

/**
 * The schema, oldest first. Never edit a published step: append one. Sort
 * indexes end with the primary key so every page can continue after its last
 * row (keyset paging).
 */
export const LIBRARY_SCHEMA: readonly SchemaVersion[] = Object.freeze([
  {
    version: 1,
    stores: {
      tracks: [
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
      ].join(", "),
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
]);

/** The version a fresh database is created at. */
export const LIBRARY_SCHEMA_VERSION: number = LIBRARY_SCHEMA.at(-1)?.version ?? 1;
