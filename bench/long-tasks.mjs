// The page's long tasks (> 50 ms, Long Tasks API), shared by the benchmarks
// that watch the main thread: an observer installed before the app loads, and
// a self-check that it does report them.

/** Runs in the page before the app (page.addInitScript): records every long task of the main thread. */
export const RECORD_LONG_TASKS = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const task of list.getEntries())
      window.__longTasks.push({ startTime: task.startTime, duration: task.duration });
  }).observe({ type: "longtask", buffered: true });
`;

/**
 * An 80 ms busy loop in a page timer task (not inside the DevTools
 * evaluation, like the app's own work) must show up as a long task. Chromium
 * delivers the entries lazily, so the probe gets three tries.
 */
export async function assertObserverWorks(page) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.evaluate(() => {
      setTimeout(() => {
        for (const end = performance.now() + 80; performance.now() < end; );
      }, 0);
    });
    const seen = await page
      .waitForFunction(() => window.__longTasks.some((task) => task.duration >= 80), null, {
        timeout: 5_000,
      })
      .then(
        () => true,
        () => false,
      );
    if (seen) return;
  }
  throw new Error("The long-task observer reported no probe: the figures would mean nothing");
}
