import {
  type EventBus,
  type EventForwardingConfig,
  PlayerError,
  type PlayerEventMap,
  UI_EVENT_NAMES,
} from "@player/core-runtime";
import type { EventBatchMessage } from "./worker-api.js";

/** The part of a MessagePort the forwarder needs. */
export interface EventSink {
  postMessage(message: EventBatchMessage): void;
}

const UI_EVENTS: ReadonlySet<string> = new Set(UI_EVENT_NAMES);

/**
 * Sends the bus's UI-facing events to the page in batches: events emitted in
 * the same task (or within `batchIntervalMs`) travel in one postMessage, and a
 * batch that reaches `maxBatchSize` is sent at once.
 */
export class EventForwarder {
  private queue: Array<readonly [string, unknown]> = [];
  private scheduled = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly stopListening: () => void;

  constructor(
    private readonly bus: EventBus,
    private readonly sink: EventSink,
    private settings: EventForwardingConfig,
  ) {
    this.stopListening = bus.onAny((type, data) => {
      if (UI_EVENTS.has(type)) this.enqueue(type, data);
    });
  }

  /** Applies new batching settings from the next batch on. */
  update(settings: EventForwardingConfig): void {
    this.settings = settings;
  }

  /** Sends whatever is queued now. */
  flush(): void {
    this.scheduled = false;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const events = this.queue;
    this.queue = [];
    try {
      this.sink.postMessage({ type: "events", events });
    } catch (error) {
      this.sendOneByOne(events, error);
    }
  }

  /** Stops forwarding; drops nothing already queued (it is flushed first). */
  destroy(): void {
    this.flush();
    this.stopListening();
  }

  private enqueue(type: string, data: unknown): void {
    this.queue.push([type, data]);
    if (this.queue.length >= this.settings.maxBatchSize) {
      this.flush();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    if (this.settings.batchIntervalMs === 0) queueMicrotask(() => this.scheduled && this.flush());
    else this.timer = setTimeout(() => this.flush(), this.settings.batchIntervalMs);
  }

  /** A batch failed to clone: send the good events and report the bad ones. */
  private sendOneByOne(
    events: ReadonlyArray<readonly [string, unknown]>,
    batchError: unknown,
  ): void {
    for (const event of events) {
      try {
        this.sink.postMessage({ type: "events", events: [event] });
      } catch (error) {
        if (event[0] === "runtime:error") continue;
        const report: PlayerEventMap["runtime:error"] = {
          source: "event-forwarder",
          error: new PlayerError(
            "runtime/internal",
            `Event "${event[0]}" could not be sent to the page: ${(error as Error).message}`,
            { cause: batchError },
          ).toJSON(),
        };
        this.bus.emit("runtime:error", report);
      }
    }
  }
}
