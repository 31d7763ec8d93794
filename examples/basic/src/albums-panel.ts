import type { Player } from "@player/main-bridge";
import type { AlbumOpener } from "./album-detail.js";
import { AlbumGrid } from "./album-grid.js";
import { coalesce } from "./coalesce.js";
import { onLibrarySettled } from "./library-settled.js";

/** Albums per step of "Show more". */
const STEP = 60;

/**
 * The album grid: the first 60 albums by title (more on demand), built from
 * the files' tags, so it is redrawn when the library has changed and
 * settled (after a sync, when the tag scan goes idle). Clicking a tile opens the album.
 */
export function mountAlbumsPanel(
  player: Player,
  opener: AlbumOpener,
  report: (error: unknown) => void,
): void {
  const summary = document.getElementById("album-summary") as HTMLParagraphElement;
  const more = document.getElementById("more-albums") as HTMLButtonElement;
  const grid = new AlbumGrid(player, document.getElementById("albums") as HTMLElement, (album) =>
    opener.open(album),
  );
  let limit = STEP;

  const refresh = async () => {
    const [counts, page] = await Promise.all([
      player.library.counts(),
      player.library.listAlbums({ limit }),
    ]);
    grid.render(page.items);
    summary.textContent =
      counts.albums === 0
        ? "No albums yet."
        : `Showing ${page.items.length} of ${counts.albums} albums.`;
    summary.dataset.albums = String(counts.albums);
    more.hidden = page.nextCursor === null;
  };
  const scheduleRefresh = coalesce(
    async () => {
      await refresh();
      await opener.refresh();
    },
    300,
    report,
  );

  more.addEventListener("click", () => {
    limit = Math.min(1000, limit + STEP);
    void refresh().catch(report);
  });
  onLibrarySettled(player, scheduleRefresh);
  void player.ready.then(
    () => refresh().catch(report),
    () => {},
  );
}
