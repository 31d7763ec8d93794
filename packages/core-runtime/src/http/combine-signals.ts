/** What {@link combineSignals} returns. */
export interface CombinedSignal {
  /** Aborts when the caller's signal or the own controller aborts. */
  signal: AbortSignal;
  /** Stops forwarding the caller's abort; call it when the request is over. */
  unlink: () => void;
}

/** `AbortSignal.any`, where the platform has it. */
export type AnySignalFunction = (signals: AbortSignal[]) => AbortSignal;

function platformAny(): AnySignalFunction | null {
  return typeof AbortSignal.any === "function" ? AbortSignal.any.bind(AbortSignal) : null;
}

/**
 * A signal for one attempt: aborted by the caller's signal or by our own
 * controller (the timeout). `AbortSignal.any` is preferred because it holds the
 * caller's signal weakly, so a long-lived caller signal shared by many
 * requests does not collect one listener per response body still being read.
 *
 * @param caller - The caller's signal, if any.
 * @param own - The controller the client aborts itself.
 * @param any - `AbortSignal.any` or a stand-in; `null` links with a listener
 *   instead. Default: the platform's `AbortSignal.any`, else `null`.
 *
 * @example
 * ```ts
 * const { signal, unlink } = combineSignals(init.signal, timeoutController);
 * try { await fetch(url, { signal }); } finally { unlink(); }
 * ```
 */
export function combineSignals(
  caller: AbortSignal | undefined,
  own: AbortController,
  any: AnySignalFunction | null = platformAny(),
): CombinedSignal {
  if (caller === undefined) return { signal: own.signal, unlink: () => undefined };
  if (any !== null) return { signal: any([caller, own.signal]), unlink: () => undefined };
  const forward = (): void => own.abort(caller.reason);
  if (caller.aborted) forward();
  else caller.addEventListener("abort", forward, { once: true });
  return { signal: own.signal, unlink: () => caller.removeEventListener("abort", forward) };
}
