import type { Player } from "@player/main-bridge";
import { BlobImage } from "./blob-image.js";

/** The 96 px variant, shown at 48 CSS pixels: sharp on 2× screens. */
const COVER_SIZE = 96;

/** The playing track's cover (its own picture, else its album's) next to its title. */
export function mountNowPlayingCover(player: Player, report: (error: unknown) => void): void {
  const slot = document.getElementById("now-cover") as HTMLElement;
  const image = new BlobImage("now-cover", COVER_SIZE / 2);
  slot.append(image.element);
  let seq = 0;

  const show = (trackId: string | undefined) => {
    const mine = ++seq;
    slot.dataset.trackId = trackId ?? "";
    if (trackId === undefined) {
      image.show(undefined);
      slot.dataset.state = "none";
      return;
    }
    slot.dataset.state = "loading";
    player.library.getArtwork(trackId, COVER_SIZE).then((blob) => {
      if (mine !== seq) return; // the next track came first
      image.show(blob);
      slot.dataset.state = image.shown ? "shown" : "none";
    }, report);
  };

  player.on("playback:track-changed", ({ trackId }) => show(trackId));
  player.on("playback:state", ({ state }) => {
    if (state === "idle") show(undefined);
  });
}
