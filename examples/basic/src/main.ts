import { createPlayer, isPlayerError } from "@player/main-bridge";
import PlayerWorker from "@player/worker-host/worker?worker";
import { mountAccountsPanel } from "./accounts-panel.js";
import { mountAlbumDetail } from "./album-detail.js";
import { mountAlbumsPanel } from "./albums-panel.js";
import { mountArtistsPanel } from "./artists-panel.js";
import { mountLibraryPanel } from "./library-panel.js";
import { localAuth, localRemoteMetadata } from "./local-cloud.js";
import { mountLyricsPanel } from "./lyrics-panel.js";
import { mountNowPlayingCover } from "./now-playing-cover.js";
import { mountNowPlayingPanel } from "./now-playing-panel.js";
import { mountPlaylistPanel } from "./playlist-panel.js";
import { mountScanProgressPanel } from "./scan-progress-panel.js";

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const status = $<HTMLOutputElement>("status");
const result = $<HTMLOutputElement>("result");
const log = $<HTMLUListElement>("log");
const buttons = ["ping", "burst", "bad-config", "dispose"].map((id) => $<HTMLButtonElement>(id));

function show(line: string): void {
  const item = document.createElement("li");
  item.textContent = line;
  log.prepend(item);
  while (log.childElementCount > 200) log.lastElementChild?.remove();
}

const player = createPlayer({
  worker: new PlayerWorker({ name: "player" }),
  config: { log: { level: "info" }, metadata: { remote: localRemoteMetadata } },
  auth: localAuth,
});
// Exposed for the browser tests and for poking at from the console.
Object.assign(window, { player, createPlayerForTest: createPlayer });

player.on("runtime:ready", ({ version, startupMs }) =>
  show(`runtime:ready  v${version} in ${startupMs.toFixed(1)} ms`),
);
player.on("runtime:config-changed", ({ config }) =>
  show(`runtime:config-changed  http.retries=${config.http.retries}`),
);
player.on("runtime:error", ({ error, source }) =>
  show(`runtime:error  ${error.code} from ${source}`),
);
player.on("runtime:worker-lost", ({ message }) => {
  show(`runtime:worker-lost  ${message}`);
  status.value = "worker lost";
});
mountAccountsPanel(player, show);
const showError = (error: unknown) =>
  show(isPlayerError(error) ? `error  ${error.code}: ${error.message}` : `error  ${String(error)}`);
const nowPlaying = mountNowPlayingPanel(player, showError);
mountNowPlayingCover(player, showError);
mountLyricsPanel(player);
mountLibraryPanel(player, mountPlaylistPanel(player, showError), nowPlaying, showError);
mountScanProgressPanel(player, showError);
const albumDetail = mountAlbumDetail(player, nowPlaying, showError);
mountAlbumsPanel(player, albumDetail, showError);
mountArtistsPanel(player, albumDetail, showError);
player.on("metadata:progress", ({ state, done, remaining }) => {
  if (state === "idle") show(`metadata:progress  idle, ${done} read, ${remaining} left`);
});
player.on("sync:end", ({ accountId, added }) => show(`sync:end  ${accountId} +${added}`));

let ticks = 0;
player.on("diagnostics:tick", ({ seq, total }) => {
  ticks++;
  if (seq === total - 1) show(`diagnostics:tick ×${total} (received ${ticks} so far)`);
});

player.ready.then(
  ({ version }) => {
    status.value = `ready (v${version})`;
    status.dataset.state = "ready";
    for (const button of buttons) button.disabled = false;
  },
  (error: unknown) => {
    status.value = `failed: ${String(error)}`;
    status.dataset.state = "failed";
  },
);

function report(promise: Promise<string>): void {
  promise.then(
    (text) => {
      result.value = text;
      result.dataset.code = "";
    },
    (error: unknown) => {
      result.value = isPlayerError(error) ? `${error.code}: ${error.message}` : String(error);
      result.dataset.code = isPlayerError(error) ? error.code : "unknown";
    },
  );
}

buttons[0]?.addEventListener("click", () =>
  report(player.diagnostics.ping().then((ms) => `pong in ${ms.toFixed(2)} ms`)),
);
buttons[1]?.addEventListener("click", () =>
  report(player.diagnostics.emitBurst(1_000).then((count) => `worker emitted ${count} events`)),
);
buttons[2]?.addEventListener("click", () =>
  // A typo in a config key, as an integrator might make it.
  report(player.configure({ http: { timeotMs: 5_000 } } as never).then(() => "accepted?!")),
);
buttons[3]?.addEventListener("click", () => {
  player.dispose();
  status.value = "disposed";
  status.dataset.state = "disposed";
  for (const button of buttons) button.disabled = true;
});
