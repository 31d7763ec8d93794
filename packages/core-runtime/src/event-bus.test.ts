import { describe, expect, it, vi } from "vitest";
import { EventBus } from "./event-bus.js";
import type { PlayerEventMap } from "./events.js";

const tick = (seq: number): PlayerEventMap["diagnostics:tick"] => ({ seq, total: 3 });

describe("EventBus", () => {
  it("delivers typed payloads and stops after the returned unsubscribe", () => {
    const bus = new EventBus();
    const seen: number[] = [];
    const stop = bus.on("diagnostics:tick", (data) => seen.push(data.seq));
    bus.emit("diagnostics:tick", tick(1));
    stop();
    bus.emit("diagnostics:tick", tick(2));
    expect(seen).toEqual([1]);
    expect(bus.listenerCount("diagnostics:tick")).toBe(0);
  });

  it("turns a throwing listener into runtime:error and still calls the next listener", () => {
    const bus = new EventBus();
    const errors: PlayerEventMap["runtime:error"][] = [];
    bus.on("runtime:error", (data) => errors.push(data));
    const after = vi.fn();
    bus.on("diagnostics:tick", () => {
      throw new Error("listener bug");
    });
    bus.on("diagnostics:tick", after);
    expect(() => bus.emit("diagnostics:tick", tick(0))).not.toThrow();
    expect(after).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.source).toBe("bus");
    expect(errors[0]?.error.code).toBe("runtime/listener-failed");
    expect(errors[0]?.error.message).toContain("listener bug");
    expect(errors[0]?.error.details).toEqual({ event: "diagnostics:tick" });
  });

  it("does not loop when a runtime:error listener throws; hands it to onUnreportableError", () => {
    const unreportable: unknown[] = [];
    const bus = new EventBus({ onUnreportableError: (error) => unreportable.push(error) });
    const any = vi.fn((type: string) => {
      if (type === "runtime:error") throw new Error("any failed");
    });
    bus.onAny(any);
    bus.on("runtime:error", () => {
      throw new Error("error listener failed");
    });
    bus.emit("diagnostics:tick", tick(0));
    expect(any).toHaveBeenCalledTimes(1);
    bus.on("diagnostics:tick", () => {
      throw new Error("first");
    });
    bus.emit("diagnostics:tick", tick(1));
    // one runtime:error emitted; both its listeners threw and were contained
    expect(unreportable.map((error) => (error as Error).message).sort()).toEqual([
      "any failed",
      "error listener failed",
    ]);
  });

  it("onAny sees every event with its name, once() fires once, same listener twice registers once", () => {
    const bus = new EventBus();
    const names: string[] = [];
    const stopAny = bus.onAny((type) => names.push(type));
    const once = vi.fn();
    bus.once("diagnostics:tick", once);
    const twice = vi.fn();
    bus.on("diagnostics:tick", twice);
    bus.on("diagnostics:tick", twice);
    bus.emit("diagnostics:tick", tick(0));
    bus.emit("diagnostics:tick", tick(1));
    stopAny();
    bus.emit("runtime:log", { record: { level: "info", scope: "t", message: "m", time: 0 } });
    expect(names).toEqual(["diagnostics:tick", "diagnostics:tick"]);
    expect(once).toHaveBeenCalledTimes(1);
    expect(twice).toHaveBeenCalledTimes(2);
  });

  it("clear() removes every listener", () => {
    const bus = new EventBus();
    const listener = vi.fn();
    bus.on("diagnostics:tick", listener);
    bus.onAny(listener);
    bus.clear();
    bus.emit("diagnostics:tick", tick(0));
    expect(listener).not.toHaveBeenCalled();
    expect(bus.listenerCount("*")).toBe(0);
  });
});
