import type { MetadataProgressData, Player } from "@player/main-bridge";

const unreadableNote = (unreadable: number) =>
  unreadable === 0 ? "" : ` (${unreadable} unreadable)`;

/**
 * One line for the background tag scan that follows each sync: "Reading
 * tags: 120 / 480 (3 unreadable)" while it runs, "Tags read for all 480
 * tracks" once idle. The numbers are also data attributes, for tests.
 */
export function mountScanProgressPanel(player: Player, report: (error: unknown) => void): void {
  const line = document.getElementById("scan-status") as HTMLOutputElement;
  let seq = 0;

  const show = async (progress: MetadataProgressData) => {
    const mine = ++seq;
    const { state, done, remaining, unreadable, failed } = progress;
    Object.assign(line.dataset, {
      state,
      done: String(done),
      remaining: String(remaining),
      unreadable: String(unreadable),
      failed: String(failed),
    });
    if (state === "scanning") {
      line.value = `Reading tags: ${done} / ${done + remaining}${unreadableNote(unreadable)}`;
      return;
    }
    // Idle: say it for the whole library, not only for what this scan read.
    const { tracks } = await player.library.counts();
    if (mine !== seq) return; // a newer progress event already drew the line
    line.dataset.tracks = String(tracks);
    const read = tracks - remaining;
    // Transient failures (network) are read again on the next pass.
    const retry = failed === 0 ? "" : `; ${failed} reads failed for now`;
    line.value =
      tracks === 0
        ? "No tracks to read tags of yet"
        : `${read === tracks ? `Tags read for all ${tracks}` : `Tags read for ${read} of ${tracks}`} tracks${unreadableNote(unreadable)}${retry}`;
  };

  player.on("metadata:progress", (progress) => void show(progress).catch(report));
  // Where the scan stands before the next event (the page may open mid-scan).
  void player.ready
    .then(
      async () => {
        const before = seq;
        const status = await player.metadata.getScanStatus();
        if (seq === before) await show(status);
      },
      () => {},
    )
    .catch(report);
}
