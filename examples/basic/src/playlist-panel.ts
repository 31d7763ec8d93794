import type { Player, Playlist } from "@player/main-bridge";

/** What the library panel needs from the playlist panel. */
export interface PlaylistTarget {
  /** Adds a track to the selected playlist (creating "My playlist" if there is none). */
  add(trackKey: string): Promise<void>;
}

/** A minimal playlist UI: create one, pick one, see its entries. */
export function mountPlaylistPanel(
  player: Player,
  report: (error: unknown) => void,
): PlaylistTarget {
  const nameInput = document.getElementById("playlist-name") as HTMLInputElement;
  const create = document.getElementById("create-playlist") as HTMLButtonElement;
  const select = document.getElementById("playlists") as HTMLSelectElement;
  const entries = document.getElementById("playlist-entries") as HTMLOListElement;

  const renderPlaylists = (playlists: Playlist[], selected: string) => {
    select.replaceChildren(
      ...playlists.map((playlist) => {
        const option = document.createElement("option");
        option.value = playlist.id;
        option.textContent = playlist.name;
        return option;
      }),
    );
    if (playlists.some((playlist) => playlist.id === selected)) select.value = selected;
    select.dataset.count = String(playlists.length);
  };

  const renderEntries = async () => {
    const id = select.value;
    const rows = id === "" ? [] : await player.library.getPlaylistEntries(id);
    if (select.value !== id) return; // another playlist was picked meanwhile
    entries.replaceChildren(
      ...rows.map((entry) => {
        const item = document.createElement("li");
        item.dataset.key = entry.trackKey;
        item.textContent = `${entry.snapshot.title} — ${entry.snapshot.artist}${entry.available ? "" : " (gone)"}`;
        return item;
      }),
    );
    entries.dataset.count = String(rows.length);
  };

  const refresh = async (selected = select.value) => {
    renderPlaylists(await player.library.listPlaylists(), selected);
    await renderEntries();
  };

  const createPlaylist = async (name: string) => {
    const playlist = await player.library.createPlaylist(name);
    await refresh(playlist.id);
    return playlist;
  };

  create.addEventListener("click", () => {
    const name = nameInput.value.trim() || "My playlist";
    createPlaylist(name).then(() => {
      nameInput.value = "";
    }, report);
  });
  select.addEventListener("change", () => void renderEntries().catch(report));
  player.on("library:playlists-changed", () => void refresh().catch(report));
  void player.ready.then(
    () => refresh(),
    () => {},
  );

  return {
    async add(trackKey) {
      const id = select.value === "" ? (await createPlaylist("My playlist")).id : select.value;
      await player.library.addToPlaylist(id, [trackKey]);
    },
  };
}
