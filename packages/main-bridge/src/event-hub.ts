import type { UiEventMap, UiEventName } from "@player/core-runtime";
import mitt from "mitt";
import { PlayerError } from "./player-error.js";

const EVENT_NAME = /^[a-z]+:[a-z]+(-[a-z]+)*$/;

/** Listener calls come from plain JavaScript too: fail loudly instead of never firing. */
function checkListenerArguments(type: unknown, listener: unknown): void {
  if (typeof type !== "string" || !EVENT_NAME.test(type)) {
    throw new PlayerError(
      "runtime/invalid-argument",
      `Event name must look like "domain:what" (e.g. "runtime:error"), got ${JSON.stringify(type)}`,
      { details: { argument: "type" } },
    );
  }
  if (typeof listener !== "function") {
    throw new PlayerError(
      "runtime/invalid-argument",
      `The listener for "${type}" must be a function, got ${listener === null ? "null" : typeof listener}`,
      { details: { argument: "listener" } },
    );
  }
}

/** A listener for one player event. */
export type PlayerListener<K extends UiEventName> = (data: UiEventMap[K]) => void;

/**
 * The page-side events of a player. A listener that throws does not stop the
 * others; its error is emitted as `runtime:error` (source `page`), or, for a
 * failing `runtime:error` listener, reported to `onUnreportableError`.
 */
export class EventHub {
  private readonly emitter = mitt<UiEventMap>();
  private readonly wrapped = new Map<string, Map<unknown, (data: never) => void>>();

  constructor(private readonly onUnreportableError: (error: unknown) => void) {}

  on<K extends UiEventName>(type: K, listener: PlayerListener<K>): () => void {
    checkListenerArguments(type, listener);
    this.off(type, listener);
    const safe = (data: UiEventMap[K]) => {
      try {
        listener(data);
      } catch (error) {
        this.report(type, error);
      }
    };
    let byListener = this.wrapped.get(type);
    if (byListener === undefined) {
      byListener = new Map();
      this.wrapped.set(type, byListener);
    }
    byListener.set(listener, safe);
    this.emitter.on(type, safe);
    return () => this.off(type, listener);
  }

  off<K extends UiEventName>(type: K, listener: PlayerListener<K>): void {
    checkListenerArguments(type, listener);
    const safe = this.wrapped.get(type)?.get(listener);
    if (safe === undefined) return;
    this.wrapped.get(type)?.delete(listener);
    this.emitter.off(type, safe as PlayerListener<K>);
  }

  emit<K extends UiEventName>(type: K, data: UiEventMap[K]): void {
    this.emitter.emit(type, data);
  }

  listenerCount(type?: UiEventName): number {
    if (type !== undefined) return this.wrapped.get(type)?.size ?? 0;
    let total = 0;
    for (const byListener of this.wrapped.values()) total += byListener.size;
    return total;
  }

  clear(): void {
    this.emitter.all.clear();
    this.wrapped.clear();
  }

  private report(type: UiEventName, error: unknown): void {
    if (type === "runtime:error") {
      this.onUnreportableError(error);
      return;
    }
    this.emitter.emit("runtime:error", {
      source: "page",
      error: {
        name: "PlayerError",
        code: "runtime/listener-failed",
        message: `A listener for "${type}" threw: ${error instanceof Error ? error.message : String(error)}`,
        fatal: false,
        retryable: false,
        details: { event: type },
      },
    });
  }
}
