/** LRC sidecars for generated tracks: ID tags and a few lines timed inside the tone. */
import type { TrackFacts } from "../library/library-types.js";
import { TONE_DURATION_MS } from "../library/tone-plan.js";
import { utf8Bytes } from "./byte-writer.js";

/** How far apart the timed lines are: four lines inside the 3 s tone. */
const LINE_SPACING_MS = 750;

/**
 * Renders a track's `.lrc` file (UTF-8, no BOM, LF line ends).
 *
 * @example
 * ```text
 * [ar:Artist]
 * [ti:Title]
 * [al:Album]
 * [length:00:03]
 * [00:00.00]Title
 * [00:00.75]Artist
 * ...
 * ```
 */
export function renderLyrics(track: TrackFacts): Uint8Array {
  const lines = [
    track.title,
    `by ${track.artist}`,
    `from ${track.album}`,
    `${track.frequencyHz} Hz, track ${track.trackNumber} of ${track.trackCount}`,
  ];
  const text = [
    `[ar:${singleLine(track.artist)}]`,
    `[ti:${singleLine(track.title)}]`,
    `[al:${singleLine(track.album)}]`,
    `[length:${formatLength(TONE_DURATION_MS)}]`,
    ...lines.map((line, i) => `[${formatTimestamp(i * LINE_SPACING_MS)}]${singleLine(line)}`),
    "",
  ].join("\n");
  return utf8Bytes(text);
}

/** `mm:ss.xx`, the LRC time tag. */
function formatTimestamp(ms: number): string {
  const centiseconds = Math.floor(ms / 10);
  const minutes = Math.floor(centiseconds / 6000);
  const seconds = Math.floor(centiseconds / 100) % 60;
  return `${pad(minutes)}:${pad(seconds)}.${pad(centiseconds % 100)}`;
}

/** `mm:ss`, the `[length:]` tag. */
function formatLength(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, "0");
}

/** A line break inside a value would end the LRC line early. */
function singleLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ");
}
