import { COVER_IMAGE_NAMES } from "@player/core-library";
import type { ByteRange, RangeReadResult, StorageReadOptions } from "@player/core-runtime";
import { isPlayerError, PlayerError } from "@player/core-runtime";
import { AUDIO_FILE_EXTENSIONS } from "../../audio-file-kind.js";
import { type FolderInfo, FolderPathResolver } from "../../folder-path-resolver.js";
import { PageChanges } from "../../page-changes.js";
import { connectorBasics, type ProviderApi } from "../../provider-api.js";
import type { ChangesPage, FullListingPage, SyncConnector } from "../../sync-connector.js";
import {
  DRIVE_FILE_FIELDS,
  DRIVE_FOLDER_MIME_TYPE,
  type DriveChangeList,
  type DriveFile,
  type DriveFileList,
  isDriveFolder,
  quoteDriveQuery,
  toUnplacedFile,
} from "./drive-types.js";

/** Options of {@link GoogleDriveConnector}. */
export interface GoogleDriveConnectorOptions {
  /** Authorised requests for the account (provider `google`). */
  api: ProviderApi;
  /** Drive v3 base URL. Default `https://www.googleapis.com/drive/v3`. */
  baseUrl?: string;
  /** Items per page, 1–1000. Default 1000. */
  pageSize?: number;
}

/**
 * Music files (and `.lrc` sidecars, cover images) are `audio/*` MIME types or
 * names with a known extension or cover name as a word (Drive keeps a file's MIME type through renames,
 * so `song.mp3` may be `text/plain`); `audioFileKind` has the last word on
 * each result.
 */
export const DRIVE_AUDIO_QUERY = `(mimeType contains 'audio/' or mimeType = 'application/ogg' or ${[
  ...AUDIO_FILE_EXTENSIONS,
  ...COVER_IMAGE_NAMES,
]
  .map((word) => `name contains '${word}'`)
  .join(" or ")}) and trashed = false`;
const FOLDER_QUERY = `mimeType = '${DRIVE_FOLDER_MIME_TYPE}' and trashed = false`;
const FOLDER_FIELDS = "id,name,parents";

/**
 * Google Drive v3 connector: `files.list` for the full listing (the changes
 * token is taken before it), `changes.list` afterwards. Folder paths come
 * from one listing of every folder per job plus `files.get` for folders
 * created since; a renamed or moved folder has its files re-listed.
 *
 * @example
 * ```ts
 * const drive = new GoogleDriveConnector({ api: new ProviderApi({ provider: "google", accountId, http, tokens, queue }) });
 * await runSyncJob({ accountId, connector: drive, target });
 * ```
 */
export class GoogleDriveConnector implements SyncConnector {
  readonly provider = "google" as const;
  readonly accountId: string;
  readonly #api: ProviderApi;
  readonly #base: string;
  readonly #pageSize: number;
  readonly #folders: FolderPathResolver;
  #foldersLoaded: Promise<void> | undefined;

  constructor(options: GoogleDriveConnectorOptions) {
    const basics = connectorBasics(
      options,
      "google",
      "GoogleDriveConnector",
      "https://www.googleapis.com/drive/v3",
    );
    this.#api = basics.api;
    this.accountId = basics.api.accountId;
    this.#base = basics.base;
    this.#pageSize = basics.pageSize;
    this.#folders = new FolderPathResolver((id, signal) => this.#getFolder(id, signal));
  }

  resetCaches(): void {
    this.#folders.clear();
    this.#foldersLoaded = undefined;
  }

