import {
  EventBus,
  type EventForwardingConfig,
  type PlayerEventMap,
  UI_EVENT_NAMES,
} from "@player/core-runtime";
import { afterEach, describe, expect, it, vi } from "vitest";
import { EventForwarder, type EventSink } from "./event-forwarder.js";
import type { EventBatchMessage } from "./worker-api.js";

/** A sink that records every batch it is given. */
class RecordingSink implements EventSink {
  readonly batches: EventBatchMessage[] = [];

  postMessage(message: EventBatchMessage): void {
    this.batches.push(message);
  }

  /** Event names per batch, e.g. `[["diagnostics:tick", "runtime:ready"]]`. */
  names(): string[][] {
    return this.batches.map((batch) => batch.events.map(([name]) => name));
  }
}

/** A sink that clones like a real MessagePort, so uncloneable payloads throw DataCloneError. */
class CloningSink extends RecordingSink {
  attempts = 0;

  override postMessage(message: EventBatchMessage): void {
    this.attempts++;
    super.postMessage(structuredClone(message));
  }
}

const IMMEDIATE: EventForwardingConfig = { batchIntervalMs: 0, maxBatchSize: 500 };

const tick = (seq: number, total = 10): PlayerEventMap["diagnostics:tick"] => ({ seq, total });

/** Resolves after every microtask queued before the call has run (the queue is FIFO). */
const afterQueuedMicrotasks = () => new Promise<void>((resolve) => queueMicrotask(resolve));

const forwarders: EventForwarder[] = [];

function setUp(settings: EventForwardingConfig = IMMEDIATE, sink = new RecordingSink()) {
  const bus = new EventBus();
  const forwarder = new EventForwarder(bus, sink, settings);
  forwarders.push(forwarder);
  return { bus, sink, forwarder };
}

afterEach(() => {
  for (const forwarder of forwarders.splice(0)) forwarder.destroy();
  vi.useRealTimers();
});

