import { describe, expect, it } from "vitest";
import { ChangeLog } from "./change-log.js";
import { LibraryError } from "./library-error.js";

describe("ChangeLog", () => {
  it("numbers records from 1 and keeps only each item's latest after a seq", () => {
    const log = new ChangeLog();
    expect(log.seq).toBe(0);
    log.record("a", false, 10);
    log.record("b", false, 20);
    log.record("a", true, 30);
    expect(log.seq).toBe(3);
    expect(log.since(0)).toEqual([
      { seq: 2, itemId: "b", removed: false, time: 20 },
      { seq: 3, itemId: "a", removed: true, time: 30 },
    ]);
    expect(log.since(2)).toEqual([{ seq: 3, itemId: "a", removed: true, time: 30 }]);
    expect(log.since(3)).toEqual([]);
  });

  it("rejects a seq that is negative or fractional", () => {
    const log = new ChangeLog();
    expect(() => log.since(-1)).toThrow(LibraryError);
    expect(() => log.since(Number.NaN)).toThrow(/non-negative integer/);
  });
});
