import type { ByteRange, RangeReadResult, StorageReadOptions } from "@player/core-runtime";
import { isPlayerError, PlayerError } from "@player/core-runtime";
import { type FolderInfo, FolderPathResolver } from "../../folder-path-resolver.js";
import { PageChanges } from "../../page-changes.js";
import { type ApiAnswer, connectorBasics, type ProviderApi } from "../../provider-api.js";
import {
  type ChangesPage,
  type FullListingPage,
  resyncRequired,
  type SyncConnector,
} from "../../sync-connector.js";
import { DownloadUrlCache } from "./download-url-cache.js";
import {
  DRIVE_ITEM_SELECT,
  type DriveItem,
  type DriveItemPage,
  toFolderInfo,
  toUnplacedFile,
} from "./graph-types.js";

/** Options of {@link OneDriveConnector}. */
export interface OneDriveConnectorOptions {
  /** Authorised requests for the account (provider `microsoft`). */
  api: ProviderApi;
  /** Graph base URL. Default `https://graph.microsoft.com/v1.0`. */
  baseUrl?: string;
  /** `$top` of delta and children pages. Default 1000. */
  pageSize?: number;
}

/**
 * OneDrive connector over Graph `/me/drive/root/delta`: the enumeration
 * without a token is the full listing and its deltaLink the cursor for
 * changes. Delta has no paths, so folders are tracked by id across pages
 * (unknown ones looked up with `/items/{id}`), and a renamed or moved folder
 * has its files re-listed. `410` makes the job start over with a new
 * generation. The `audio` facet becomes `RemoteFile.tags`.
 */
export class OneDriveConnector implements SyncConnector {
  readonly provider = "microsoft" as const;
  /** Delta fixes a round's end when it starts; later changes wait for the next round. */
  readonly roundEndIsFixed = true;
  readonly accountId: string;
  readonly #api: ProviderApi;
  readonly #base: string;
  readonly #pageSize: number;
  readonly #folders: FolderPathResolver;
  /** Bytes of every file enumerated so far and of the whole drive, for progress. */
  #enumeratedBytes = 0;
  #driveBytes: number | undefined;
  /** Pre-authenticated download URLs, reused by range reads. */
  readonly #downloadUrls = new DownloadUrlCache();

  constructor(options: OneDriveConnectorOptions) {
    const basics = connectorBasics(
      options,
      "microsoft",
      "OneDriveConnector",
      "https://graph.microsoft.com/v1.0",
    );
    this.#api = basics.api;
    this.accountId = basics.api.accountId;
    this.#base = basics.base;
    this.#pageSize = basics.pageSize;
    this.#folders = new FolderPathResolver((id, signal) => this.#getFolder(id, signal));
  }

  resetCaches(): void {
    this.#folders.clear();
    this.#enumeratedBytes = 0;
    this.#driveBytes = undefined;
  }

  async startFullListing(): Promise<string | null> {
    this.#enumeratedBytes = 0;
    return null;
  }

