import { AUDIO_FORMATS } from "../library/audio-formats.js";
import type { GeneratedLibrary, PlannedItem } from "../library/generate-library.js";
import type { CloudItem, LibraryStore, TrackFacts } from "../library/library-types.js";
import { makeTrackFacts } from "./track-facts.js";

/**
 * Builds a small {@link GeneratedLibrary} by hand, for a real library store
 * in tests. Paths are `/`-separated from the drive root; plan each folder
 * before what it holds. Every item gets the same time, the plan's `time`.
 *
 * @example
 * ```ts
 * const generated = new LibraryPlan(TEST_START)
 *   .folder("Music")
 *   .track("Music/a.mp3", { title: "Alpha" })
 *   .file("notes.txt", "hello", "text/plain")
 *   .build();
 * ```
 */
export class LibraryPlan {
  readonly #items: PlannedItem[] = [];
  readonly #tracks: TrackFacts[] = [];

  /** @param time - Created and modified time of every planned item, ms since the epoch. */
  constructor(readonly time: number) {}

  /** Plans a folder. */
  folder(path: string): this {
    this.#items.push({ kind: "folder", path: path.split("/"), time: this.time });
    return this;
  }

  /** Plans a file holding `content` (a string is stored as UTF-8). */
  file(path: string, content: Uint8Array | string, mimeType: string): this {
    const bytes = typeof content === "string" ? new TextEncoder().encode(content) : content;
    this.#items.push({
      kind: "file",
      path: path.split("/"),
      time: this.time,
      mimeType,
      content: { type: "bytes", bytes },
    });
    return this;
  }

  /**
   * Plans a generated track: facts from {@link makeTrackFacts} with the next
   * index, the MIME type of its format. Its bytes come from the store's renderer.
   */
  track(path: string, facts: Partial<TrackFacts> = {}): this {
    const track = makeTrackFacts(this.#tracks.length, facts);
    this.#tracks.push(track);
    this.#items.push({
      kind: "file",
      path: path.split("/"),
      time: this.time,
      mimeType: AUDIO_FORMATS[track.format].mimeType,
      content: { type: "track", track },
    });
    return this;
  }

  /** The library as {@link createLibraryStore} takes it. */
  build(): GeneratedLibrary {
    return { seed: 0, tracks: [...this.#tracks], items: [...this.#items] };
  }
}

/**
 * The item at a `/`-separated path from the drive root.
 *
 * @throws Error when nothing is there.
 */
export function itemAt(library: LibraryStore, path: string): CloudItem {
  let item: CloudItem | undefined = library.get(library.rootId);
  for (const name of path.split("/")) {
    item = item && library.children(item.id).find((child) => child.name === name);
  }
  if (item === undefined) throw new Error(`No item at ${path}.`);
  return item;
}
