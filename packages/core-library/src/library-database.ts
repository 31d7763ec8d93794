import { Dexie, type Table } from "dexie";
import type {
  AlbumRecord,
  ArtistRecord,
  ArtworkImageRecord,
  ArtworkRecord,
  ArtworkVariantRecord,
  CacheEntryRecord,
  FolderImageRecord,
  FolderRecord,
  LyricsRecord,
  PlaylistEntryRecord,
  PlaylistRecord,
  SessionRecord,
  SyncStateRecord,
  TrackRecord,
} from "./library-records.js";
import { LIBRARY_SCHEMA, type SchemaVersion } from "./library-schema.js";

/** Default name of the IndexedDB database of the library. */
export const LIBRARY_DATABASE_NAME = "player-library";

/** Where Dexie finds IndexedDB; inject `fake-indexeddb` in Node tests. */
export interface LibraryIndexedDb {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** The `player-library` Dexie database, versioned by {@link LIBRARY_SCHEMA}. */
export class LibraryDatabase extends Dexie {
  tracks!: Table<TrackRecord, string>;
  albums!: Table<AlbumRecord, string>;
  artists!: Table<ArtistRecord, string>;
  folders!: Table<FolderRecord, string>;
  playlists!: Table<PlaylistRecord, string>;
  playlistEntries!: Table<PlaylistEntryRecord, string>;
  artwork!: Table<ArtworkRecord, string>;
  artworkImages!: Table<ArtworkImageRecord, string>;
  artworkVariants!: Table<ArtworkVariantRecord, [string, number]>;
  folderImages!: Table<FolderImageRecord, string>;
  lyrics!: Table<LyricsRecord, string>;
  syncState!: Table<SyncStateRecord, string>;
  cacheEntries!: Table<CacheEntryRecord, string>;
  session!: Table<SessionRecord, string>;

  /**
   * @param name - Database name. Default {@link LIBRARY_DATABASE_NAME}.
   * @param dependencies - IndexedDB to use; default: the realm's own.
   * @param schema - The version chain; only tests pass another one.
   */
  constructor(
    name: string = LIBRARY_DATABASE_NAME,
    dependencies?: LibraryIndexedDb,
    schema: readonly SchemaVersion[] = LIBRARY_SCHEMA,
  ) {
    super(name, dependencies === undefined ? undefined : { ...dependencies });
    for (const step of schema) {
      const version = this.version(step.version).stores(step.stores);
      const upgrade = step.upgrade;
      if (upgrade !== undefined) version.upgrade((transaction) => upgrade(transaction));
    }
  }
}
