/**
 * Returns a function that runs `task` once, `delayMs` after the first of any
 * number of calls: library events come in bursts during a sync or the tag
 * scan, and one redraw per burst is enough. Unlike a plain debounce it
 * cannot be starved by a steady stream of events.
 */
export function coalesce(
  task: () => Promise<void>,
  delayMs: number,
  report: (error: unknown) => void,
): () => void {
  let scheduled = false;
  return () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      task().catch(report);
    }, delayMs);
  };
}
