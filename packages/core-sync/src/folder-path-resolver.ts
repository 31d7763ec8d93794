/** A folder as far as paths go: its name and its parent (`null` for the drive root). */
export interface FolderInfo {
  id: string;
  name: string;
  parentId: string | null;
}

/** Looks one folder up at the provider; `undefined` when it no longer exists. */
export type FolderLookup = (
  id: string,
  signal: AbortSignal | undefined,
) => Promise<FolderInfo | undefined>;

/** Deeper than any real tree; stops a corrupt parent chain from looping. */
const MAX_DEPTH = 256;

/**
 * Turns folder ids into paths from the drive root (`/Music/Artist/Album`,
 * `/` for the root). Folders seen in listings are remembered; unknown ones
 * are looked up once each (concurrent lookups of one id are shared).
 */
export class FolderPathResolver {
  readonly #folders = new Map<string, FolderInfo>();
  readonly #pending = new Map<string, Promise<FolderInfo | undefined>>();
  readonly #lookup: FolderLookup;

  constructor(lookup: FolderLookup) {
    this.#lookup = lookup;
  }

  /** Records what a listing said about a folder (newest facts win). */
  remember(folder: FolderInfo): void {
    this.#folders.set(folder.id, folder);
  }

  /** Forgets a deleted folder. */
  forget(id: string): void {
    this.#folders.delete(id);
  }

  /** Forgets everything (at the start of a job, so stale names never outlive it). */
  clear(): void {
    this.#folders.clear();
    this.#pending.clear();
  }

  /** Whether the folder is known without a lookup. */
  has(id: string): boolean {
    return this.#folders.has(id);
  }

  /**
   * The folder's path from the root.
   *
   * @returns The path, or `undefined` when a folder on the way is gone.
   */
  async pathOf(folderId: string, signal?: AbortSignal): Promise<string | undefined> {
    const names: string[] = [];
    let current: string | null = folderId;
    for (let depth = 0; current !== null; depth++) {
      if (depth > MAX_DEPTH) return undefined;
      const folder = await this.#get(current, signal);
      if (folder === undefined) return undefined;
      if (folder.parentId === null) break;
      names.unshift(folder.name);
      current = folder.parentId;
    }
    return `/${names.join("/")}`;
  }

  async #get(id: string, signal: AbortSignal | undefined): Promise<FolderInfo | undefined> {
    const known = this.#folders.get(id);
    if (known !== undefined) return known;
    let pending = this.#pending.get(id);
    if (pending === undefined) {
      pending = this.#lookup(id, signal).finally(() => this.#pending.delete(id));
      this.#pending.set(id, pending);
    }
    const folder = await pending;
    // A listing may have remembered newer facts while the lookup ran.
    if (folder !== undefined && !this.#folders.has(id)) this.#folders.set(id, folder);
    return this.#folders.get(id) ?? folder;
  }
}
