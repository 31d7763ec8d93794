// The page's main thread while music plays: long tasks (> 50 ms, Long Tasks
// API) during 10 s of playback with five seeks. The observer is installed
// before the app loads (RECORD_LONG_TASKS); a busy-loop probe afterwards
// checks that it does report long tasks.
import { assertObserverWorks } from "./long-tasks.mjs";
import { stopAndSettle } from "./playback-page.mjs";

const SEEK_TARGETS = [12.25, 3.25, 20.25, 6.25, 16.25];

/** Plays `track` for 10 s, seeking every 2 s; returns the long tasks that overlap that span. */
export async function measureLongTasks(page, track) {
  await page.evaluate(stopAndSettle, 300);
  const startedAt = await page.evaluate(async (key) => {
    const started = performance.now();
    await window.player.play(key);
    return started;
  }, track.key);
  for (const target of SEEK_TARGETS) {
    await page.waitForTimeout(2_000);
    await page.evaluate((seconds) => window.player.seek(seconds), target);
  }
  await page.waitForTimeout(2_000);
  const { endedAt, longTasks, position } = await page.evaluate(() => ({
    endedAt: performance.now(),
    longTasks: window.__longTasks,
    position: window.__bench.position,
  }));
  await page.evaluate(stopAndSettle, 100);
  await assertObserverWorks(page);
  const during = longTasks.filter(
    (task) => task.startTime + task.duration >= startedAt && task.startTime <= endedAt,
  );
  return {
    spanMs: endedAt - startedAt,
    seeks: SEEK_TARGETS.length,
    finalPosition: position,
    longTasks: during.map((task) => Math.round(task.duration)),
    /** When each began, in seconds from the play() call. */
    startsAt: during.map((task) => (task.startTime - startedAt) / 1000),
  };
}
