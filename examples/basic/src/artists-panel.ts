import type { LibraryArtist, Player } from "@player/main-bridge";
import type { AlbumOpener } from "./album-detail.js";
import { AlbumGrid } from "./album-grid.js";
import { coalesce } from "./coalesce.js";
import { onLibrarySettled } from "./library-settled.js";

/** Artists listed; a real app would page or virtualise the list. */
const LIMIT = 100;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * Artists by name with their album and track counts (track artists and album
 * artists alike). Clicking one shows the albums they are the album artist
 * of, as tiles that open the album.
 */
export function mountArtistsPanel(
  player: Player,
  opener: AlbumOpener,
  report: (error: unknown) => void,
): void {
  const list = document.getElementById("artists") as HTMLUListElement;
  const heading = document.getElementById("artist-albums-heading") as HTMLHeadingElement;
  const albums = document.getElementById("artist-albums") as HTMLElement;
  const grid = new AlbumGrid(player, albums, (album) => opener.open(album));
  let selected: LibraryArtist | undefined;

  const showAlbums = async () => {
    const artist = selected;
    if (artist === undefined) return;
    const page = await player.library.listAlbums({ artistId: artist.id, limit: 200 });
    if (selected?.id !== artist.id) return; // another artist was picked meanwhile
    grid.render(page.items);
    albums.dataset.artistId = artist.id;
    heading.textContent =
      page.items.length === 0
        ? `${artist.name} is not the album artist of any album (only of tracks on others).`
        : `Albums by ${artist.name}`;
  };

  const row = (artist: LibraryArtist) => {
    const item = document.createElement("li");
    item.dataset.artistId = artist.id;
    const name = document.createElement("button");
    name.type = "button";
    name.className = "artist";
    name.textContent = artist.name === "" ? "Unknown artist" : artist.name;
    name.addEventListener("click", () => {
      selected = artist;
      void showAlbums().catch(report);
    });
    item.append(
      name,
      ` — ${plural(artist.albumCount, "album")} · ${plural(artist.trackCount, "track")}`,
    );
    return item;
  };

  const refresh = async () => {
    const page = await player.library.listArtists({ limit: LIMIT });
    list.replaceChildren(...page.items.map(row));
    list.dataset.count = String(page.items.length);
    await showAlbums();
  };
  const scheduleRefresh = coalesce(refresh, 300, report);
  onLibrarySettled(player, scheduleRefresh);
  void player.ready.then(
    () => refresh().catch(report),
    () => {},
  );
}
