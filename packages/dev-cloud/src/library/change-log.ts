import { LibraryError } from "./library-error.js";
import type { ChangeRecord } from "./library-types.js";

/**
 * The library's append-only change log, read the way Drive's `changes.list`
 * and Graph's `delta` read theirs: only the latest change of each item.
 */
export class ChangeLog {
  /** Record n (seq n) is at index n - 1. */
  readonly #records: ChangeRecord[] = [];
  readonly #lastSeqByItem = new Map<string, number>();

  /** The latest record's seq; 0 while the log is empty. */
  get seq(): number {
    return this.#records.length;
  }

  /** Appends a record with the next seq. */
  record(itemId: string, removed: boolean, time: number): ChangeRecord {
    const seq = this.#records.length + 1;
    const record = Object.freeze({ seq, itemId, removed, time });
    this.#records.push(record);
    this.#lastSeqByItem.set(itemId, seq);
    return record;
  }

  /**
   * The last record of each item changed after `seq`, ordered by seq; empty
   * for a `seq` at or beyond the end.
   *
   * @throws LibraryError `invalid-seq` when `seq` is not a non-negative integer.
   */
  since(seq: number): ChangeRecord[] {
    if (!Number.isSafeInteger(seq) || seq < 0) {
      throw new LibraryError("invalid-seq", `A change seq is a non-negative integer, got ${seq}.`);
    }
    return this.#records
      .slice(seq)
      .filter((record) => this.#lastSeqByItem.get(record.itemId) === record.seq);
  }
}
