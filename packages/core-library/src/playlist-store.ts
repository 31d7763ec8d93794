import { PlayerError } from "@player/core-runtime";
import { Dexie } from "dexie";
import type { LibraryDatabase } from "./library-database.js";
import { notFound } from "./library-errors.js";
import type { PlaylistEntryRecord, PlaylistRecord, TrackSnapshot } from "./library-records.js";
import { sortKey } from "./text-normalize.js";
import type { Track } from "./track.js";
import type { TrackKey } from "./track-identity.js";
import { snapshotOf, toTrack } from "./track-records.js";

/** A playlist as the page sees it. */
export type Playlist = Omit<PlaylistRecord, "nameSort">;

/** One entry of a playlist, in order. */
export interface PlaylistEntry {
  /** Stable id of the entry (the same track may appear twice). */
  entryId: string;
  /** 0-based position in the playlist. */
  index: number;
  trackKey: TrackKey;
  /** False once the file was deleted from the cloud; `snapshot` still names it. */
  available: boolean;
  /** The track while it exists. */
  track?: Track;
  /** Title, artist and album: the track's current ones, or the last known. */
  snapshot: TrackSnapshot;
  addedAt: number;
}

/** Gap between neighbouring positions, so inserting usually renumbers nothing. */
const POSITION_STEP = 1024;

/** Playlists and their ordered entries, pointing at tracks by key. */
export class PlaylistStore {
  readonly #db: LibraryDatabase;
  readonly #newId: () => string;

  constructor(db: LibraryDatabase, newId: () => string) {
    this.#db = db;
    this.#newId = newId;
  }

  /** Every playlist, by name. */
  async list(): Promise<Playlist[]> {
    const rows = await this.#db.playlists.orderBy("[nameSort+id]").toArray();
    return rows.map(toPlaylist);
  }

  async get(id: string): Promise<Playlist | undefined> {
    const row = await this.#db.playlists.get(id);
    return row === undefined ? undefined : toPlaylist(row);
  }

  async create(name: string, now: number): Promise<Playlist> {
    const row: PlaylistRecord = {
      id: this.#newId(),
      name: checkName(name),
      nameSort: sortKey(name),
      entryCount: 0,
      createdAt: now,
      updatedAt: now,
    };
    await this.#db.playlists.add(row);
    return toPlaylist(row);
  }

