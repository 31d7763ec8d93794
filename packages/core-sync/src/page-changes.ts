import type { RemoteFile } from "@player/core-library";

/** A file whose folder path is still to be resolved. */
export type UnplacedFile = Omit<RemoteFile, "folderPath">;

/**
 * Collects the entries of one page in order, keeping only the last word on
 * each id (providers may repeat an item within a page), then places the
 * files in their folders.
 */
export class PageChanges {
  readonly #latest = new Map<string, UnplacedFile | null>();

  /** A file that exists now (added, renamed, moved or changed). */
  upsert(file: UnplacedFile): void {
    this.#latest.delete(file.remoteId);
    this.#latest.set(file.remoteId, file);
  }

  /** A file that is gone (deleted, trashed, no longer music). */
  remove(remoteId: string): void {
    this.#latest.delete(remoteId);
    this.#latest.set(remoteId, null);
  }

  /** Whether the page already said something about this id. */
  has(remoteId: string): boolean {
    return this.#latest.has(remoteId);
  }

  /**
   * The page's upserts with folder paths, and its removals.
   *
   * @param pathOf - Resolves a folder id to its path; `undefined` skips the file.
   */
  async resolve(
    pathOf: (folderId: string) => Promise<string | undefined>,
  ): Promise<{ upserts: RemoteFile[]; removals: string[]; failed: number }> {
    const removals: string[] = [];
    const files: UnplacedFile[] = [];
    for (const [id, file] of this.#latest) {
      if (file === null) removals.push(id);
      else files.push(file);
    }
    const parents = [...new Set(files.map((file) => file.parentId))];
    const paths = new Map(
      await Promise.all(parents.map(async (id) => [id, await pathOf(id)] as const)),
    );
    const upserts: RemoteFile[] = [];
    let failed = 0;
    for (const file of files) {
      const folderPath = paths.get(file.parentId);
      if (folderPath === undefined) failed++;
      else upserts.push({ ...file, folderPath });
    }
    return { upserts, removals, failed };
  }
}