  async startFullListing(signal?: AbortSignal): Promise<string | null> {
    const { body } = await this.#get<{ startPageToken?: string }>(
      "/changes/startPageToken",
      { fields: "startPageToken" },
      signal,
    );
    if (typeof body.startPageToken !== "string") throw invalid("changes.getStartPageToken");
    return body.startPageToken;
  }

  /**
   * One page of the listing, paged by `createdTime` rather than by offset:
   * each page asks again for files created at or after the last one seen, so
   * files deleted meanwhile cannot shift the pages and hide a file. Repeats
   * at the boundary are harmless upserts. The token is `{t, p}` JSON: the
   * keyset time, and Drive's own page token only while many files share one
   * time.
   */
  async listFullPage(token: string | null, signal?: AbortSignal): Promise<FullListingPage> {
    const keyset = parseKeyset(token);
    const params: Record<string, string> = {
      q:
        keyset.t === null
          ? DRIVE_AUDIO_QUERY
          : `${DRIVE_AUDIO_QUERY} and createdTime >= ${quoteDriveQuery(keyset.t)}`,
      orderBy: "createdTime",
      pageSize: String(this.#pageSize),
      spaces: "drive",
      fields: `nextPageToken,files(${DRIVE_FILE_FIELDS},createdTime)`,
    };
    if (keyset.p !== null) params.pageToken = keyset.p;
    const { body } = await this.#get<DriveFileList>("/files", params, signal);
    if (!Array.isArray(body.files)) throw invalid("files.list");
    const page = new PageChanges();
    for (const file of body.files) {
      const unplaced = toUnplacedFile(file);
      if (unplaced !== undefined) page.upsert(unplaced);
    }
    const resolved = await page.resolve((id) => this.#pathOf(id, signal));
    let nextToken: string | null = null;
    if (body.nextPageToken !== undefined) {
      const lastTime = body.files.at(-1)?.createdTime ?? null;
      nextToken = JSON.stringify(
        lastTime !== null && lastTime !== keyset.t
          ? { t: lastTime, p: null }
          : { t: keyset.t, p: body.nextPageToken },
      );
    }
    return { ...resolved, nextToken };
  }

  async listChangesPage(token: string, signal?: AbortSignal): Promise<ChangesPage> {
    const { body } = await this.#get<DriveChangeList>(
      "/changes",
      {
        pageToken: token,
        pageSize: String(this.#pageSize),
        includeRemoved: "true",
        spaces: "drive",
        fields: `nextPageToken,newStartPageToken,changes(fileId,removed,file(${DRIVE_FILE_FIELDS}))`,
      },
      signal,
    );
    const nextToken = body.nextPageToken ?? body.newStartPageToken;
    if (!Array.isArray(body.changes) || nextToken === undefined) throw invalid("changes.list");
    const page = new PageChanges();
    const changedFolders: string[] = [];
    for (const change of body.changes) {
      const id = change.file?.id ?? change.fileId;
      if (id === undefined) continue;
      const file = change.file;
      if (change.removed === true || file === undefined) {
        this.#folders.forget(id);
        page.remove(id);
      } else if (isDriveFolder(file)) {
        // Trashing or deleting a folder reports each descendant too; a rename or move does not.
        this.#folders.remember(toFolderInfo(file));
        if (file.trashed !== true) changedFolders.push(id);
      } else {
        const unplaced = toUnplacedFile(file);
        if (unplaced === undefined) page.remove(id);
        else page.upsert(unplaced);
      }
    }
    for (const folderId of changedFolders) await this.#relistSubtree(folderId, page, signal);
    const resolved = await page.resolve((id) => this.#pathOf(id, signal));
    return { ...resolved, nextToken, done: body.nextPageToken === undefined };
  }

  async readRange(
    remoteId: string,
    range: ByteRange,
    options: StorageReadOptions = {},
  ): Promise<RangeReadResult> {
    const url = `${this.#base}/files/${encodeURIComponent(remoteId)}?alt=media`;
    const read = async (forceRefresh: boolean) =>
      this.#api.http.readRange(url, range, {
        headers: { authorization: `Bearer ${await this.#api.accessToken(forceRefresh)}` },
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    try {
      return await read(false);
    } catch (error) {
      // An expired or revoked token: refresh once, as every other Drive call does.
      if (isPlayerError(error) && error.code === "http/status" && error.details?.status === 401)
        return read(true);
      throw error;
    }
  }

  /** Adds every music file below a renamed or moved folder, at its new path. */
  async #relistSubtree(
    folderId: string,
    page: PageChanges,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const queue = [folderId];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      let pageToken: string | undefined;
      do {
        const params: Record<string, string> = {
          q: `${quoteDriveQuery(next)} in parents and trashed = false`,
          pageSize: String(this.#pageSize),
          fields: `nextPageToken,files(${DRIVE_FILE_FIELDS})`,
        };
        if (pageToken !== undefined) params.pageToken = pageToken;
        const { body } = await this.#get<DriveFileList>("/files", params, signal);
        for (const child of body.files ?? []) {
          if (isDriveFolder(child)) {
            this.#folders.remember(toFolderInfo(child));
            queue.push(child.id);
            continue;
          }
          const unplaced = toUnplacedFile(child);
          if (unplaced !== undefined && !page.has(child.id)) page.upsert(unplaced);
        }
        pageToken = body.nextPageToken;
      } while (pageToken !== undefined);
    }
  }

  async #pathOf(folderId: string, signal: AbortSignal | undefined): Promise<string | undefined> {
    if (!this.#folders.has(folderId)) {
      this.#foldersLoaded ??= this.#loadFolders(signal).catch((error: unknown) => {
        this.#foldersLoaded = undefined;
        throw error;
      });
      await this.#foldersLoaded;
    }
    return this.#folders.pathOf(folderId, signal);
  }

  /** Lists every folder once per job: far fewer requests than one lookup per folder. */
  async #loadFolders(signal: AbortSignal | undefined): Promise<void> {
    let pageToken: string | undefined;
    do {
      const params: Record<string, string> = {
        q: FOLDER_QUERY,
        pageSize: String(this.#pageSize),
        fields: `nextPageToken,files(${FOLDER_FIELDS})`,
      };
      if (pageToken !== undefined) params.pageToken = pageToken;
      const { body } = await this.#get<DriveFileList>("/files", params, signal);
      for (const folder of body.files ?? []) {
        if (!this.#folders.has(folder.id)) this.#folders.remember(toFolderInfo(folder));
      }
      pageToken = body.nextPageToken;
    } while (pageToken !== undefined);
  }

  async #getFolder(id: string, signal: AbortSignal | undefined): Promise<FolderInfo | undefined> {
    const answer = await this.#get<DriveFile>(
      `/files/${encodeURIComponent(id)}`,
      { fields: FOLDER_FIELDS },
      signal,
    );
    if (answer.status === 404) return undefined;
    return toFolderInfo(answer.body);
  }

  async #get<T>(path: string, params: Record<string, string>, signal: AbortSignal | undefined) {
    const query = new URLSearchParams(params).toString();
    const answer = await this.#api.getJson<T>(
      `${this.#base}${path}${query === "" ? "" : `?${query}`}`,
      signal,
    );
    if (answer.status === 410) throw invalid(path);
    return answer;
  }
}

/** The root has no parents; every other folder has one. */
function toFolderInfo(file: DriveFile): FolderInfo {
  return { id: file.id, name: file.name ?? "", parentId: file.parents?.[0] ?? null };
}

function invalid(what: string): PlayerError {
  return new PlayerError("sync/invalid-response", `Drive answered ${what} with an unexpected body`);
}

/** Reads a full-listing token; `null` starts at the beginning. */
function parseKeyset(token: string | null): { t: string | null; p: string | null } {
  if (token === null) return { t: null, p: null };
  try {
    const value = JSON.parse(token) as { t?: unknown; p?: unknown };
    return {
      t: typeof value.t === "string" ? value.t : null,
      p: typeof value.p === "string" ? value.p : null,
    };
  } catch {
    // Not ours (e.g. an older format): start the listing over; the generation sweep stays correct.
    return { t: null, p: null };
  }
}
