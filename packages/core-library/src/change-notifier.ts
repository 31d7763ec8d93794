import type { EventBus } from "@player/core-runtime";
import type { TrackKey } from "./track-identity.js";

/** The most track keys one `library:tracks-changed` event lists. */
export const MAX_CHANGED_KEYS = 500;

/** What one write changed, as told to {@link ChangeNotifier.tracksChanged}. */
export interface TrackChanges {
  added?: number;
  updated?: number;
  removed?: number;
  keys: readonly TrackKey[];
  accountIds: readonly string[];
}

/**
 * Coalesces library writes into one `library:tracks-changed` and one
 * `library:playlists-changed` per task turn (`setTimeout(0)` by default: each
 * IndexedDB completion is its own task, so a microtask would coalesce nothing
 * across writes), so a sync of many pages or a burst of edits does not flood
 * the page.
 */
export class ChangeNotifier {
  readonly #bus: EventBus | undefined;
  #added = 0;
  #updated = 0;
  #removed = 0;
  #keys = new Set<TrackKey>();
  #keysTruncated = false;
  #accounts = new Set<string>();
  #playlists = new Set<string>();
  #scheduled = false;
  #destroyed = false;

  readonly #schedule: (flush: () => void) => void;

  /**
   * @param bus - Where events go; nothing is emitted without one.
   * @param schedule - Runs the flush later. Default: the next task.
   */
  constructor(bus: EventBus | undefined, schedule?: (flush: () => void) => void) {
    this.#bus = bus;
    this.#schedule = schedule ?? ((flush) => setTimeout(flush, 0));
  }

  /** Records track changes for the next event. */
  tracksChanged(changes: TrackChanges): void {
    const added = changes.added ?? 0;
    const updated = changes.updated ?? 0;
    const removed = changes.removed ?? 0;
    if (added + updated + removed === 0) return;
    this.#added += added;
    this.#updated += updated;
    this.#removed += removed;
    for (const key of changes.keys) {
      if (this.#keys.size >= MAX_CHANGED_KEYS) {
        this.#keysTruncated = true;
        break;
      }
      this.#keys.add(key);
    }
    for (const accountId of changes.accountIds) this.#accounts.add(accountId);
    this.#later();
  }

  /** Records changed playlists for the next event. */
  playlistsChanged(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) this.#playlists.add(id);
    this.#later();
  }

  /** Drops pending changes; nothing is emitted afterwards. */
  destroy(): void {
    this.#destroyed = true;
  }

  #later(): void {
    if (this.#scheduled || this.#bus === undefined || this.#destroyed) return;
    this.#scheduled = true;
    this.#schedule(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    const bus = this.#bus;
    if (bus === undefined || this.#destroyed) return;
    if (this.#added + this.#updated + this.#removed > 0) {
      const data = {
        added: this.#added,
        updated: this.#updated,
        removed: this.#removed,
        keys: [...this.#keys],
        keysTruncated: this.#keysTruncated,
        accountIds: [...this.#accounts],
      };
      this.#added = 0;
      this.#updated = 0;
      this.#removed = 0;
      this.#keys = new Set();
      this.#keysTruncated = false;
      this.#accounts = new Set();
      bus.emit("library:tracks-changed", data);
    }
    if (this.#playlists.size > 0) {
      const playlistIds = [...this.#playlists];
      this.#playlists = new Set();
      bus.emit("library:playlists-changed", { playlistIds });
    }
  }
}
