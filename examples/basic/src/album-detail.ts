import type { LibraryAlbum, Player, Track } from "@player/main-bridge";
import type { PlayTarget } from "./now-playing-panel.js";

/** What the album grids need: a way to open an album. */
export interface AlbumOpener {
  /** Shows the album's tracks in disc and track order. */
  open(album: LibraryAlbum): void;
  /** Reloads the open album's tracks (the library changed). */
  refresh(): Promise<void>;
}

const duration = (ms: number | undefined) => {
  if (ms === undefined) return "";
  const seconds = Math.round(ms / 1000);
  return ` · ${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

/** `3` on a one-disc album, `2-03` on a multi-disc one. */
const position = (track: Track, multiDisc: boolean) => {
  const number = track.trackNumber === undefined ? "–" : String(track.trackNumber);
  return multiDisc ? `${track.discNumber ?? 1}-${number.padStart(2, "0")}` : number;
};

/**
 * The open album: its tracks in disc and track order, each playable. Opening
 * one moves its tracks up the tag scan's queue, so the rows on screen get
 * their real tags first.
 */
export function mountAlbumDetail(
  player: Player,
  nowPlaying: PlayTarget,
  report: (error: unknown) => void,
): AlbumOpener {
  const section = document.getElementById("album-detail") as HTMLElement;
  const heading = document.getElementById("album-heading") as HTMLHeadingElement;
  const list = document.getElementById("album-tracks") as HTMLOListElement;
  let current: LibraryAlbum | undefined;
  let seq = 0;

  const row = (track: Track, multiDisc: boolean) => {
    const item = document.createElement("li");
    item.dataset.key = track.key;
    item.dataset.disc = String(track.discNumber ?? 1);
    if (track.trackNumber !== undefined) item.dataset.track = String(track.trackNumber);
    const number = document.createElement("span");
    number.className = "track-no";
    number.textContent = position(track, multiDisc);
    const play = document.createElement("button");
    play.type = "button";
    play.className = "play";
    play.textContent = track.title;
    play.addEventListener("click", () => nowPlaying.play(track.key, track.title));
    item.append(number, " ", play, ` — ${track.artist}${duration(track.durationMs)}`);
    return item;
  };

  const load = async () => {
    const album = current;
    if (album === undefined) return;
    const mine = ++seq;
    const page = await player.library.queryTracks({
      filter: { albumId: album.id },
      sort: "album",
      limit: 1000,
    });
    if (mine !== seq) return; // another album was opened meanwhile
    const tracks = page.items;
    const multiDisc = tracks.some((track) => (track.discNumber ?? 1) > 1);
    heading.textContent = `${album.title || "Unknown album"} — ${album.artist || "Unknown artist"}${album.year === undefined ? "" : ` (${album.year})`}`;
    if (tracks.length === 0) {
      const gone = document.createElement("li");
      gone.textContent = "No tracks any more: their tags moved them to another album.";
      list.replaceChildren(gone);
    } else {
      list.replaceChildren(...tracks.map((track) => row(track, multiDisc)));
    }
    list.dataset.count = String(tracks.length);
    section.dataset.state = "loaded";
    const waiting = tracks.filter((track) => track.needsTags).map((track) => track.key);
    if (waiting.length > 0) await player.metadata.prioritize(waiting);
  };

  return {
    open(album) {
      current = album;
      section.hidden = false;
      section.dataset.albumId = album.id;
      section.dataset.state = "loading";
      void load().catch(report);
    },
    refresh: load,
  };
}
