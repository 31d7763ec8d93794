/**
 * Generated album covers: a striped background and a symmetric 5×5 motif,
 * colours and motif derived from a key, so each album has its own
 * recognisable cover at every size.
 */
import type { TrackFacts } from "../library/library-types.js";
import { encodePalettePng, type Rgb } from "./png-encoder.js";
import { createSeededRandom, hashString } from "./seeded-random.js";
import type { EmbeddedPicture } from "./track-tags.js";

/** Edge length of the covers embedded in audio files. */
export const EMBEDDED_COVER_SIZE_PX = 250;

const MIN_SIZE_PX = 16;
const MAX_SIZE_PX = 4096;
const GRID = 5;

/**
 * Renders a square PNG cover for `key`. The same key gives the same design
 * at every size, and the same bytes for the same size.
 *
 * @param key - What the cover belongs to; the emulator uses the album
 * ({@link coverArtKeyForTrack}).
 * @param sizePx - Edge length in pixels, 16 to 4096 (the Cover Art Archive
 * serves 250, 500 and 1200).
 * @returns PNG bytes, 8-bit palette, a few kilobytes.
 *
 * @example
 * ```ts
 * const png = renderCoverArt("Blue Train", 500);
 * ```
 */
export function renderCoverArt(key: string, sizePx: number): Uint8Array {
  if (!Number.isInteger(sizePx) || sizePx < MIN_SIZE_PX || sizePx > MAX_SIZE_PX) {
    throw new RangeError(
      `sizePx must be an integer from ${MIN_SIZE_PX} to ${MAX_SIZE_PX}, got ${String(sizePx)}.`,
    );
  }
  const random = createSeededRandom(hashString(key));
  const hue = random() % 360;
  const palette: Rgb[] = [
    hslToRgb(hue, 0.35, 0.16), // background
    hslToRgb(hue, 0.35, 0.22), // background stripe
    hslToRgb(hue, 0.65, 0.55), // motif
    hslToRgb((hue + 150) % 360, 0.6, 0.6), // motif accent
  ];
  // The left three columns are drawn and mirrored; 0 = empty, else a palette index.
  const motif: number[] = [];
  for (let cell = 0; cell < GRID * 3; cell++) {
    const bits = random();
    motif.push(bits & 1 ? 0 : bits & 2 ? 2 : 3);
  }

  const margin = Math.floor(sizePx * 0.15);
  const cellSize = (sizePx - 2 * margin) / GRID;
  const stripe = Math.max(1, Math.floor(sizePx / 16));
  const pixels = new Uint8Array(sizePx * sizePx);
  for (let y = 0; y < sizePx; y++) {
    const row = Math.floor((y - margin) / cellSize);
    for (let x = 0; x < sizePx; x++) {
      const column = Math.floor((x - margin) / cellSize);
      let colour = Math.floor((x + y) / stripe) % 2;
      if (row >= 0 && row < GRID && column >= 0 && column < GRID) {
        const mirrored = column < 3 ? column : GRID - 1 - column;
        colour = motif[row * 3 + mirrored] || colour;
      }
      pixels[y * sizePx + x] = colour;
    }
  }
  return encodePalettePng(sizePx, sizePx, palette, pixels);
}

/** The key a track's embedded cover is rendered from: its album title. */
export function coverArtKeyForTrack(track: Pick<TrackFacts, "album">): string {
  return track.album;
}

/** Renders a track's embedded cover with the facts the tag writers record. */
export function renderEmbeddedCover(key: string): EmbeddedPicture {
  return {
    mimeType: "image/png",
    data: renderCoverArt(key, EMBEDDED_COVER_SIZE_PX),
    width: EMBEDDED_COVER_SIZE_PX,
    height: EMBEDDED_COVER_SIZE_PX,
    colorDepth: 8,
    paletteSize: 4,
  };
}

function hslToRgb(hue: number, saturation: number, lightness: number): Rgb {
  const chroma = (1 - Math.abs(2 * lightness - 1)) * saturation;
  const channel = (n: number): number => {
    const k = (n + hue / 30) % 12;
    const value = lightness - (chroma / 2) * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255);
  };
  return [channel(0), channel(8), channel(4)];
}