  async rename(id: string, name: string, now: number): Promise<Playlist> {
    return this.#db.transaction("rw", this.#db.playlists, async () => {
      const row = await this.#require(id);
      const renamed = { ...row, name: checkName(name), nameSort: sortKey(name), updatedAt: now };
      await this.#db.playlists.put(renamed);
      return toPlaylist(renamed);
    });
  }

  async delete(id: string): Promise<boolean> {
    return this.#db.transaction("rw", this.#db.playlists, this.#db.playlistEntries, async () => {
      const existed = (await this.#db.playlists.get(id)) !== undefined;
      await this.#entries(id).delete();
      await this.#db.playlists.delete(id);
      return existed;
    });
  }

  /**
   * Inserts tracks at `index` (default: the end), in the given order. Unknown
   * tracks are refused: an entry needs a snapshot to show once its file is gone.
   */
  async add(
    id: string,
    keys: readonly TrackKey[],
    index: number | undefined,
    now: number,
  ): Promise<string[]> {
    const db = this.#db;
    return db.transaction("rw", db.playlists, db.playlistEntries, db.tracks, async () => {
      const playlist = await this.#require(id);
      const tracks = await db.tracks.bulkGet([...keys]);
      const missing = keys.find((_key, i) => tracks[i] === undefined);
      if (missing !== undefined) throw notFound("track", missing);
      const at = index === undefined ? playlist.entryCount : clampIndex(index, playlist.entryCount);
      let positions = await this.#gap(id, at, keys.length);
      if (positions === undefined) {
        await this.#renumber(id);
        positions = (await this.#gap(id, at, keys.length)) ?? [];
      }
      const entries: PlaylistEntryRecord[] = tracks.map((track, i) => ({
        id: this.#newId(),
        playlistId: id,
        position: positions[i] ?? 0,
        trackKey: keys[i] as TrackKey,
        snapshot: snapshotOf(track as NonNullable<typeof track>),
        addedAt: now,
      }));
      await db.playlistEntries.bulkAdd(entries);
      await db.playlists.put({
        ...playlist,
        entryCount: playlist.entryCount + entries.length,
        updatedAt: now,
      });
      return entries.map((entry) => entry.id);
    });
  }

  /** Removes entries by id; resolves how many were removed. */
  async remove(id: string, entryIds: readonly string[], now: number): Promise<number> {
    const db = this.#db;
    return db.transaction("rw", db.playlists, db.playlistEntries, async () => {
      const playlist = await this.#require(id);
      const rows = await db.playlistEntries.bulkGet([...entryIds]);
      const mine = rows
        .filter((row) => row !== undefined && row.playlistId === id)
        .map((row) => row?.id as string);
      await db.playlistEntries.bulkDelete(mine);
      await db.playlists.put({
        ...playlist,
        entryCount: playlist.entryCount - mine.length,
        updatedAt: now,
      });
      return mine.length;
    });
  }

  /** Moves one entry to `toIndex` (positions counted without the entry itself). */
  async move(id: string, entryId: string, toIndex: number, now: number): Promise<void> {
    const db = this.#db;
    await db.transaction("rw", db.playlists, db.playlistEntries, async () => {
      const playlist = await this.#require(id);
      const entry = await db.playlistEntries.get(entryId);
      if (entry === undefined || entry.playlistId !== id) throw notFound("playlist entry", entryId);
      // Take it out (in memory) by parking it past the end, then find a gap.
      await db.playlistEntries.delete(entryId);
      const at = clampIndex(toIndex, playlist.entryCount - 1);
      let position = (await this.#gap(id, at, 1))?.[0];
      if (position === undefined) {
        await this.#renumber(id);
        position = (await this.#gap(id, at, 1))?.[0] ?? 0;
      }
      await db.playlistEntries.put({ ...entry, position });
      await db.playlists.put({ ...playlist, updatedAt: now });
    });
  }

  /** A page of entries in order, with each track or its last snapshot. */
  async entries(id: string, offset: number, limit: number): Promise<PlaylistEntry[]> {
    const db = this.#db;
    return db.transaction("r", db.playlists, db.playlistEntries, db.tracks, async () => {
      await this.#require(id);
      const rows = await this.#entries(id).offset(offset).limit(limit).toArray();
      const tracks = await db.tracks.bulkGet(rows.map((row) => row.trackKey));
      return rows.map((row, i) => {
        const record = tracks[i];
        const entry: PlaylistEntry = {
          entryId: row.id,
          index: offset + i,
          trackKey: row.trackKey,
          available: record !== undefined,
          snapshot: record === undefined ? row.snapshot : snapshotOf(record),
          addedAt: row.addedAt,
        };
        if (record !== undefined) entry.track = toTrack(record);
        return entry;
      });
    });
  }

  #entries(id: string) {
    return this.#db.playlistEntries
      .where("[playlistId+position]")
      .between([id, Dexie.minKey], [id, Dexie.maxKey]);
  }

  async #require(id: string): Promise<PlaylistRecord> {
    const row = await this.#db.playlists.get(id);
    if (row === undefined) throw notFound("playlist", id);
    return row;
  }

  /** `count` increasing integer positions that fit before the entry now at `index`, or undefined. */
  async #gap(id: string, index: number, count: number): Promise<number[] | undefined> {
    const before =
      index === 0
        ? undefined
        : await this.#entries(id)
            .offset(index - 1)
            .first();
    const after = await this.#entries(id).offset(index).first();
    const low =
      before?.position ?? (after === undefined ? 0 : after.position - (count + 1) * POSITION_STEP);
    const high = after?.position ?? low + (count + 1) * POSITION_STEP;
    const step = Math.floor((high - low) / (count + 1));
    if (step < 1) return undefined;
    return Array.from({ length: count }, (_, i) => low + step * (i + 1));
  }

  async #renumber(id: string): Promise<void> {
    const rows = await this.#entries(id).toArray();
    await this.#db.playlistEntries.bulkPut(
      rows.map((row, i) => ({ ...row, position: (i + 1) * POSITION_STEP })),
    );
  }
}

function toPlaylist(row: PlaylistRecord): Playlist {
  const { nameSort: _sort, ...playlist } = row;
  return playlist;
}

function clampIndex(index: number, length: number): number {
  if (!Number.isInteger(index)) {
    throw new PlayerError("runtime/invalid-argument", `index must be an integer, got ${index}.`);
  }
  return Math.max(0, Math.min(index, length));
}

function checkName(name: string): string {
  if (typeof name !== "string" || name.trim() === "") {
    throw new PlayerError(
      "runtime/invalid-argument",
      "A playlist name must be a non-empty string.",
    );
  }
  return name.trim();
}
