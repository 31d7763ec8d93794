/**
 * The emulated drive's data model, shared by the Google and Microsoft
 * emulations: one tree of folders and files that both APIs expose.
 */

/** Audio formats the generated library uses. */
export type AudioFormat = "mp3" | "flac" | "ogg-vorbis" | "ogg-opus" | "m4a" | "wav";

/** How a deliberately broken file is broken. */
export type BrokenKind = "truncated" | "corrupt" | "not-audio";

/** A track's tag values: what a player shows, and what the audio file's tags hold. */
export interface TrackTagValues {
  title: string;
  artist: string;
  albumArtist: string;
  album: string;
  trackNumber: number;
  /** Tracks on this disc. */
  trackCount: number;
  discNumber: number;
  discCount: number;
  year: number;
  genre: string;
}

/** Everything the generator decided about one track; its file's bytes are rendered from this. */
export interface TrackFacts extends TrackTagValues {
  /** 0-based position in the generated library. */
  index: number;
  /** Duration of the audio as rendered, in milliseconds. */
  durationMs: number;
  /** The tone the audio plays; tells a listener (or a test) which track is playing. */
  frequencyHz: number;
  format: AudioFormat;
  /** Cover art embedded in the tags. */
  hasCover: boolean;
  /** An `.lrc` sidecar with the same base name sits next to the file. */
  hasLyrics: boolean;
  /** Present on the few deliberately broken files. */
  broken?: BrokenKind;
  /** Identifiers for the MusicBrainz, Cover Art Archive and LRCLIB emulations. */
  musicBrainz: { recordingId: string; releaseId: string; artistId: string };
  /** LRCLIB record id of this track's lyrics (when `hasLyrics`). */
  lrclibId: number;
}

/** Where a file's bytes come from. */
export type FileContent =
  | { type: "track"; track: TrackFacts }
  | { type: "lyrics"; track: TrackFacts }
  | { type: "bytes"; bytes: Uint8Array };

interface ItemBase {
  /** Opaque id, stable for the item's life (Drive-style: letters, digits, `-`, `_`). */
  id: string;
  name: string;
  /** Milliseconds since the epoch, from the server clock. */
  createdTime: number;
  modifiedTime: number;
  trashed: boolean;
}

/** A folder. The root folder has `parentId: null`. */
export interface FolderItem extends ItemBase {
  kind: "folder";
  parentId: string | null;
}

/** A file with content. */
export interface FileItem extends ItemBase {
  kind: "file";
  parentId: string;
  mimeType: string;
  /** Bumped by every content change (Drive's `version`, Graph's eTag/cTag). */
  version: number;
  content: FileContent;
}

/** A folder or a file. */
export type CloudItem = FolderItem | FileItem;

/** One entry of the change log: something happened to `itemId` at `seq`. */
export interface ChangeRecord {
  /** Strictly increasing, starting at 1. */
  seq: number;
  itemId: string;
  /** The item was deleted for good (not merely trashed). */
  removed: boolean;
  time: number;
}

/** Renders the bytes of generated files. Implemented by the audio module. */
export interface ContentRenderer {
  /** The full bytes of a track's audio file (tags, cover and breakage included). */
  renderTrack(track: TrackFacts): Uint8Array;
  /** The bytes of a track's `.lrc` sidecar. */
  renderLyrics(track: TrackFacts): Uint8Array;
}

/**
 * The drive: a tree of items, their bytes, and a change log that Drive's
 * `changes.list` and Graph's `delta` are read from. Every mutation appends
 * one change record.
 */
export interface LibraryStore {
  readonly rootId: string;
  /** The latest change's `seq` (0 before any change). */
  readonly changeSeq: number;
  get(id: string): CloudItem | undefined;
  /** Direct children of a folder, trashed ones included, in insertion order. */
  children(folderId: string): CloudItem[];
  /** Every item except the root, in insertion order. */
  all(): readonly CloudItem[];
  /** The generated tracks, by index. */
  tracks(): readonly TrackFacts[];
  /** The file's bytes; rendered lazily and cached. */
  bytes(file: FileItem): Uint8Array;
  /** The file's byte length (renders it once per version; listings use this). */
  size(file: FileItem): number;
  /** Hex MD5 of the file's bytes. */
  md5(file: FileItem): string;
  addFolder(input: { name: string; parentId: string }): FolderItem;
  addFile(input: {
    name: string;
    parentId: string;
    mimeType?: string;
    bytes: Uint8Array;
  }): FileItem;
  rename(id: string, name: string): CloudItem;
  move(id: string, parentId: string): CloudItem;
  /** Replaces a file's bytes; bumps `version` and `modifiedTime`. */
  modify(id: string, bytes: Uint8Array): FileItem;
  /** Sets or clears `trashed`. */
  setTrashed(id: string, trashed: boolean): CloudItem;
  /**
   * True when the item was trashed itself, not only with its folder (Drive's
   * `explicitlyTrashed`; an item's `trashed` is true in both cases).
   */
  isExplicitlyTrashed(id: string): boolean;
  /** Deletes an item (and, for a folder, everything under it) for good. */
  remove(id: string): void;
  /** The last change of each item changed after `seq`, ordered by seq. */
  changesSince(seq: number): ChangeRecord[];
}
