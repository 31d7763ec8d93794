/**
 * Request and response bodies of the admin API (`/__admin/...`). Plain data:
 * the admin client (which may run in a browser) imports these types.
 */
import type { TrackFacts } from "../library/library-types.js";
import type { RequestLogEntry } from "../request-log/request-log-types.js";

/** A generated track with where its files are now. */
export interface AdminTrackSummary extends TrackFacts {
  /** The track's audio file, `null` once it was removed or its content replaced. */
  fileId: string | null;
  /** `/Music/…/01 Title.mp3` from the drive root, `null` with `fileId`. */
  path: string | null;
  /** The folder holding the audio file. */
  parentId: string | null;
  /** The `.lrc` sidecar, `null` when the track has none (any more). */
  lyricsFileId: string | null;
  lyricsPath: string | null;
}

/** The body of `GET /__admin/library`. */
export interface AdminLibrarySummary {
  rootId: string;
  changeSeq: number;
  /** Server-clock time. */
  now: number;
  counts: { folders: number; files: number; trashed: number; tracks: number };
  tracks: AdminTrackSummary[];
}

/** A file or folder as the admin API reports it after a change. */
export interface AdminItemSummary {
  id: string;
  kind: "file" | "folder";
  name: string;
  parentId: string | null;
  /** From the drive root, e.g. `/Music/notes.txt`. */
  path: string;
  trashed: boolean;
  createdTime: number;
  modifiedTime: number;
  /** Files only. */
  mimeType?: string;
  size?: number;
  md5?: string;
  version?: number;
}

/** The body of `POST /__admin/files`. */
export interface AdminAddFileBody {
  name: string;
  parentId: string;
  /** Default: from the name's extension. */
  mimeType?: string;
  /** The content, standard base64 with padding. */
  base64: string;
}

/** The body of `PATCH /__admin/files/:id`; changes apply in the order listed. */
export interface AdminUpdateFileBody {
  name?: string;
  parentId?: string;
  /** Replaces a file's content (bumps its version). */
  base64?: string;
  trashed?: boolean;
}

/** The body of `GET /__admin/requests`. */
export interface AdminRequestsBody {
  /** The latest id logged; pass it as `since` to see only later requests. */
  lastId: number;
  requests: RequestLogEntry[];
}

/** The body of `GET` and `POST /__admin/clock`. */
export interface AdminClockBody {
  now: number;
}

/** Every admin error: `field` names the invalid part of the request, when there is one. */
export interface AdminErrorBody {
  error: { code: string; message: string; field?: string };
}
