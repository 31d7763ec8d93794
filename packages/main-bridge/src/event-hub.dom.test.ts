import type { RuntimeErrorData, UiEventMap } from "@player/core-runtime";
import { describe, expect, it, vi } from "vitest";
import { EventHub } from "./event-hub.js";

const tick = (seq: number): UiEventMap["diagnostics:tick"] => ({ seq, total: 3 });

function setUp() {
  const unreportable: unknown[] = [];
  const hub = new EventHub((error) => unreportable.push(error));
  return { hub, unreportable };
}

describe("EventHub", () => {
  it("delivers each event's payload to the listeners of that event only", () => {
    const { hub } = setUp();
    const ticks: UiEventMap["diagnostics:tick"][] = [];
    const lost: UiEventMap["runtime:worker-lost"][] = [];
    hub.on("diagnostics:tick", (data) => ticks.push(data));
    hub.on("runtime:worker-lost", (data) => lost.push(data));

    hub.emit("diagnostics:tick", tick(0));
    hub.emit("diagnostics:tick", tick(1));
    const lostData = { reason: "heartbeat-timeout", silentForMs: 1_500, message: "gone" } as const;
    hub.emit("runtime:worker-lost", lostData);

    expect(ticks).toEqual([tick(0), tick(1)]);
    expect(lost).toEqual([lostData]);
    // Payloads are passed as-is, not copied.
    expect(lost[0]).toBe(lostData);
  });

  it("stops delivering after off() or the returned unsubscribe, and leaves other listeners alone", () => {
    const { hub } = setUp();
    const first = vi.fn();
    const second = vi.fn();
    const third = vi.fn();
    const stopFirst = hub.on("diagnostics:tick", first);
    hub.on("diagnostics:tick", second);
    hub.on("diagnostics:tick", third);

    stopFirst();
    hub.off("diagnostics:tick", second);
    hub.emit("diagnostics:tick", tick(0));

    expect(first).not.toHaveBeenCalled();
    expect(second).not.toHaveBeenCalled();
    expect(third).toHaveBeenCalledTimes(1);
    expect(hub.listenerCount("diagnostics:tick")).toBe(1);
    // Removing twice, or a listener never added, is harmless.
    expect(() => {
      stopFirst();
      hub.off("runtime:ready", vi.fn());
    }).not.toThrow();
    expect(hub.listenerCount("diagnostics:tick")).toBe(1);
  });

  it("registers the same listener once even when added twice", () => {
    const { hub } = setUp();
    const listener = vi.fn();
    hub.on("diagnostics:tick", listener);
    hub.on("diagnostics:tick", listener);

    hub.emit("diagnostics:tick", tick(0));

    expect(listener).toHaveBeenCalledTimes(1);
    expect(hub.listenerCount("diagnostics:tick")).toBe(1);
  });

  it("turns a throwing listener into runtime:error (source page) while the other listeners still run", () => {
    const { hub, unreportable } = setUp();
    const errors: RuntimeErrorData[] = [];
    hub.on("runtime:error", (data) => errors.push(data));
    const before = vi.fn();
    const after = vi.fn();
    hub.on("diagnostics:tick", before);
    hub.on("diagnostics:tick", () => {
      throw new Error("listener bug");
    });
    hub.on("diagnostics:tick", after);

    expect(() => hub.emit("diagnostics:tick", tick(2))).not.toThrow();

    expect(before).toHaveBeenCalledWith(tick(2));
    expect(after).toHaveBeenCalledWith(tick(2));
    expect(errors).toEqual([
      {
        source: "page",
        error: {
          name: "PlayerError",
          code: "runtime/listener-failed",
          message: 'A listener for "diagnostics:tick" threw: listener bug',
          fatal: false,
          retryable: false,
          details: { event: "diagnostics:tick" },
        },
      },
    ]);
    expect(structuredClone(errors[0])).toEqual(errors[0]);
    expect(unreportable).toEqual([]);
  });

  it("reports a non-Error thrown value by its string form", () => {
    const { hub } = setUp();
    const errors: RuntimeErrorData[] = [];
    hub.on("runtime:error", (data) => errors.push(data));
    hub.on("runtime:ready", () => {
      throw "plain string";
    });

    hub.emit("runtime:ready", { version: "1", startupMs: 0 });

    expect(errors[0]?.error.message).toBe('A listener for "runtime:ready" threw: plain string');
  });

  it("hands a throwing runtime:error listener to onUnreportableError instead of looping", () => {
    const { hub, unreportable } = setUp();
    const failure = new Error("error listener failed");
    const calls = vi.fn(() => {
      throw failure;
    });
    const other = vi.fn();
    hub.on("runtime:error", calls);
    hub.on("runtime:error", other);
    hub.on("diagnostics:tick", () => {
      throw new Error("first");
    });

    hub.emit("diagnostics:tick", tick(0));

    // One runtime:error: the failing listener ran once, the next one still ran.
    expect(calls).toHaveBeenCalledTimes(1);
    expect(other).toHaveBeenCalledTimes(1);
    expect(unreportable).toEqual([failure]);
  });

  it("counts listeners per event and in total; clear() removes them all", () => {
    const { hub } = setUp();
    const ready = vi.fn();
    hub.on("diagnostics:tick", vi.fn());
    hub.on("diagnostics:tick", vi.fn());
    hub.on("runtime:ready", ready);
    expect(hub.listenerCount("diagnostics:tick")).toBe(2);
    expect(hub.listenerCount("runtime:ready")).toBe(1);
    expect(hub.listenerCount("runtime:error")).toBe(0);
    expect(hub.listenerCount()).toBe(3);

    hub.clear();

    expect(hub.listenerCount()).toBe(0);
    expect(hub.listenerCount("diagnostics:tick")).toBe(0);
    hub.emit("runtime:ready", { version: "1", startupMs: 0 });
    expect(ready).not.toHaveBeenCalled();
    // The hub still works after clear().
    hub.on("runtime:ready", ready);
    hub.emit("runtime:ready", { version: "2", startupMs: 0 });
    expect(ready).toHaveBeenCalledTimes(1);
  });

  it("rejects a malformed event name or a listener that is not a function, naming the argument", () => {
    const hub = new EventHub(() => {});
    expect(() => hub.on("tick" as never, () => {})).toThrow(
      expect.objectContaining({
        code: "runtime/invalid-argument",
        details: { argument: "type" },
        message: 'Event name must look like "domain:what" (e.g. "runtime:error"), got "tick"',
      }),
    );
    expect(() => hub.on("runtime:ready", "handler" as never)).toThrow(
      expect.objectContaining({
        code: "runtime/invalid-argument",
        details: { argument: "listener" },
        message: 'The listener for "runtime:ready" must be a function, got string',
      }),
    );
    expect(() => hub.off("runtime:ready", undefined as never)).toThrow(/must be a function/);
    expect(hub.listenerCount()).toBe(0);
  });
});
