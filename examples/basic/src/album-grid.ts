import type { LibraryAlbum, Player } from "@player/main-bridge";
import { BlobImage } from "./blob-image.js";

/** Pixels asked of the worker for a tile; shown at half that, sharp on 2× screens. */
const TILE_ARTWORK_SIZE = 256;

interface Tile {
  element: HTMLButtonElement;
  image: BlobImage;
  /** What the tile shows, to tell whether a redraw can keep it. */
  signature: string;
  /** Asks the worker for the cover. */
  loadArtwork(): void;
}

const signatureOf = (album: LibraryAlbum) =>
  JSON.stringify([album.title, album.artist, album.trackCount, album.year]);

/**
 * A grid of album tiles: cover, title, album artist and track count. Redraws
 * keep the tiles (and pictures) of albums that did not change, so the grid
 * does not flicker while a sync or the tag scan updates the library; tiles
 * that leave the grid release their picture.
 */
export class AlbumGrid {
  readonly #player: Player;
  readonly #container: HTMLElement;
  readonly #onOpen: (album: LibraryAlbum) => void;
  #tiles = new Map<string, Tile>();

  constructor(player: Player, container: HTMLElement, onOpen: (album: LibraryAlbum) => void) {
    this.#player = player;
    this.#container = container;
    this.#onOpen = onOpen;
  }

  /** Shows these albums, in this order. */
  render(albums: readonly LibraryAlbum[]): void {
    const next = new Map<string, Tile>();
    for (const album of albums) {
      const known = this.#tiles.get(album.id);
      if (known !== undefined && known.signature === signatureOf(album)) {
        // A tile without a picture asks again: the scan may have found one since.
        const artwork = known.element.dataset.artwork;
        if (artwork === "none" || artwork === "error") known.loadArtwork();
        next.set(album.id, known);
        this.#tiles.delete(album.id);
      } else {
        next.set(album.id, this.#createTile(album));
      }
    }
    for (const gone of this.#tiles.values()) gone.image.dispose();
    this.#tiles = next;
    this.#container.replaceChildren(...[...next.values()].map((tile) => tile.element));
    this.#container.dataset.count = String(next.size);
  }

  /** Removes every tile and releases their pictures. */
  clear(): void {
    this.render([]);
  }

  #createTile(album: LibraryAlbum): Tile {
    const element = document.createElement("button");
    element.type = "button";
    element.className = "album-tile";
    element.dataset.albumId = album.id;
    element.dataset.trackCount = String(album.trackCount);
    element.dataset.artwork = "loading";
    element.title = `Open ${album.title}`;

    const image = new BlobImage("cover", TILE_ARTWORK_SIZE / 2);
    const placeholder = document.createElement("span");
    placeholder.className = "cover placeholder";
    placeholder.textContent = "♪";
    const title = document.createElement("span");
    title.className = "album-title";
    title.textContent = album.title === "" ? "Unknown album" : album.title;
    const artist = document.createElement("span");
    artist.className = "album-artist";
    artist.textContent = album.artist === "" ? "Unknown artist" : album.artist;
    const count = document.createElement("span");
    count.className = "album-count";
    count.textContent = `${album.trackCount} ${album.trackCount === 1 ? "track" : "tracks"}${album.year === undefined ? "" : ` · ${album.year}`}`;
    element.append(image.element, placeholder, title, artist, count);
    element.addEventListener("click", () => this.#onOpen(album));

    const loadArtwork = () => {
      element.dataset.artwork = "loading";
      this.#player.library.getAlbumArtwork(album.id, TILE_ARTWORK_SIZE).then(
        (blob) => {
          image.show(blob);
          placeholder.hidden = image.shown;
          element.dataset.artwork = image.shown ? "shown" : "none";
        },
        () => {
          element.dataset.artwork = "error";
        },
      );
    };
    loadArtwork();
    return { element, image, signature: signatureOf(album), loadArtwork };
  }
}
