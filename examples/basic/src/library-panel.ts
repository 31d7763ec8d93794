import type { Player, SyncProgressData, Track } from "@player/main-bridge";
import type { PlayTarget } from "./now-playing-panel.js";
import type { PlaylistTarget } from "./playlist-panel.js";

const PAGE = 50;

/**
 * The library: sync progress, counts, the first 50 tracks by title, and a
 * search that runs as you type. Each row can be added to a playlist.
 */
export function mountLibraryPanel(
  player: Player,
  playlists: PlaylistTarget,
  nowPlaying: PlayTarget,
  report: (error: unknown) => void,
): void {
  const status = document.getElementById("sync-status") as HTMLOutputElement;
  const counts = document.getElementById("library-counts") as HTMLParagraphElement;
  const body = document.querySelector("#tracks tbody") as HTMLTableSectionElement;
  const search = document.getElementById("search") as HTMLInputElement;
  const results = document.getElementById("search-results") as HTMLUListElement;
  const syncNow = document.getElementById("sync-now") as HTMLButtonElement;

  const addButton = (key: string) => {
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "+ playlist";
    button.className = "add-to-playlist";
    button.addEventListener("click", () => void playlists.add(key).catch(report));
    return button;
  };

  const playButton = (track: Track) => {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "play";
    button.textContent = track.title;
    button.addEventListener("click", () => nowPlaying.play(track.key, track.title));
    return button;
  };

  const row = (track: Track) => {
    const tr = document.createElement("tr");
    tr.dataset.key = track.key;
    const titleCell = document.createElement("td");
    titleCell.append(playButton(track));
    tr.append(titleCell);
    for (const text of [track.artist, track.album]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    const actions = document.createElement("td");
    actions.append(addButton(track.key));
    tr.append(actions);
    return tr;
  };

  // Rows on screen whose tags are still file-name guesses jump the tag scan's queue.
  const prioritizeShown = async (tracks: readonly Track[]) => {
    const waiting = tracks.filter((track) => track.needsTags).map((track) => track.key);
    if (waiting.length > 0) await player.metadata.prioritize(waiting);
  };

  const refresh = async () => {
    const [summary, page] = await Promise.all([
      player.library.counts(),
      player.library.queryTracks({ sort: "title", limit: PAGE }),
    ]);
    counts.textContent = `${summary.tracks} tracks · ${summary.albums} albums · ${summary.artists} artists · ${summary.playlists} playlists`;
    counts.dataset.tracks = String(summary.tracks);
    body.replaceChildren(...page.items.map(row));
    await prioritizeShown(page.items);
  };

  // Tracks arrive page by page during a sync: redraw at most every 200 ms.
  let scheduled = false;
  const scheduleRefresh = () => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(() => {
      scheduled = false;
      void refresh().catch(report);
    }, 200);
  };

  let searchSeq = 0;
  const runSearch = async () => {
    const seq = ++searchSeq;
    const query = search.value.trim();
    if (query === "") {
      results.replaceChildren();
      results.dataset.total = "0";
      return;
    }
    const found = await player.library.search(query, { limit: 20 });
    if (seq !== searchSeq) return; // a newer keystroke already asked
    results.replaceChildren(
      ...found.items.map(({ track }) => {
        const item = document.createElement("li");
        item.dataset.key = track.key;
        item.append(
          playButton(track),
          ` — ${track.artist} (${track.album}) `,
          addButton(track.key),
        );
        return item;
      }),
    );
    results.dataset.total = String(found.total);
    results.dataset.query = query;
    await prioritizeShown(found.items.map(({ track }) => track));
  };
  search.addEventListener("input", () => void runSearch().catch(report));

  const progressText = ({ accountId, phase, processed, discovered }: SyncProgressData) =>
    `Syncing ${accountId} (${phase}): ${processed} of ${discovered} files stored`;
  player.on("sync:start", ({ accountId }) => {
    status.value = `Syncing ${accountId}…`;
    status.dataset.state = "syncing";
  });
  player.on("sync:progress", (data) => {
    status.value = progressText(data);
    status.dataset.state = "syncing";
    status.dataset.progressSeen = "true";
  });
  player.on("sync:end", ({ accountId, outcome, added, updated, removed, durationMs }) => {
    status.value = `${outcome === "completed" ? "Synced" : "Sync cancelled for"} ${accountId}: +${added} ~${updated} −${removed} in ${Math.round(durationMs)} ms`;
    status.dataset.state = outcome === "completed" ? "done" : "cancelled";
    scheduleRefresh();
    void runSearch().catch(report);
  });
  player.on("sync:error", ({ accountId, error }) => {
    status.value = `Sync of ${accountId} failed: ${error.code}`;
    status.dataset.state = "error";
  });
  player.on("library:tracks-changed", scheduleRefresh);
  player.on("library:playlists-changed", scheduleRefresh);
  syncNow.addEventListener("click", () => void player.sync.syncNow().catch(report));

  void player.ready.then(
    () => refresh().catch(report),
    () => {},
  );
}
