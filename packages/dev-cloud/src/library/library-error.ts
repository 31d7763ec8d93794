/**
 * Why the library refused a request. HTTP layers map `not-found` to 404 and
 * the rest to 400 (or their API's closest equivalent).
 */
export type LibraryErrorReason =
  /** No item has the given id (or it was removed). */
  | "not-found"
  /** The parent given for a new or moved item is a file. */
  | "not-a-folder"
  /** Content was written to a folder. */
  | "not-a-file"
  /** A folder would move into itself or one of its descendants. */
  | "cycle"
  /** The root folder cannot be renamed, moved, trashed or removed. */
  | "root"
  /** A name that is empty, blank or contains `/`. */
  | "invalid-name"
  /** A change-log position that is not a non-negative integer. */
  | "invalid-seq";

const LIBRARY_ERROR_MARKER = Symbol.for("@player/dev-cloud/library-error");

/**
 * A mutation or query the library refused, with a machine-readable `reason`.
 *
 * @example
 * ```ts
 * try { store.move(folderId, childId); }
 * catch (error) { if (LibraryError.isInstance(error) && error.reason === "cycle") { … } }
 * ```
 */
export class LibraryError extends Error {
  override readonly name = "LibraryError";
  readonly reason: LibraryErrorReason;
  /** Marks library errors across module copies; see {@link LibraryError.isInstance}. */
  readonly [LIBRARY_ERROR_MARKER] = true;

  constructor(reason: LibraryErrorReason, message: string) {
    super(message);
    this.reason = reason;
  }

  /** Recognises a LibraryError by its marker, even from a second copy of this module. */
  static isInstance(value: unknown): value is LibraryError {
    return typeof value === "object" && value !== null && LIBRARY_ERROR_MARKER in value;
  }
}
