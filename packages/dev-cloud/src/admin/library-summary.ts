import type { CloudItem, FileItem, LibraryStore } from "../library/library-types.js";
import type { AdminItemSummary, AdminLibrarySummary, AdminTrackSummary } from "./admin-types.js";

/**
 * The body of `GET /__admin/library`: counts and every generated track's facts
 * with the ids and paths of its audio file and lyrics sidecar as they are now.
 *
 * @param library - The drive.
 * @param now - Server-clock time to report.
 */
export function summarizeLibrary(library: LibraryStore, now: number): AdminLibrarySummary {
  const audioFiles = new Map<number, FileItem>();
  const lyricsFiles = new Map<number, FileItem>();
  const counts = { folders: 0, files: 0, trashed: 0, tracks: library.tracks().length };
  for (const item of library.all()) {
    if (item.trashed) counts.trashed++;
    if (item.kind === "folder") {
      counts.folders++;
      continue;
    }
    counts.files++;
    // A file whose content was replaced is no longer the track's file.
    if (item.content.type === "track") audioFiles.set(item.content.track.index, item);
    if (item.content.type === "lyrics") lyricsFiles.set(item.content.track.index, item);
  }
  const paths = new PathResolver(library);
  const tracks = library.tracks().map((track): AdminTrackSummary => {
    const audio = audioFiles.get(track.index);
    const lyrics = lyricsFiles.get(track.index);
    return {
      ...track,
      fileId: audio?.id ?? null,
      path: audio === undefined ? null : paths.pathOf(audio),
      parentId: audio?.parentId ?? null,
      lyricsFileId: lyrics?.id ?? null,
      lyricsPath: lyrics === undefined ? null : paths.pathOf(lyrics),
    };
  });
  return { rootId: library.rootId, changeSeq: library.changeSeq, now, counts, tracks };
}

/**
 * An item as the admin API reports it; a file's size and MD5 come from its
 * bytes (rendering generated content if it was not read yet).
 */
export function summarizeItem(library: LibraryStore, item: CloudItem): AdminItemSummary {
  const summary: AdminItemSummary = {
    id: item.id,
    kind: item.kind,
    name: item.name,
    parentId: item.parentId,
    path: new PathResolver(library).pathOf(item),
    trashed: item.trashed,
    createdTime: item.createdTime,
    modifiedTime: item.modifiedTime,
  };
  if (item.kind === "file") {
    summary.mimeType = item.mimeType;
    summary.size = library.bytes(item).byteLength;
    summary.md5 = library.md5(item);
    summary.version = item.version;
  }
  return summary;
}

/** Paths from the drive root, memoised per folder: a library summary asks for thousands. */
class PathResolver {
  private readonly folderPaths = new Map<string, string>();

  constructor(private readonly library: LibraryStore) {}

  pathOf(item: CloudItem): string {
    if (item.parentId === null) return "/";
    return `${this.folderPath(item.parentId)}/${item.name}`;
  }

  private folderPath(id: string): string {
    if (id === this.library.rootId) return "";
    const known = this.folderPaths.get(id);
    if (known !== undefined) return known;
    const folder = this.library.get(id);
    const path =
      folder === undefined || folder.parentId === null
        ? ""
        : `${this.folderPath(folder.parentId)}/${folder.name}`;
    this.folderPaths.set(id, path);
    return path;
  }
}