describe("EventForwarder", () => {
  it("sends events emitted in the same task as ONE batch, after a microtask", async () => {
    const { bus, sink } = setUp();
    bus.emit("diagnostics:tick", tick(0));
    bus.emit("runtime:ready", { version: "1.2.3", startupMs: 4 });
    bus.emit("diagnostics:tick", tick(1));
    expect(sink.batches).toHaveLength(0);

    await afterQueuedMicrotasks();

    expect(sink.batches).toEqual([
      {
        type: "events",
        events: [
          ["diagnostics:tick", { seq: 0, total: 10 }],
          ["runtime:ready", { version: "1.2.3", startupMs: 4 }],
          ["diagnostics:tick", { seq: 1, total: 10 }],
        ],
      },
    ]);

    bus.emit("diagnostics:tick", tick(2));
    await afterQueuedMicrotasks();
    expect(sink.names()).toEqual([
      ["diagnostics:tick", "runtime:ready", "diagnostics:tick"],
      ["diagnostics:tick"],
    ]);
  });

  it("forwards exactly the UI events and nothing else", async () => {
    const { bus, sink } = setUp();
    bus.emit("runtime:worker-lost", {
      reason: "worker-error",
      silentForMs: 0,
      message: "page-only",
    });
    // Events the page does not get travel on the same bus but stay in the worker.
    bus.emit("worker:internal" as never, { done: 1 } as never);
    // The forwarder never looks inside payloads, so a marker per event is enough here.
    for (const name of UI_EVENT_NAMES) bus.emit(name, { probe: name } as never);

    await afterQueuedMicrotasks();

    expect(sink.names()).toEqual([[...UI_EVENT_NAMES]]);
  });

  it("sends a batch at once when it reaches maxBatchSize", async () => {
    const { bus, sink } = setUp({ batchIntervalMs: 0, maxBatchSize: 3 });
    bus.emit("diagnostics:tick", tick(0));
    bus.emit("diagnostics:tick", tick(1));
    expect(sink.batches).toHaveLength(0);
    bus.emit("diagnostics:tick", tick(2));
    // Synchronously, without waiting for the microtask.
    expect(sink.batches.map((batch) => batch.events.length)).toEqual([3]);

    bus.emit("diagnostics:tick", tick(3));
    expect(sink.batches).toHaveLength(1);
    await afterQueuedMicrotasks();
    await afterQueuedMicrotasks();

    expect(
      sink.batches.map((batch) => batch.events.map(([, data]) => (data as { seq: number }).seq)),
    ).toEqual([[0, 1, 2], [3]]);
  });

  it("with batchIntervalMs > 0 waits for the timer, not the microtask", async () => {
    vi.useFakeTimers();
    const { bus, sink } = setUp({ batchIntervalMs: 50, maxBatchSize: 500 });
    bus.emit("diagnostics:tick", tick(0));
    await afterQueuedMicrotasks();
    vi.advanceTimersByTime(30);
    bus.emit("diagnostics:tick", tick(1));
    vi.advanceTimersByTime(19);
    expect(sink.batches).toHaveLength(0);

    // The interval counts from the first queued event, not the last.
    vi.advanceTimersByTime(1);
    expect(sink.names()).toEqual([["diagnostics:tick", "diagnostics:tick"]]);

    bus.emit("diagnostics:tick", tick(2));
    vi.advanceTimersByTime(49);
    expect(sink.batches).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sink.batches).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a full batch under a timer is sent at once and its timer is cancelled", () => {
    vi.useFakeTimers();
    const { bus, sink } = setUp({ batchIntervalMs: 1_000, maxBatchSize: 2 });
    bus.emit("diagnostics:tick", tick(0));
    expect(vi.getTimerCount()).toBe(1);
    bus.emit("diagnostics:tick", tick(1));
    expect(sink.batches).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("update() changes the interval and the batch size for the next batch", async () => {
    vi.useFakeTimers();
    const { bus, sink, forwarder } = setUp();
    forwarder.update({ batchIntervalMs: 100, maxBatchSize: 2 });

    bus.emit("diagnostics:tick", tick(0));
    await afterQueuedMicrotasks();
    expect(sink.batches).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(sink.names()).toEqual([["diagnostics:tick"]]);

    bus.emit("diagnostics:tick", tick(1));
    bus.emit("diagnostics:tick", tick(2));
    expect(sink.batches).toHaveLength(2);

    forwarder.update(IMMEDIATE);
    bus.emit("diagnostics:tick", tick(3));
    bus.emit("diagnostics:tick", tick(4));
    bus.emit("diagnostics:tick", tick(5));
    await afterQueuedMicrotasks();
    expect(sink.batches.map((batch) => batch.events.length)).toEqual([1, 2, 3]);
  });

  it("destroy() flushes what is queued, then stops forwarding and removes its listener", async () => {
    vi.useFakeTimers();
    const bus = new EventBus();
    const sink = new RecordingSink();
    const forwarder = new EventForwarder(bus, sink, { batchIntervalMs: 1_000, maxBatchSize: 500 });
    expect(bus.listenerCount("*")).toBe(1);
    bus.emit("diagnostics:tick", tick(0));
    bus.emit("diagnostics:tick", tick(1));

    forwarder.destroy();

    expect(sink.names()).toEqual([["diagnostics:tick", "diagnostics:tick"]]);
    expect(bus.listenerCount("*")).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    bus.emit("diagnostics:tick", tick(2));
    await afterQueuedMicrotasks();
    vi.advanceTimersByTime(5_000);
    expect(sink.batches).toHaveLength(1);
  });

  it("when one payload cannot be cloned, sends the others one by one and reports it as runtime:error", async () => {
    const sink = new CloningSink();
    const { bus } = setUp(IMMEDIATE, sink);
    const errors: PlayerEventMap["runtime:error"][] = [];
    bus.on("runtime:error", (data) => errors.push(data));

    bus.emit("diagnostics:tick", tick(0));
    bus.emit("runtime:log", {
      record: {
        level: "warn",
        scope: "t",
        message: "bad",
        time: 0,
        context: { callback: () => {} },
      },
    });
    bus.emit("diagnostics:tick", tick(1));
    await afterQueuedMicrotasks();

    // The good events arrive, in order, as single-event batches.
    expect(sink.batches.slice(0, 2)).toEqual([
      { type: "events", events: [["diagnostics:tick", { seq: 0, total: 10 }]] },
      { type: "events", events: [["diagnostics:tick", { seq: 1, total: 10 }]] },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.source).toBe("event-forwarder");
    expect(errors[0]?.error.code).toBe("runtime/internal");
    expect(errors[0]?.error.message).toContain('"runtime:log"');
    expect(errors[0]?.error.cause?.name).toBe("DataCloneError");

    // The report is itself a UI event: it reaches the page in the next batch.
    await afterQueuedMicrotasks();
    expect(sink.names()).toEqual([["diagnostics:tick"], ["diagnostics:tick"], ["runtime:error"]]);
    expect(sink.batches[2]?.events[0]?.[1]).toEqual(errors[0]);
  });

  it("drops an uncloneable runtime:error without reporting it again (no loop)", async () => {
    const sink = new CloningSink();
    const { bus } = setUp(IMMEDIATE, sink);
    const errors = vi.fn();
    bus.on("runtime:error", errors);

    bus.emit("runtime:error", {
      source: "test",
      error: {
        name: "PlayerError",
        code: "runtime/internal",
        message: "carries a function",
        fatal: false,
        retryable: false,
        details: { fn: (() => {}) as unknown as string },
      },
    });
    bus.emit("diagnostics:tick", tick(7));
    await afterQueuedMicrotasks();
    await afterQueuedMicrotasks();

    expect(errors).toHaveBeenCalledTimes(1);
    expect(sink.names()).toEqual([["diagnostics:tick"]]);
    // One failed batch, then one attempt per event.
    expect(sink.attempts).toBe(3);
  });
});
