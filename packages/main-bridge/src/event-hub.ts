import type { UiEventMap, UiEventName } from "@player/core-runtime";
import mitt from "mitt";

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
