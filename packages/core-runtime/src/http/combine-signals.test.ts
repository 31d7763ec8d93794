import { describe, expect, it } from "vitest";
import { type AnySignalFunction, combineSignals } from "./combine-signals.js";

const variants: Array<[string, AnySignalFunction | null]> = [
  ["AbortSignal.any", (signals) => AbortSignal.any(signals)],
  ["the listener fallback", null],
];

describe.each(variants)("combineSignals with %s", (_, any) => {
  it("aborts with the caller's reason", () => {
    const caller = new AbortController();
    const own = new AbortController();
    const { signal } = combineSignals(caller.signal, own, any);
    const reason = new Error("user pressed stop");
    caller.abort(reason);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBe(reason);
  });

  it("aborts when the own controller aborts, leaving the caller alone", () => {
    const caller = new AbortController();
    const own = new AbortController();
    const { signal } = combineSignals(caller.signal, own, any);
    own.abort(new DOMException("late", "TimeoutError"));
    expect(signal.aborted).toBe(true);
    expect(caller.signal.aborted).toBe(false);
  });

  it("starts aborted when the caller already is", () => {
    const caller = new AbortController();
    caller.abort();
    expect(combineSignals(caller.signal, new AbortController(), any).signal.aborted).toBe(true);
  });
});

describe("combineSignals", () => {
  it("stops forwarding after unlink (fallback)", () => {
    const caller = new AbortController();
    const own = new AbortController();
    const { signal, unlink } = combineSignals(caller.signal, own, null);
    unlink();
    caller.abort();
    expect(signal.aborted).toBe(false);
  });

  it("uses the own signal when there is no caller signal", () => {
    const own = new AbortController();
    expect(combineSignals(undefined, own).signal).toBe(own.signal);
  });
});
