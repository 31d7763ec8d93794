import mitt, { type Emitter } from "mitt";
import { PlayerError } from "./errors.js";
import type { PlayerEventMap } from "./events.js";

/** A listener for one event. */
export type EventListener<T> = (data: T) => void;

/** A listener for every event, given the name too. */
export type AnyEventListener<M> = <K extends keyof M>(type: K, data: M[K]) => void;

/** Options for {@link EventBus}. */
export interface EventBusOptions {
  /**
   * Called when a listener throws while handling `runtime:error` itself, where
   * emitting another `runtime:error` would loop. Default: ignore.
   */
  onUnreportableError?: (error: unknown) => void;
}

type ErrorEventMap = { "runtime:error": PlayerEventMap["runtime:error"] };

/**
 * The typed event bus of the worker, on `mitt`. A listener that throws does
 * not stop the others: its error is emitted as `runtime:error`
 * (code `runtime/listener-failed`).
 *
 * @example
 * ```ts
 * const bus = new EventBus();
 * const stop = bus.on("runtime:error", ({ error }) => console.warn(error.code));
 * stop();
 * ```
 */
export class EventBus<M extends ErrorEventMap & Record<string, unknown> = PlayerEventMap> {
  private readonly emitter: Emitter<M> = mitt<M>();
  private readonly wrapped = new Map<
    keyof M | "*",
    Map<(...args: never[]) => void, (...args: never[]) => void>
  >();
  private readonly onUnreportableError: (error: unknown) => void;

  constructor(options: EventBusOptions = {}) {
    this.onUnreportableError = options.onUnreportableError ?? (() => {});
  }

  /** Listens to one event; returns a function that removes the listener. */
  on<K extends keyof M>(type: K, listener: EventListener<M[K]>): () => void {
    const safe = (data: M[K]) => {
      try {
        listener(data);
      } catch (error) {
        this.reportListenerError(String(type), error);
      }
    };
    this.remember(type, listener, safe);
    this.emitter.on(type, safe);
    return () => this.off(type, listener);
  }

  /** Listens to one event once. */
  once<K extends keyof M>(type: K, listener: EventListener<M[K]>): () => void {
    const stop = this.on(type, (data) => {
      stop();
      listener(data);
    });
    return stop;
  }

  /** Removes a listener added with {@link on}. */
  off<K extends keyof M>(type: K, listener: EventListener<M[K]>): void {
    const safe = this.forget(type, listener);
    if (safe !== undefined) this.emitter.off(type, safe as EventListener<M[K]>);
  }

  /** Listens to every event (used to forward events out of the worker). */
  onAny(listener: AnyEventListener<M>): () => void {
    const safe = <K extends keyof M>(type: K, data: M[K]) => {
      try {
        listener(type, data);
      } catch (error) {
        this.reportListenerError(String(type), error, "onAny");
      }
    };
    this.remember("*", listener, safe);
    this.emitter.on("*", safe);
    return () => {
      const stored = this.forget("*", listener);
      if (stored !== undefined) this.emitter.off("*", stored as typeof safe);
    };
  }

  /** Emits an event to its listeners, then to `onAny` listeners. */
  emit<K extends keyof M>(type: K, data: M[K]): void {
    this.emitter.emit(type, data);
  }

  /** Number of listeners for one event (or for all, with `*`). */
  listenerCount(type: keyof M | "*"): number {
    return this.wrapped.get(type)?.size ?? 0;
  }

  /** Removes every listener. */
  clear(): void {
    this.emitter.all.clear();
    this.wrapped.clear();
  }

  private remember(
    type: keyof M | "*",
    listener: (...args: never[]) => void,
    safe: (...args: never[]) => void,
  ): void {
    let byListener = this.wrapped.get(type);
    if (byListener === undefined) {
      byListener = new Map();
      this.wrapped.set(type, byListener);
    }
    const previous = byListener.get(listener);
    // Adding the same listener twice keeps one registration, like EventTarget.
    if (previous !== undefined) this.emitter.off(type as keyof M, previous as never);
    byListener.set(listener, safe);
  }

  private forget(
    type: keyof M | "*",
    listener: (...args: never[]) => void,
  ): ((...args: never[]) => void) | undefined {
    const byListener = this.wrapped.get(type);
    const safe = byListener?.get(listener);
    byListener?.delete(listener);
    if (byListener?.size === 0) this.wrapped.delete(type);
    return safe;
  }

  private reportListenerError(type: string, error: unknown, kind = "on"): void {
    // A listener failing on runtime:error would otherwise report itself forever.
    if (type === "runtime:error") {
      this.onUnreportableError(error);
      return;
    }
    const wrapped = new PlayerError(
      "runtime/listener-failed",
      `A${kind === "onAny" ? "n onAny" : ""} listener for "${type}" threw: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, details: { event: type } },
    );
    (this.emitter as unknown as Emitter<ErrorEventMap>).emit("runtime:error", {
      error: wrapped.toJSON(),
      source: "bus",
    });
  }
}
