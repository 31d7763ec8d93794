import type { Player } from "@player/main-bridge";

/**
 * Calls `refresh` when the library has changed and settled: not on every page
 * a running sync stores (the album and artist views would redraw and fetch
 * covers a dozen times a second while the listing needs the worker), but
 * once the sync ends, on later changes, and when the tag scan goes idle.
 */
export function onLibrarySettled(player: Player, refresh: () => void): void {
  const syncing = new Set<string>();
  const ended = ({ accountId }: { accountId: string }) => {
    syncing.delete(accountId);
    if (syncing.size === 0) refresh();
  };
  player.on("sync:start", ({ accountId }) => syncing.add(accountId));
  player.on("sync:end", ended);
  player.on("sync:error", ended);
  player.on("library:tracks-changed", () => {
    if (syncing.size === 0) refresh();
  });
  player.on("metadata:progress", ({ state }) => {
    if (state === "idle") refresh();
  });
}