  async listFullPage(token: string | null, signal?: AbortSignal): Promise<FullListingPage> {
    const url =
      token ??
      `${this.#base}/me/drive/root/delta?$top=${this.#pageSize}&$select=${DRIVE_ITEM_SELECT}`;
    const body = await this.#delta(url, signal);
    const page = new PageChanges();
    this.#readEntries(body.value ?? [], page, undefined);
    const resolved = await page.resolve((id) => this.#folders.pathOf(id, signal));
    const result: FullListingPage = { ...resolved, nextToken: body["@odata.nextLink"] ?? null };
    const deltaLink = body["@odata.deltaLink"];
    if (deltaLink !== undefined) result.incrementalToken = deltaLink;
    if (this.#driveBytes !== undefined && this.#driveBytes > 0) {
      result.fractionDone = Math.min(1, this.#enumeratedBytes / this.#driveBytes);
    }
    return result;
  }

  async listChangesPage(token: string, signal?: AbortSignal): Promise<ChangesPage> {
    const body = await this.#delta(token, signal);
    const page = new PageChanges();
    const changedFolders: string[] = [];
    this.#readEntries(body.value ?? [], page, changedFolders);
    for (const folderId of changedFolders) await this.#relistSubtree(folderId, page, signal);
    const resolved = await page.resolve((id) => this.#folders.pathOf(id, signal));
    const nextLink = body["@odata.nextLink"];
    const nextToken = nextLink ?? body["@odata.deltaLink"];
    if (nextToken === undefined) throw invalid("delta");
    return { ...resolved, nextToken, done: nextLink === undefined };
  }

  /**
   * Reads a range through the item's pre-authenticated download URL. The URL
   * is looked up once (`$select=@microsoft.graph.downloadUrl`, which unlike a
   * `/content` redirect is readable from a browser's fetch) and reused until
   * shortly before it expires, so N reads cost N+1 requests. A URL the
   * download host refuses (401/403/404: expired, or the content changed) is
   * looked up again and the read retried once.
   *
   * @throws PlayerError `http/status` with `status: 404` when the item is gone,
   *   and ProviderApi's and HttpClient's errors.
   */
  async readRange(
    remoteId: string,
    range: ByteRange,
    options: StorageReadOptions = {},
  ): Promise<RangeReadResult> {
    const init = options.signal === undefined ? {} : { signal: options.signal };
    const cached = this.#downloadUrls.get(remoteId);
    if (cached !== undefined) {
      try {
        return await this.#api.http.readRange(cached, range, init);
      } catch (error) {
        if (!isRefusedDownloadUrl(error) || options.signal?.aborted) throw error;
        this.#downloadUrls.forget(remoteId, cached);
      }
    }
    const url = await this.#lookUpDownloadUrl(remoteId, options.signal);
    return this.#api.http.readRange(url, range, init);
  }

  async #lookUpDownloadUrl(remoteId: string, signal: AbortSignal | undefined): Promise<string> {
    const answer = await this.#api.getJson<Record<string, unknown>>(
      `${this.#base}/me/drive/items/${encodeURIComponent(remoteId)}?$select=id,${DOWNLOAD_URL_PROPERTY}`,
      signal,
    );
    if (answer.status === 404 || answer.status === 410) {
      throw new PlayerError("http/status", `OneDrive item ${remoteId} was not found`, {
        details: { status: 404, itemId: remoteId },
      });
    }
    const url = answer.body[DOWNLOAD_URL_PROPERTY];
    if (typeof url !== "string" || !/^https?:\/\//.test(url)) throw invalid("the item lookup");
    this.#downloadUrls.set(remoteId, url);
    return url;
  }

  /** Reads delta entries in order: folders are remembered, files collected, deletions noted. */
  #readEntries(
    items: readonly DriveItem[],
    page: PageChanges,
    changedFolders: string[] | undefined,
  ): void {
    for (const item of items) {
      if (typeof item.id !== "string") continue;
      if (item.deleted !== undefined) {
        this.#folders.forget(item.id);
        page.remove(item.id);
      } else if (item.root !== undefined) {
        this.#folders.remember(toFolderInfo(item));
        this.#driveBytes ??= item.size;
      } else if (item.folder !== undefined) {
        this.#folders.remember(toFolderInfo(item));
        // Graph reports a renamed or moved folder, not the files under it.
        changedFolders?.push(item.id);
      } else {
        this.#enumeratedBytes += item.size ?? 0;
        const file = toUnplacedFile(item);
        if (file === undefined) page.remove(item.id);
        else page.upsert(file);
      }
    }
  }

  /** Adds every music file below a folder, walking `children` pages. */
  async #relistSubtree(
    folderId: string,
    page: PageChanges,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    const queue = [folderId];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      let url: string | undefined =
        `${this.#base}/me/drive/items/${encodeURIComponent(next)}/children?$top=${this.#pageSize}`;
      while (url !== undefined) {
        const answer: ApiAnswer<DriveItemPage> = await this.#api.getJson<DriveItemPage>(
          this.#checked(url),
          signal,
        );
        if (answer.status === 404) break; // deleted since: its own delta entries follow
        for (const child of answer.body.value ?? []) {
          if (child.folder !== undefined) {
            this.#folders.remember(toFolderInfo(child));
            queue.push(child.id);
          } else if (!page.has(child.id)) {
            const file = toUnplacedFile(child);
            if (file !== undefined) page.upsert(file);
          }
        }
        url = answer.body["@odata.nextLink"];
      }
    }
  }

  async #getFolder(id: string, signal: AbortSignal | undefined): Promise<FolderInfo | undefined> {
    const answer = await this.#api.getJson<DriveItem>(
      `${this.#base}/me/drive/items/${encodeURIComponent(id)}?$select=id,name,root,parentReference`,
      signal,
    );
    if (answer.status === 404) return undefined;
    return toFolderInfo(answer.body);
  }

  async #delta(url: string, signal: AbortSignal | undefined): Promise<DriveItemPage> {
    const answer = await this.#api.getJson<DriveItemPage>(this.#checked(url), signal);
    if (answer.status === 410) throw resyncRequired("OneDrive asked for a resync (410)");
    if (answer.status !== 200 || !Array.isArray(answer.body.value)) throw invalid("delta");
    return answer.body;
  }

  /** A stored link must point at the configured Graph: the bearer token goes with it. */
  #checked(url: string): string {
    if (!url.startsWith(`${this.#base}/`)) {
      throw new PlayerError("sync/invalid-response", "A OneDrive link points outside Graph");
    }
    return url;
  }
}

/** The item property that holds its pre-authenticated download URL. */
const DOWNLOAD_URL_PROPERTY = "@microsoft.graph.downloadUrl";

/** The download host refused a stored URL: it expired early, or names an old version. */
function isRefusedDownloadUrl(error: unknown): boolean {
  if (!isPlayerError(error) || error.code !== "http/status") return false;
  const status = error.details?.status;
  return status === 401 || status === 403 || status === 404;
}

function invalid(what: string): PlayerError {
  return new PlayerError(
    "sync/invalid-response",
    `OneDrive answered ${what} with an unexpected body`,
  );
}
