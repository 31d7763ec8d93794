/**
 * Waits `ms` milliseconds with `setTimeout`, or less if `signal` aborts.
 *
 * @param ms - How long to wait.
 * @param signal - Aborting it clears the timer and rejects with `signal.reason`.
 * @returns A promise that resolves after `ms`, or rejects on abort.
 *
 * @example
 * ```ts
 * await abortableSleep(250, controller.signal);
 * ```
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
